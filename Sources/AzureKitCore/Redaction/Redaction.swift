import AzureKitSigning
import Foundation

/// Decides which header values and query parameters may be printed; everything else shows `REDACTED`.
///
/// An allow-list rather than a deny-list: a header the SDK has never seen (a new token header, a custom
/// secret) is hidden by default.
///
/// ```swift
/// let redaction = Redaction.default.allowing(headers: ["x-my-trace"])
/// logger.debug("\(redaction.redact(request.headers))")
/// ```
public struct Redaction: Sendable, Equatable {
    /// Lower-cased header names whose values are safe to print.
    public var allowedHeaders: Set<String>
    /// Lower-cased query parameter names whose values are safe to print.
    public var allowedQueryParameters: Set<String>

    /// What a hidden value is replaced with: the same text as AzureKitSigning's `SASRedaction.placeholder`, whose
    /// `sig`-only primitive stays in Signing (below Core) because `SASToken.redactedQueryString` needs it.
    public static let placeholder = SASRedaction.placeholder

    public init(allowedHeaders: Set<String>, allowedQueryParameters: Set<String>) {
        self.allowedHeaders = Set(allowedHeaders.map { $0.lowercased() })
        self.allowedQueryParameters = Set(allowedQueryParameters.map { $0.lowercased() })
    }

    /// The SDK's allow-list: standard, Storage and Batch headers that never carry secrets, and the SAS
    /// parameters other than `sig`.
    public static let `default` = Redaction(
        allowedHeaders: [
            "accept", "accept-encoding", "accept-language", "host", "expect", "keep-alive", "accept-ranges",
            "cache-control", "connection", "content-length",
            "content-md5", "content-range", "content-type", "content-encoding", "content-language",
            "content-disposition", "date", "etag", "expires", "if-match", "if-modified-since", "if-none-match",
            "if-unmodified-since", "last-modified", "location", "pragma", "range", "request-id", "retry-after",
            "retry-after-ms", "server", "transfer-encoding", "user-agent", "www-authenticate",
            "x-ms-retry-after-ms", "x-ms-request-id", "x-ms-client-request-id", "x-ms-return-client-request-id",
            "x-ms-version", "x-ms-date", "x-ms-error-code", "x-ms-blob-type", "x-ms-blob-content-type",
            "x-ms-blob-content-md5", "x-ms-content-crc64", "x-ms-range", "x-ms-request-server-encrypted",
            "x-ms-access-tier", "x-ms-creation-time", "x-ms-lease-state", "x-ms-lease-status",
            "x-ms-blob-committed-block-count", "x-ms-server-encrypted", "x-ms-delete-snapshots",
            "x-ms-blob-public-access", "x-ms-has-immutability-policy", "x-ms-has-legal-hold",
            "client-request-id", "return-client-request-id", "ocp-date", "ocp-range", "dataserviceid",
            "dataserviceversion", "ocp-creation-time", "ocp-batch-file-isdirectory", "ocp-batch-file-mode",
            "ocp-batch-file-url", "docker-content-digest", "docker-distribution-api-version",
            // W3C trace context: ids, never credentials.
            "traceparent", "tracestate",
        ],
        allowedQueryParameters: [
            "api-version", "restype", "comp", "blockid", "prefix", "delimiter", "marker", "maxresults", "include",
            "timeout", "timeout", "$filter", "$select", "$expand", "$skiptoken", "sv", "ss", "srt", "sp", "se",
            "st", "spr", "sr", "sip", "si", "skoid", "sktid", "skt", "ske", "sks", "skv", "rscc", "rscd", "rsce",
            "rscl", "rsct", "snapshot", "versionid", "scope", "service",
        ])

    /// A copy that also allows `headers` and `queryParameters`.
    public func allowing(headers: Set<String> = [], queryParameters: Set<String> = []) -> Redaction {
        Redaction(
            allowedHeaders: allowedHeaders.union(headers),
            allowedQueryParameters: allowedQueryParameters.union(queryParameters))
    }

    /// The headers with every value not on the allow-list replaced by ``placeholder``.
    public func redact(_ headers: HTTPHeaders) -> HTTPHeaders {
        HTTPHeaders(
            headers.map { field in
                (field.name, allowedHeaders.contains(field.name.lowercased()) ? field.value : Self.placeholder)
            })
    }

    /// The URL with every query value not on the allow-list replaced by ``placeholder`` and any user info removed.
    public func redact(_ url: URL) -> String { redactURLString(url.absoluteString) }

    /// Like ``redact(_:)-(URL)`` for text that may not even parse as a URL.
    public func redactURLString(_ text: String) -> String {
        var text = text
        // user:password@host
        if let scheme = text.range(of: "://"), let at = text[scheme.upperBound...].firstIndex(of: "@"),
            !text[scheme.upperBound..<at].contains("/")
        {
            text.replaceSubrange(scheme.upperBound...at, with: "\(Self.placeholder)@")
        }
        guard let question = text.firstIndex(of: "?") else { return text }
        let base = text[..<question]
        var query = String(text[text.index(after: question)...])
        var fragment = ""
        if let hash = query.firstIndex(of: "#") {
            fragment = String(query[hash...])
            query = String(query[..<hash])
        }
        let parts = query.split(separator: "&", omittingEmptySubsequences: false).map { part -> String in
            guard let equals = part.firstIndex(of: "=") else { return String(part) }
            let name = part[..<equals]
            let decoded = (String(name).removingPercentEncoding ?? String(name)).lowercased()
            return allowedQueryParameters.contains(decoded) ? String(part) : "\(name)=\(Self.placeholder)"
        }
        return "\(base)?\(parts.joined(separator: "&"))\(fragment)"
    }
}
