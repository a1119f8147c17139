// Doc examples that are not README module examples, compiled here without @testable. Each `// snippet: <source>`
// region must match the example in <source> (see `DocSnippetTests`), so an example cannot change in the docs, or
// drift from the API, without this file failing to compile or the check failing.
import AzureBatchKit
import AzureKitTesting
import Foundation
import Testing

/// What the examples name but leave to the reader.
private func fixturesDirectory() -> URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent() }
private let endpoint = URL(string: "https://account.region.batch.azure.com")!
private let pool = PoolSpecification(id: "Airlines", vmSize: "standard_e2s_v3") { Image.ubuntu2404Containers }

@Suite(.disabled("compiled, never run: the examples replay fixtures of the reader's"))
struct DocExamples {
    // snippet: Sources/AzureKitTesting/Recording/WithTestTransport.swift
    @Test(arguments: TestTarget.allCases)
    func getsPool(target: TestTarget) async throws {
        try await withTestTransport(fixture: "get-pool", in: fixturesDirectory(), target: target) { transport in
            let batch = try BatchClient(
                endpoint: endpoint, credential: .anonymous,
                options: .init(core: .init(transport: transport)))
            #expect(try await batch.getPool("pool-1").state == .active)
        }
    }
    // end snippet

    // snippet: Sources/AzureKitTesting/AzureKitTesting.docc/AzureKitTesting.md
    @Test(arguments: TestTarget.allCases)
    func createsThePoolOnce(target: TestTarget) async throws {
        try await withTestTransport(fixture: "pool-exists", in: fixturesDirectory(), target: target) { transport in
            let batch = try BatchClient(
                endpoint: endpoint, credential: .anonymous,
                options: .init(core: .init(transport: transport)))
            #expect(try await batch.createPoolIfAbsent(pool) == false)
        }
    }
    // end snippet
}

/// Every `// snippet:` region in this target matches the example it names: the first ```swift block of a DocC
/// article, of a symbol's `///` documentation, after a `## <Heading>` (`file#Heading`), or the README module
/// example `README.md#<Module>` (its `import`
/// lines are checked by Scripts/check-readme-examples.sh instead). Formatting, comments and trailing commas are
/// ignored: the code is what must agree.
@Suite struct DocSnippetTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let snippets: [Snippet] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".swift") }.sorted().flatMap { file -> [Snippet] in
            let text = (try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)) ?? ""
            return Snippet.regions(in: text)
        }
    }()

    @Test func everyExampleSourceHasACompiledCopy() {
        let sources = Set(Self.snippets.map(\.source))
        for expected in [
            "README.md#AzureBatchKit", "README.md#AzureBlobKit", "README.md#AzureRegistryKit",
            "README.md#ContainerImageKit",
            "Sources/AzureKitTesting/Recording/WithTestTransport.swift",
            "Sources/AzureKitTesting/AzureKitTesting.docc/AzureKitTesting.md", "Docs/Architecture.md#Adding a service",
        ] {
            #expect(sources.contains(expected), "no compiled copy of the example in \(expected)")
        }
    }

    @Test(arguments: snippets)
    func compiledCopyMatchesTheDocs(snippet: Snippet) throws {
        let documented = try #require(try Snippet.documented(snippet.source, in: Self.repository))
        #expect(Snippet.normalized(snippet.code) == Snippet.normalized(documented), "\(snippet.source) changed")
    }

    @Test func readmeTestingExampleIsTheDocCOne() throws {
        let readme = try #require(try Snippet.documented("README.md#AzureKitTesting", in: Self.repository))
        let docc = try #require(
            try Snippet.documented(
                "Sources/AzureKitTesting/AzureKitTesting.docc/AzureKitTesting.md", in: Self.repository))
        #expect(Snippet.normalized(readme) == Snippet.normalized(docc))
    }
}

struct Snippet: Sendable, CustomTestStringConvertible {
    let source: String
    let code: String
    var testDescription: String { source }

    static func regions(in text: String) -> [Snippet] {
        var found: [Snippet] = []
        var current: (source: String, lines: [String])?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("// snippet: ") {
                current = (String(trimmed.dropFirst("// snippet: ".count)), [])
            } else if trimmed == "// end snippet", let region = current {
                found.append(Snippet(source: region.source, code: region.lines.joined(separator: "\n")))
                current = nil
            } else if current != nil {
                current?.lines.append(line)
            }
        }
        return found
    }

    /// The example `source` names: `README.md#<Module>` (without its imports), else the first ```swift block of
    /// the file (in `///` comments for a Swift file).
    static func documented(_ source: String, in repository: URL) throws -> String? {
        let parts = source.split(separator: "#", maxSplits: 1).map(String.init)
        var text = try String(contentsOf: repository.appendingPathComponent(parts[0]), encoding: .utf8)
        if parts[0].hasSuffix(".swift") {
            text = text.split(separator: "\n", omittingEmptySubsequences: false)
                .compactMap { line -> String? in
                    let trimmed = line.trimmingCharacters(in: .whitespaces)
                    guard trimmed.hasPrefix("///") else { return nil }
                    return String(trimmed.dropFirst(3).drop(while: { $0 == " " }))
                }.joined(separator: "\n")
        }
        if parts.count == 2 {
            // A README module example follows "**<Module>**"; an article's, its "## <Heading>".
            guard let heading = text.range(of: "\n**\(parts[1])** ") ?? text.range(of: "## \(parts[1])\n") else {
                return nil
            }
            text = String(text[heading.upperBound...])
        }
        guard let open = text.range(of: "```swift\n"), let close = text[open.upperBound...].range(of: "```") else {
            return nil
        }
        return text[open.upperBound..<close.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("import ") }.joined(separator: "\n")
    }

    /// The code without comments, whitespace and trailing commas, so formatting cannot make two copies differ.
    static func normalized(_ code: String) -> String {
        let lines = code.split(separator: "\n").map { line -> String in
            var line = String(line)
            if let comment = line.range(of: #"(^|\s)//.*$"#, options: .regularExpression) {
                line.removeSubrange(comment)
            }
            return line
        }
        var joined = lines.joined().filter { !$0.isWhitespace }
        joined = joined.replacingOccurrences(of: #",(?=[\]\)])"#, with: "", options: .regularExpression)
        return joined
    }
}
