import AzureKitCore
import Foundation

/// A recorded conversation with a service: the project's cassette format, one JSON file per test.
///
/// ```json
/// { "name": "create-pool",
///   "interactions": [
///     { "request":  { "method": "POST", "url": "https://acct.region.batch.azure.com/pools?api-version=2025-06-01",
///                     "headers": { "Content-Type": "application/json; odata=minimalmetadata" },
///                     "body": "{\"id\":\"pool-1\"}" },
///       "response": { "status": 201, "headers": { "ETag": "0x8DD" }, "body": "" } } ] }
/// ```
///
/// Bodies are UTF-8 text in `body`, or base64 in `bodyBase64` for binary content. Only the request headers a
/// fixture lists are compared; volatile ones (dates, request ids, User-Agent, Authorization) are never
/// compared, so fixtures hold no secrets.
public struct Fixture: Codable, Sendable, Equatable {
    public var name: String
    public var interactions: [Interaction]

    public init(name: String, interactions: [Interaction]) {
        self.name = name
        self.interactions = interactions
    }

    public struct Interaction: Codable, Sendable, Equatable {
        public var request: RecordedRequest
        public var response: RecordedResponse
        public init(request: RecordedRequest, response: RecordedResponse) {
            self.request = request
            self.response = response
        }
    }

    public struct RecordedRequest: Codable, Sendable, Equatable {
        public var method: String
        public var url: String
        public var headers: [String: String]?
        public var body: String?
        public var bodyBase64: String?

        public init(
            method: String, url: String, headers: [String: String]? = nil, body: String? = nil,
            bodyBase64: String? = nil
        ) {
            self.method = method
            self.url = url
            self.headers = headers
            self.body = body
            self.bodyBase64 = bodyBase64
        }

        /// The expected body bytes, if the fixture pins one.
        public var bodyData: Data? { bodyBase64.flatMap { Data(base64Encoded: $0) } ?? body.map { Data($0.utf8) } }
    }

    public struct RecordedResponse: Codable, Sendable, Equatable {
        public var status: Int
        public var headers: [String: String]?
        public var body: String?
        public var bodyBase64: String?

        public init(status: Int, headers: [String: String]? = nil, body: String? = nil, bodyBase64: String? = nil) {
            self.status = status
            self.headers = headers
            self.body = body
            self.bodyBase64 = bodyBase64
        }

        public var bodyData: Data { bodyBase64.flatMap { Data(base64Encoded: $0) } ?? Data((body ?? "").utf8) }

        /// The response as the transport returns it.
        public var httpResponse: HTTPResponse {
            HTTPResponse(
                status: status,
                headers: HTTPHeaders((headers ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }),
                body: bodyData)
        }
    }

    /// Loads a fixture from a JSON file.
    public static func load(contentsOf url: URL) throws -> Fixture {
        do {
            return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        } catch {
            throw FixtureError(message: "cannot load fixture \(url.lastPathComponent): \(error)")
        }
    }

    /// `<name>.json` from a test target's resources, in its `Fixtures/` folder unless `folder` says otherwise: the one
    /// way test targets find their fixtures.
    ///
    /// ```swift
    /// try await withTestTransport(fixture: .named("admin-basic", in: .module), target: target) { transport, replayer in
    ///     …
    /// }
    /// ```
    public static func named(_ name: String, in bundle: Bundle, folder: String = "Fixtures") throws -> Fixture {
        guard let url = bundle.url(forResource: name, withExtension: "json", subdirectory: folder) else {
            throw FixtureError(
                message: "fixture \(folder)/\(name).json is missing from \(bundle.bundleURL.lastPathComponent)")
        }
        return try load(contentsOf: url)
    }

    /// Pretty, key-sorted JSON so recorded fixtures diff well.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

/// A fixture did not match what the code sent, or could not be read.
public struct FixtureError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
