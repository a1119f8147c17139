#!/usr/bin/env bash
# Compiles each README module example the way a new user would: in a package OUTSIDE this repository that
# depends on the SDK by path, with exactly the imports the README shows (inside the package every module is
# visible transitively, so PublicAPITests cannot catch a missing import).
#
#   Scripts/check-readme-examples.sh            # builds in a fresh temporary folder, removed afterwards
#   WORK=/tmp/readme-examples Scripts/check-readme-examples.sh   # reuses (and keeps) that folder: the second
#                                                                  # run rebuilds only the SDK's own modules
#
# A path dependency's package name is its folder name (here: the name of the folder this repository is in),
# so the generated manifest names products with `package: "<folder>"`.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
package_name="$(basename "$repo")"
if [[ -n "${WORK:-}" ]]; then
    work="$WORK"
    rm -rf "$work/Sources" "$work/examples"
    mkdir -p "$work"
else
    work="$(mktemp -d "${TMPDIR:-/tmp}/readme-examples.XXXXXX")"
    trap 'rm -rf "$work"' EXIT
fi

# What each example leaves to the reader: the values it names but does not define, as parameters of the function
# the example becomes. An example with top-level declarations (`@Test func …`) is compiled as is, next to a file
# that defines what it names.
declare -A parameters=(
    [AzureBatchKit]='identityID: String, subscriptionID: String, inputURL: (Int) -> String, outputURL: (Int) -> String'
    [AzureBlobKit]='consume: (Data) -> Void'
    [AzureRegistryKit]='user: String, password: String'
    [ContainerImageKit]='binary: URL'
    [AirlineAggregation]=''
)
declare -A support=(
    [AzureKitTesting]='import AzureBatchKit
import Foundation

func fixturesDirectory() -> URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent() }
let endpoint = URL(string: "https://jobs.westeurope.batch.azure.com")!
let pool = PoolSpecification(id: "p", vmSize: "standard_d2s_v3") { Image.ubuntu2404Containers }'
)

python3 - "$repo/README.md" "$work/examples" <<'PY'
import os, re, sys
readme, out = sys.argv[1], sys.argv[2]
text = open(readme, encoding="utf-8").read()
os.makedirs(out, exist_ok=True)
# "**Module** — …" followed by the first ```swift block.
for module, code in re.findall(r"^\*\*(\w+)\*\*[^\n]*\n+```swift\n(.*?)```", text, re.S | re.M):
    open(os.path.join(out, module + ".swift"), "w", encoding="utf-8").write(code)
    print(module)
PY

modules=()
for file in "$work"/examples/*.swift; do modules+=("$(basename "$file" .swift)"); done
if [[ ${#modules[@]} -eq 0 ]]; then echo "no module examples found in README.md" >&2; exit 1; fi

targets=""
for module in "${modules[@]}"; do
    target="Readme$module"
    mkdir -p "$work/Sources/$target"
    snippet="$work/examples/$module.swift"
    imports="$(grep -E '^import ' "$snippet" || true)"
    body="$(grep -vE '^import ' "$snippet")"
    extra=""
    kind=target
    if grep -q '@Test' "$snippet"; then
        kind=testTarget
        { echo "$imports"; echo; echo "$body"; } > "$work/Sources/$target/Example.swift"
        printf '%s\n' "${support[$module]:-}" > "$work/Sources/$target/Support.swift"
        extra=', .product(name: "AzureBatchKit", package: "'"$package_name"'")'
    elif [[ -v parameters[$module] ]]; then
        { echo "$imports"; echo; echo "func readmeExample(${parameters[$module]}) async throws {"; echo "$body"; echo "}"; } \
            > "$work/Sources/$target/Example.swift"
    else
        echo "README example for $module: add its free names to Scripts/check-readme-examples.sh" >&2
        exit 1
    fi
    targets+="        .$kind(name: \"$target\", dependencies: [.product(name: \"$module\", package: \"$package_name\")$extra]),"$'\n'
done

cat > "$work/Package.swift" <<MANIFEST
// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ReadmeExamples",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: "$repo")],
    targets: [
$targets    ]
)
MANIFEST

echo "building ${#modules[@]} README examples in $work against $repo (package \"$package_name\")"
if ! (cd "$work" && swift build --build-tests > build.log 2>&1); then
    grep -E 'error:' "$work/build.log" | sort -u >&2 || tail -20 "$work/build.log" >&2
    echo "FAILED: a README example does not compile with the imports the README shows" >&2
    exit 1
fi
echo "every README module example compiles with the imports it shows: ${modules[*]}"
