import Foundation

/// Debian's `chromium-headless-shell`, run once per page load: `--dump-dom` prints the DOM after scripts ran
/// (`--virtual-time-budget` lets timers and fetches finish first), `--screenshot` writes a PNG.
struct HeadlessBrowser {
    let executable: URL

    static let packageName = "chromium-headless-shell"

    /// The installed browser, or `nil` (`.ci/run` installs it; see Docs/Testing.md).
    static func find() -> HeadlessBrowser? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/lib/chromium"] {
            let candidate = URL(fileURLWithPath: folder).appendingPathComponent(packageName)
            if FileManager.default.isExecutableFile(atPath: candidate.path) {
                return HeadlessBrowser(executable: candidate)
            }
        }
        return nil
    }

    func arguments(_ extra: [String], budget: Int, profile: URL) -> [String] {
        [
            "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--user-data-dir=\(profile.path)",
            "--window-size=1280,1400", "--virtual-time-budget=\(budget)",
        ] + extra
    }

    /// The DOM of `url` after its scripts ran for `budget` virtual milliseconds.
    func dumpDOM(_ url: URL, budget: Int = 4000) async throws -> String {
        let profile = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: profile) }
        let result = try await runProcess(
            executable, arguments(["--dump-dom", url.absoluteString], budget: budget, profile: profile),
            environment: ["HOME": profile.path])
        guard result.status == 0 else {
            throw ProcessFailure("\(Self.packageName) --dump-dom exited \(result.status): \(result.stderr.suffix(600))")
        }
        return result.stdout
    }
}
