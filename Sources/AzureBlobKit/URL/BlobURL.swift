import AzureKitCore
import AzureKitSigning
import Foundation

/// A parsed blob, container or account address, from any of the forms data jobs use.
///
/// | input | becomes |
/// | --- | --- |
/// | `https://acct.blob.core.windows.net/c/dir/x.csv` | as is |
/// | `wasbs://c@acct.blob.core.windows.net/dir/x.csv` | `https://acct.blob.core.windows.net/c/dir/x.csv` |
/// | `wasb://…` | the same, upgraded to `https` (credentials never cross the network in the clear) |
/// | `abfss://c@acct.dfs.core.windows.net/dir/x.csv` (or `abfs://`) | the Blob endpoint `https://acct.blob.core.windows.net/c/dir/x.csv` |
/// | `http://127.0.0.1:10000/devstoreaccount1/c/x.csv` | path-style (Azurite) |
///
/// Paths in the input are percent-encoded already (as URLs and Hadoop URIs are): they are decoded once, and
/// ``url`` re-encodes the name with the Storage rule. A query containing `sig=` is kept as ``sasToken``.
///
/// ```swift
/// let input = try BlobURL(parsing: "wasbs://demo@acct.blob.core.windows.net/raw/airlines/2007.csv.bz2")
/// input.containerName   // "demo"
/// input.blobName        // "raw/airlines/2007.csv.bz2"
/// ```
public struct BlobURL: Sendable, Hashable, CustomStringConvertible {
    public let endpoint: BlobEndpoint
    /// `nil` for an account (service) URL.
    public let containerName: String?
    /// The decoded blob name; `nil` for an account or container URL.
    public let blobName: String?
    /// A SAS query string found in the URL (without `?`); never printed.
    public let sasToken: String?

    public init(endpoint: BlobEndpoint, containerName: String? = nil, blobName: String? = nil, sasToken: String? = nil)
        throws
    {
        if let containerName { try BlobNameValidation.validateContainer(containerName) }
        if let blobName {
            guard containerName != nil else {
                throw AzureClientError(.invalidArgument, "blob '\(blobName)' has no container")
            }
            try BlobNameValidation.validateBlob(blobName)
        }
        self.endpoint = endpoint
        self.containerName = containerName
        self.blobName = blobName
        self.sasToken = sasToken.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Parses `text` in any of the supported forms.
    /// - Throws: ``AzureKitCore/AzureClientError`` (`.invalidURL`) naming what is wrong.
    public init(parsing text: String) throws {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        func fail(_ reason: String) -> AzureClientError { AzureClientError.invalidURL(text, reason: reason) }
        guard let schemeEnd = text.range(of: "://") else {
            throw fail("it has no scheme (expected https://, wasbs:// or abfss://)")
        }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        var rest = text[schemeEnd.upperBound...]
        var query: Substring = ""
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }  // a raw '#' starts a fragment; names use %23
        if let question = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: question)...]
            rest = rest[..<question]
        }
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        var authority = rest[..<slash]
        let path = rest[slash...]

        var userInfo: Substring?
        if let at = authority.lastIndex(of: "@") {
            userInfo = authority[..<at]
            authority = authority[authority.index(after: at)...]
        }
        let (host, port) = try Self.splitHostPort(authority, fail: fail)
        var segments = path.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false).dropFirst().map(
            String.init)

        var account: String
        var pathStyle = false
        let httpScheme: String
        switch scheme {
        case "https", "http":
            guard userInfo == nil else { throw fail("user info is not allowed in a Blob URL") }
            httpScheme = scheme
            if BlobEndpoint.isPathStyleHost(host) {
                pathStyle = true
                guard let first = segments.first, !first.isEmpty else {
                    throw fail("a path-style (emulator) URL must start with the account name")
                }
                account = first
                segments = Array(segments.dropFirst())
                if segments.count == 1, let only = segments.first, only.contains("/") {
                    segments = only.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(
                        String.init)
                }
            } else {
                account = try Self.account(ofHost: host, fail: fail)
            }
            let dfsMapped = Self.blobHost(forDFSHost: host)
            try self.init(
                finishing: httpScheme, host: dfsMapped ?? host, port: port, account: account, pathStyle: pathStyle,
                segments: segments, query: query, fail: fail)
        case "wasbs", "wasb", "abfss", "abfs":
            // Hadoop: the user info is the container, the host the account endpoint. wasb:// (plain http) is
            // upgraded: the same data is served over TLS and keys or SAS must not travel in the clear.
            guard let userInfo, !userInfo.isEmpty else {
                throw fail(
                    "\(scheme):// needs the container before '@' (\(scheme)://<container>@<account>.blob.core.windows.net/<path>)"
                )
            }
            let name = String(userInfo)
            let mapped = Self.blobHost(forDFSHost: host) ?? host
            guard mapped.contains(".blob.") else {
                throw fail(
                    "host '\(host)' is not a Storage endpoint (expected <account>.blob.<suffix> or <account>.dfs.<suffix>)"
                )
            }
            account = try Self.account(ofHost: mapped, fail: fail)
            let blobPath = segments.joined(separator: "/")
            try self.init(
                finishing: "https", host: mapped, port: port, account: account, pathStyle: false,
                segments: [name, blobPath], query: query, fail: fail)
        default:
            throw fail("unsupported scheme '\(scheme)' (expected https, wasbs, wasb, abfss or abfs)")
        }
    }

    private init(
        finishing scheme: String, host: String, port: Int?, account: String, pathStyle: Bool, segments: [String],
        query: Substring, fail: (String) -> AzureClientError
    ) throws {
        guard let account = PercentEncoding.decode(account) else {
            throw fail("the account name is not valid percent-encoding")
        }
        let endpoint = try BlobEndpoint(
            scheme: scheme, host: host, port: port, accountName: account, pathStyle: pathStyle)
        var container: String?
        var blob: String?
        if let first = segments.first, !first.isEmpty {
            guard let decoded = PercentEncoding.decode(first) else {
                throw fail("the container name is not valid percent-encoding")
            }
            container = decoded
        }
        if segments.count > 1, !segments[1].isEmpty {
            guard let decoded = PercentEncoding.decode(segments[1]) else {
                throw fail("the blob path has a '%' that is not followed by two hex digits (write '%' as %25)")
            }
            blob = decoded
        }
        let sas = query.contains("sig=") ? String(query) : nil
        do {
            try self.init(endpoint: endpoint, containerName: container, blobName: blob, sasToken: sas)
        } catch let error as AzureClientError {
            throw fail(error.message)
        }
    }

    /// The container or blob URL, encoded with the Storage rule, without any SAS.
    public var url: URL {
        (try? endpoint.url(container: containerName, blob: containerName == nil ? nil : blobName))
            ?? endpoint.serviceURL
    }

    /// The URL with the SAS appended, for handing to another process. Treat it as a secret.
    public var urlWithSAS: URL {
        guard let sasToken, var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return url }
        components.percentEncodedQuery = sasToken
        return components.url ?? url
    }

    /// The address without the SAS (which is never printed).
    public var description: String { url.absoluteString }

    // MARK: Host helpers

    private static func splitHostPort(_ authority: Substring, fail: (String) -> AzureClientError) throws -> (
        String, Int?
    ) {
        var host = authority
        var port: Int?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw fail("unterminated IPv6 address") }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") {
                guard let value = Int(after.dropFirst()), (1...65535).contains(value) else {
                    throw fail("invalid port '\(after.dropFirst())'")
                }
                port = value
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            let text = authority[authority.index(after: colon)...]
            guard let value = Int(text), (1...65535).contains(value) else { throw fail("invalid port '\(text)'") }
            port = value
        }
        guard !host.isEmpty else { throw fail("it has no host") }
        return (host.lowercased(), port)
    }

    private static func account(ofHost host: String, fail: (String) -> AzureClientError) throws -> String {
        guard let first = host.split(separator: ".").first, !first.isEmpty, host.contains(".") else {
            throw fail("cannot tell the account from host '\(host)' (expected <account>.blob.<suffix>)")
        }
        return String(first)
    }

    /// `acct.dfs.core.windows.net` → `acct.blob.core.windows.net`: ADLS Gen2 data is reachable through the Blob API.
    static func blobHost(forDFSHost host: String) -> String? {
        guard let range = host.range(of: ".dfs.") else { return nil }
        return host.replacingCharacters(in: range, with: ".blob.")
    }
}
