import Foundation
import Testing

/// The project's copies of the reference vectors must not drift from the reference material.
/// Runs only where the reference folder exists (the project's own checkout layout); users
/// building the package without it skip this suite.
@Suite("Vector copies match shared/reference/vectors", .enabled(if: ReferenceVectors.folder != nil))
struct VectorDriftTests {
    @Test("Project copy is byte-identical to the reference", arguments: ["blob-sharedkey", "batch-sharedkey", "sas"])
    func identical(file: String) throws {
        let folder = try #require(ReferenceVectors.folder)
        let reference = try Data(contentsOf: folder.appendingPathComponent(file + ".json"))
        #expect(
            try Vectors.data(file) == reference,
            "Tests/AzureKitSigningTests/Vectors/\(file).json differs from \(folder.path)")
    }
}

enum ReferenceVectors {
    /// `../shared/reference/vectors` relative to the package root (also one level further up, for
    /// worktrees that sit one folder deeper than the main checkout).
    static let folder: URL? = {
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return ["../shared/reference/vectors", "../../shared/reference/vectors"]
            .map { packageRoot.appendingPathComponent($0).standardizedFileURL }
            .first { FileManager.default.fileExists(atPath: $0.path) }
    }()
}
