import AzureKitCore
import AzureKitSigning
import Foundation

/// A Blob service endpoint: where an account's containers live.
///
/// Public-cloud and sovereign accounts are virtual-host style (`https://<account>.blob.core.windows.net`);
/// the emulator and IP hosts are path-style, with the account as the first path segment
/// (`http://127.0.0.1:10000/devstoreaccount1`).
///
/// ```swift
/// let endpoint = try BlobEndpoint(url: URL(string: "https://devacct.blob.core.windows.net")!)
/// let url = try endpoint.url(container: "results", blob: "2007 ü.parquet")
/// // https://devacct.blob.core.windows.net/results/2007%20%C3%BC.parquet
/// ```
public struct BlobEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// `https`, or `http` for loopback and emulator endpoints.
    public let scheme: String
    public let host: String
    public let port: Int?
    /// The storage account (first DNS label, or first path segment when path-style).
    public let accountName: String
    /// Whether the account is in the path rather than the host name.
    public let isPathStyle: Bool

    /// - Parameters:
    ///   - pathStyle: `nil` decides from the host: IP addresses and `localhost` are path-style.
    public init(scheme: String, host: String, port: Int? = nil, accountName: String, pathStyle: Bool? = nil) throws {
        let scheme = scheme.lowercased()
        guard scheme == "https" || scheme == "http" else {
            throw AzureClientError(.invalidURL, "unsupported scheme '\(scheme)' for a Blob endpoint (expected https)")
        }
        guard !host.isEmpty else { throw AzureClientError(.invalidURL, "the Blob endpoint has no host") }
        guard !accountName.isEmpty else {
            throw AzureClientError(.invalidURL, "the Blob endpoint for '\(host)' names no account")
        }
        self.scheme = scheme
        self.host = host.lowercased()
        self.port = port
        self.accountName = accountName
        self.isPathStyle = pathStyle ?? Self.isPathStyleHost(host)
    }

    /// Parses a service URL such as `https://devacct.blob.core.windows.net` or
    /// `http://127.0.0.1:10000/devstoreaccount1` (anything after the account is ignored).
    public init(url: URL) throws {
        let parsed = try BlobURL(parsing: url.absoluteString)
        self = parsed.endpoint
    }

    /// Hosts addressed path-style: IP literals, `localhost` and other loopback names.
    public static func isPathStyleHost(_ host: String) -> Bool {
        if EndpointValidation.isLoopback(host) || host.hasPrefix("[") || host.contains(":") { return true }  // IPv6 literal
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        return labels.count == 4 && labels.allSatisfy { UInt8($0) != nil }
    }

    /// The service root: `https://acct.blob.core.windows.net/` or `http://127.0.0.1:10000/devstoreaccount1/`.
    public var serviceURL: URL {
        // Built only from validated parts, so it always parses; fall back to the host alone rather than crash.
        (try? url(container: nil, blob: nil)) ?? URL(fileURLWithPath: "/")
    }

    /// The URL of a container or blob, with `query` parameters percent-encoded (never a raw `+`).
    /// - Throws: ``AzureKitCore/AzureClientError`` for an invalid container or blob name.
    public func url(container: String?, blob: String?, query: [(String, String)] = []) throws -> URL {
        var text = base
        if let container {
            try BlobNameValidation.validateContainer(container)
            text += "/" + container
            if let blob {
                try BlobNameValidation.validateBlob(blob)
                text += "/" + PercentEncoding.encode(blob, safe: "/")
            }
        } else {
            text += "/"
        }
        if !query.isEmpty {
            text += "?" + PercentEncoding.query(query)
        }
        guard let url = URL(string: text) else {
            throw AzureClientError.invalidURL(text, reason: "the encoded blob URL does not parse")
        }
        return url
    }

    /// `scheme://host[:port][/account]` without a trailing slash.
    var base: String {
        var text = "\(scheme)://\(host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host)"
        if let port { text += ":\(port)" }
        if isPathStyle { text += "/" + PercentEncoding.encode(accountName, safe: "/") }
        return text
    }

    public var description: String { base }
}
