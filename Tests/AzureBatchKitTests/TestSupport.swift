import AzureKitCore
import AzureKitTesting
import Foundation

@testable import AzureBatchKit

enum TestSupport {
    static let endpoint = URL(string: "https://account.region.batch.azure.com")!

    static var fixtures: URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures")
    }

    static func cassette(_ name: String) throws -> FixtureTransport {
        FixtureTransport(fixture: try Fixture.named(name, in: .module, folder: "Fixtures/cassettes"))
    }

    /// A client on `transport` whose retries never sleep.
    static func client(_ transport: any HTTPTransport, maxRetries: Int = 3) throws -> BatchClient {
        try BatchClient(
            endpoint: endpoint, credential: .anonymous,
            options: .init(
                core: .init(
                    retry: .init(maxRetries: maxRetries, clock: AzureClock(sleep: { _ in })), transport: transport)))
    }

    /// Example files shipped with the tests, plus the shared reference copies when that folder exists.
    static func exampleFiles() -> [URL] {
        var files: [URL] = []
        let local = fixtures.appendingPathComponent("examples")
        files += jsonFiles(in: local)
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        for shared in ["../shared", "../../shared"] {
            let folder = root.appendingPathComponent(shared).appendingPathComponent("reference/batch/examples")
                .standardized
            files += jsonFiles(in: folder)
        }
        return files
    }

    static func jsonFiles(in folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { folder.appendingPathComponent($0) }
    }

    /// JSON equality ignoring key order.
    static func jsonEqual(_ a: Data, _ b: Data) -> Bool {
        guard let x = try? JSONSerialization.jsonObject(with: a, options: [.fragmentsAllowed]),
            let y = try? JSONSerialization.jsonObject(with: b, options: [.fragmentsAllowed])
        else { return false }
        return NSDictionary(dictionary: ["v": x]).isEqual(to: ["v": y])
    }

    /// Every key path in a JSON value (`a.b[].c`).
    static func keyPaths(_ value: Any, prefix: String = "") -> Set<String> {
        var paths = Set<String>()
        if let dictionary = value as? [String: Any] {
            for (key, child) in dictionary where !key.hasPrefix("odata.") {
                let path = prefix.isEmpty ? key : "\(prefix).\(key)"
                paths.insert(path)
                paths.formUnion(keyPaths(child, prefix: path))
            }
        } else if let array = value as? [Any] {
            for child in array { paths.formUnion(keyPaths(child, prefix: prefix + "[]")) }
        }
        return paths
    }
}
