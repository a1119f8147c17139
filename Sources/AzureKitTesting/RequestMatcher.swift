import AzureKitCore
import AzureKitSigning
import Foundation

/// Compares a live request with a recorded one and explains any difference.
///
/// Query parameters are compared as a set of decoded name/value pairs (order does not matter); only the
/// headers the recording lists are compared, and volatile or secret headers never are; JSON bodies are
/// compared as JSON (key order does not matter), other bodies byte for byte.
///
/// A recorded query or header value of `REDACTED` (what ``RecordingTransport`` writes in place of a secret)
/// matches any sent value: only its presence is checked. Secrets in sent text bodies are scrubbed the same way
/// the recorder scrubs them before comparing.
public struct RequestMatcher: Sendable {
    /// Lower-cased header names never compared.
    public var ignoredHeaders: Set<String>
    /// Whether scheme, host and port must match (off for requests that arrive at a loopback server).
    public var comparesHost: Bool

    public init(ignoredHeaders: Set<String> = RequestMatcher.volatileHeaders, comparesHost: Bool = true) {
        self.ignoredHeaders = Set(ignoredHeaders.map { $0.lowercased() })
        self.comparesHost = comparesHost
    }

    /// A copy that does not compare scheme, host and port.
    public func ignoringHost() -> RequestMatcher {
        var copy = self
        copy.comparesHost = false
        return copy
    }

    public static let volatileHeaders: Set<String> = [
        "authorization", "x-ms-date", "ocp-date", "date", "user-agent", "x-ms-client-request-id",
        "client-request-id", "content-length",
    ]

    /// `nil` when `request` matches `recorded`, else a readable list of differences.
    public func differences(_ request: HTTPRequest, body: Data, recorded: Fixture.RecordedRequest) -> String? {
        var problems: [String] = []
        if request.method.rawValue != recorded.method.uppercased() {
            problems.append("method: sent \(request.method.rawValue), recorded \(recorded.method)")
        }
        if let expected = URL(string: recorded.url) {
            let sent = request.url
            if comparesHost,
                sent.scheme?.lowercased() != expected.scheme?.lowercased()
                    || sent.host?.lowercased() != expected.host?.lowercased()
                    || sent.port != expected.port
            {
                problems.append(
                    "host: sent \(sent.scheme ?? "")://\(sent.host ?? ""), recorded \(expected.scheme ?? "")://\(expected.host ?? "")"
                )
            }
            if Self.path(of: sent) != Self.path(of: expected) {
                problems.append("path: sent \(Self.path(of: sent)), recorded \(Self.path(of: expected))")
            }
            let expectedQuery = Self.query(of: expected)
            let wildcards = Set(
                expectedQuery.filter { $0.hasSuffix("=\(Redaction.placeholder)") }
                    .map { String($0.dropLast(Redaction.placeholder.count)) })
            let sentQuery = Set(
                Self.query(of: sent).map { item in
                    wildcards.first { item.hasPrefix($0) }.map { $0 + Redaction.placeholder } ?? item
                })
            if sentQuery != expectedQuery {
                let missing = expectedQuery.subtracting(sentQuery).sorted().joined(separator: "&")
                let extra = sentQuery.subtracting(expectedQuery).sorted().joined(separator: "&")
                problems.append("query: missing [\(missing)], unexpected [\(extra)]")
            }
        } else {
            problems.append("recorded URL does not parse: \(recorded.url)")
        }
        for (name, value) in (recorded.headers ?? [:]).sorted(by: { $0.key < $1.key })
        where !ignoredHeaders.contains(name.lowercased()) {
            let sent = request.headers[name]
            if value == Redaction.placeholder, sent != nil { continue }
            if sent != value { problems.append("header \(name): sent \(sent ?? "<absent>"), recorded \(value)") }
        }
        if let expectedBody = recorded.bodyData, !Self.bodiesMatch(body, expectedBody),
            !Self.bodiesMatch(Redaction.scrub(body), expectedBody)
        {
            problems.append("body: sent \(Self.preview(body)), recorded \(Self.preview(expectedBody))")
        }
        return problems.isEmpty ? nil : problems.joined(separator: "\n  ")
    }

    static func path(of url: URL) -> String {
        URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? url.path
    }

    /// The decoded `name=value` pairs, decoded by the SDK's ``PercentEncoding`` (Foundation's decoding differs by
    /// platform).
    static func query(of url: URL) -> Set<String> {
        let query = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedQuery ?? ""
        return Set(
            query.split(separator: "&").map { pair in
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let value = parts.count > 1 ? PercentEncoding.decode(parts[1]) ?? parts[1] : ""
                return "\(PercentEncoding.decode(parts[0]) ?? parts[0])=\(value)"
            })
    }

    static func bodiesMatch(_ sent: Data, _ expected: Data) -> Bool {
        if sent == expected { return true }
        guard let a = try? JSONSerialization.jsonObject(with: sent, options: [.fragmentsAllowed]),
            let b = try? JSONSerialization.jsonObject(with: expected, options: [.fragmentsAllowed])
        else { return false }
        return NSDictionary(dictionary: ["v": a]).isEqual(to: ["v": b])
    }

    static func preview(_ data: Data) -> String {
        if let text = String(data: data, encoding: .utf8) { return text.count > 300 ? "\(text.prefix(300))…" : text }
        return "<\(data.count) binary bytes>"
    }
}
