import AzureKitCore
import Foundation

/// Wraps a live transport and records every interaction as a ``Fixture`` with secrets removed:
///
/// - request headers: only those the ``Redaction`` allow-list permits and the matcher compares are kept, so
///   `Authorization`, `x-ms-copy-source-authorization`, keys and tokens are never written;
/// - response headers: values off the allow-list become `REDACTED`;
/// - URLs: query values off the allow-list (SAS `sig`, …) become `REDACTED`, user info is dropped;
/// - bodies: text is passed through `Redaction.scrub(_:)`; binary bodies are stored as base64. Request bodies over
///   ``maxRecordedRequestBody`` are left out (playback then does not compare them), so a recorded 64 MiB upload
///   does not become a 90 MB fixture.
///
/// ```swift
/// let recorder = RecordingTransport(name: "create-pool")
/// let batch = try BatchClient(endpoint: url, credential: credential, options: .init(transport: recorder))
/// try await batch.createPool(pool)
/// try recorder.write(to: fixturesDirectory.appending(path: "create-pool.json"))
/// ```
public final class RecordingTransport: HTTPTransport, @unchecked Sendable {
    public let name: String
    public let wrapped: any HTTPTransport
    public let redaction: Redaction
    // Guarded by `lock`: interactions in completion order.
    private let lock = NSLock()
    private var interactions: [Fixture.Interaction] = []

    /// Request bodies larger than this are not written to the fixture.
    public static let maxRecordedRequestBody = 1 << 20

    public init(
        name: String, wrapping transport: any HTTPTransport = DefaultTransport.shared, redaction: Redaction = .default
    ) {
        self.name = name
        self.wrapped = transport
        self.redaction = redaction
    }

    public func send(_ request: HTTPRequest, timeout: Duration?) async throws -> HTTPResponse {
        let body = try await request.body.collect()
        var forwarded = request
        forwarded.body = .data(body)
        // A fixture holds whole bodies, so a streamed response is read here and handed on collected.
        let response = try await wrapped.send(forwarded, timeout: timeout).collected()
        let interaction = Fixture.Interaction(
            request: recordedRequest(request, body: body), response: recordedResponse(response))
        lock.withLock { interactions.append(interaction) }
        return response
    }

    /// What has been recorded so far, already scrubbed.
    public var fixture: Fixture { Fixture(name: name, interactions: lock.withLock { interactions }) }

    /// Writes ``fixture`` as pretty JSON, creating the directory if needed.
    public func write(to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try fixture.encoded().write(to: url, options: .atomic)
    }

    func recordedRequest(_ request: HTTPRequest, body: Data) -> Fixture.RecordedRequest {
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.lowercased()
            guard redaction.allowedHeaders.contains(name), !RequestMatcher.volatileHeaders.contains(name) else {
                continue
            }
            headers[field.name] = field.value
        }
        let (text, base64) = body.count > Self.maxRecordedRequestBody ? (nil, nil) : Self.encode(body)
        return Fixture.RecordedRequest(
            method: request.method.rawValue, url: redaction.redact(request.url),
            headers: headers.isEmpty ? nil : headers, body: text, bodyBase64: base64)
    }

    func recordedResponse(_ response: HTTPResponse) -> Fixture.RecordedResponse {
        var headers: [String: String] = [:]
        for field in redaction.redact(response.headers) { headers[field.name] = field.value }
        let (text, base64) = Self.encode(response.body)
        return Fixture.RecordedResponse(
            status: response.status, headers: headers.isEmpty ? nil : headers, body: text, bodyBase64: base64)
    }

    /// Text bodies (scrubbed) go in `body`, binary ones in `bodyBase64`; an empty body is omitted.
    static func encode(_ body: Data) -> (text: String?, base64: String?) {
        guard !body.isEmpty else { return (nil, nil) }
        if !body.contains(0), let text = String(data: body, encoding: .utf8) {
            return (String(decoding: Redaction.scrub(Data(text.utf8)), as: UTF8.self), nil)
        }
        return (nil, body.base64EncodedString())
    }
}
