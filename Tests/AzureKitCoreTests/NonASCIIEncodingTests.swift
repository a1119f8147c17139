import AzureKitSigning
import Foundation
import Testing

@testable import AzureKitCore

/// Token forms, managed identity queries and request URLs encode non-ASCII text byte for byte (UTF-8, upper-case
/// hex), as azure-storage-blob does for the blob name in `Tests/AzureKitSigningTests/Vectors/sas.json`. The form
/// encoder used to keep non-ASCII letters (`CharacterSet.alphanumerics`), so `ü` went out unencoded.
@Suite struct NonASCIIEncodingTests {
    /// The SAS vector's blob name and the path azure-storage-blob built from it (with `/` kept).
    static func vector() throws -> (name: String, encodedPath: String) {
        struct Vector: Decodable {
            struct Inputs: Decodable {
                let container_name: String?
                let blob_name: String?
            }
            let inputs: Inputs
            let exampleUrl: String
        }
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("AzureKitSigningTests/Vectors/sas.json")
        let vectors = try JSONDecoder().decode([Vector].self, from: Data(contentsOf: file))
        let vector = try #require(vectors.first { !($0.inputs.blob_name ?? "").unicodeScalars.allSatisfy(\.isASCII) })
        let container = try #require(vector.inputs.container_name)
        let url = try #require(URLComponents(string: vector.exampleUrl))
        return (try #require(vector.inputs.blob_name), String(url.percentEncodedPath.dropFirst(container.count + 2)))
    }

    @Test func managedIdentityQueryEncodesNonASCII() throws {
        let (name, path) = try Self.vector()
        let url = try ManagedIdentityCredential.url(URL(string: "http://169.254.169.254/token")!, query: [("q", name)])
        // A form value escapes `/` too.
        #expect(url.query(percentEncoded: true) == "q=" + path.replacingOccurrences(of: "/", with: "%2F"))
    }

    @Test func tokenFormBodyEncodesNonASCII() async throws {
        let (name, path) = try Self.vector()
        let capture = BodyCapture()
        let credential = try ClientSecretCredential(
            tenantID: "00000000-0000-0000-0000-000000000000", clientID: "app", clientSecret: name,
            options: .init(transport: capture))
        _ = try await credential.token(for: ["https://storage.azure.com/.default"], logger: .azureDisabled)
        let body = try #require(capture.bodies.first)
        #expect(body.contains("client_secret=" + path.replacingOccurrences(of: "/", with: "%2F")))
        #expect(!body.contains("ü"))
    }

    @Test func requestURLPathEncodesNonASCII() throws {
        let (name, path) = try Self.vector()
        let client = try ServiceClient(
            endpoint: URL(string: "https://acct.example.com")!, credential: .anonymous, profile: .resourceManager,
            options: .init())
        let segments = name.split(separator: "/").map(String.init)
        #expect(try client.url(path: segments).absoluteString == "https://acct.example.com/" + path)
    }
}

/// Records request bodies and answers with a token.
private final class BodyCapture: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var seen: [String] = []
    var bodies: [String] { lock.withLock { seen } }
    func send(_ request: HTTPRequest, timeout: Duration?) async throws -> HTTPResponse {
        let body = try await request.body.collect()
        lock.withLock { seen.append(String(decoding: body, as: UTF8.self)) }
        return HTTPResponse(
            status: 200, body: Data(#"{"access_token":"t","expires_in":3600,"token_type":"Bearer"}"#.utf8))
    }
}
