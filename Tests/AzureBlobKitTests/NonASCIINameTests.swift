import AzureBlobKit
import AzureKitCore
import Foundation
import Testing

/// Names with non-ASCII characters go on the wire percent-encoded byte for byte (UTF-8, upper-case hex), exactly as
/// azure-storage-blob encodes them: checked against the blob path of every SAS vector in
/// `Tests/AzureKitSigningTests/Vectors/sas.json` whose blob name is not plain ASCII.
@Suite struct NonASCIINameTests {
    struct Vector: Decodable, Sendable, CustomTestStringConvertible {
        struct Inputs: Decodable, Sendable {
            let account_name: String
            let container_name: String?
            let blob_name: String?
        }
        let name: String
        let inputs: Inputs
        let exampleUrl: String
        var testDescription: String { name }
    }

    /// The repository's copy of the reference vectors (the signing tests' resources), read from the source tree.
    static let vectors: [Vector] = {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("AzureKitSigningTests/Vectors/sas.json")
        let all = (try? JSONDecoder().decode([Vector].self, from: Data(contentsOf: file))) ?? []
        return all.filter { $0.inputs.blob_name.map { !$0.unicodeScalars.allSatisfy(\.isASCII) } ?? false }
    }()

    @Test func theVectorsHaveANonASCIIBlobName() {
        #expect(!Self.vectors.isEmpty, "Vectors/sas.json should hold a blob name with non-ASCII characters")
    }

    @Test("the request URL's path is the vector's", arguments: vectors)
    func requestPath(vector: Vector) async throws {
        let container = try #require(vector.inputs.container_name)
        let blob = try #require(vector.inputs.blob_name)
        let expected = try #require(vector.exampleUrl.split(separator: "?").first.map(String.init))
        let capture = CapturingTransport()
        let service = try BlobServiceClient(
            endpoint: URL(string: "https://\(vector.inputs.account_name).blob.core.windows.net")!,
            credential: .anonymous,
            options: BlobClientOptions(core: .init(retry: .none, transport: capture)))
        _ = try? await service.blobClient(container: container, blob: blob).properties()
        let sent = try #require(capture.urls.first)
        #expect(sent.absoluteString.split(separator: "?").first.map(String.init) == expected)
        // Parsing the URL back gives the name the caller gave.
        #expect(try BlobURL(parsing: expected).blobName == blob)
    }
}

/// Records request URLs and answers 404.
final class CapturingTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var seen: [URL] = []
    var urls: [URL] { lock.withLock { seen } }
    func send(_ request: HTTPRequest, timeout: Duration?) async throws -> HTTPResponse {
        lock.withLock { seen.append(request.url) }
        return HTTPResponse(status: 404, headers: ["x-ms-error-code": "BlobNotFound"])
    }
}
