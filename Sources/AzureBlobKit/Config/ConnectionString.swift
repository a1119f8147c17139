import AzureKitCore
import Foundation

/// A Storage connection string (`DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…;EndpointSuffix=…`),
/// including `UseDevelopmentStorage=true` for the Azurite emulator.
///
/// ```swift
/// let connection = try ConnectionString(ProcessInfo.processInfo.environment["AZURE_STORAGE_CONNECTION_STRING"] ?? "")
/// let service = try BlobServiceClient(endpoint: connection.blobEndpoint, credential: connection.credential)
/// ```
public struct ConnectionString: Sendable, CustomStringConvertible {
    /// The Azurite emulator's published, well-known account (not a secret).
    public static let developmentAccountName = "devstoreaccount1"
    public static let developmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
    public static let developmentBlobEndpoint = URL(string: "http://127.0.0.1:10000/devstoreaccount1")!

    public let accountName: String?
    /// The Blob endpoint: `BlobEndpoint` when given, else `<protocol>://<account>.blob.<suffix>`.
    public let blobEndpoint: URL
    /// Shared Key when the string has `AccountKey`, a SAS when it has `SharedAccessSignature`, else anonymous.
    public let credential: ServiceCredential

    /// - Throws: ``AzureClientError`` (`.invalidConfiguration`) naming the malformed part: an empty string, a
    ///   segment without `=`, an unknown protocol, an account key that is not base64, a missing account name,
    ///   an endpoint that is not a URL, both a key and a SAS.
    public init(_ text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw Self.error("it is empty") }
        var fields: [String: String] = [:]
        for (position, segment) in trimmed.split(separator: ";", omittingEmptySubsequences: true).enumerated() {
            let part = segment.trimmingCharacters(in: .whitespaces)
            guard let equals = part.firstIndex(of: "=") else {
                throw Self.error("segment \(position + 1) ('\(Self.redactedSegment(part))') has no '='")
            }
            let key = String(part[..<equals]).trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else { throw Self.error("segment \(position + 1) has an empty key") }
            let value = String(part[part.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
            let canonical = key.lowercased()
            guard fields[canonical] == nil else { throw Self.error("'\(key)' appears more than once") }
            fields[canonical] = value
        }

        if fields["usedevelopmentstorage"]?.lowercased() == "true" {
            let proxy = fields["developmentstorageproxyuri"].flatMap(URL.init(string:))
            accountName = Self.developmentAccountName
            blobEndpoint =
                proxy.map { $0.appendingPathComponent(Self.developmentAccountName) } ?? Self.developmentBlobEndpoint
            credential = .sharedKey(
                try SharedKeyCredential(
                    accountName: Self.developmentAccountName, accountKey: Self.developmentAccountKey))
            return
        }

        let name = fields["accountname"]
        if let name, name.isEmpty { throw Self.error("AccountName is empty") }
        let scheme = fields["defaultendpointsprotocol"]?.lowercased() ?? "https"
        guard scheme == "https" || scheme == "http" else {
            throw Self.error("DefaultEndpointsProtocol must be https or http, not '\(scheme)'")
        }
        if let explicit = fields["blobendpoint"] {
            guard let url = URL(string: explicit), url.scheme != nil, url.host != nil else {
                throw Self.error("BlobEndpoint '\(explicit)' is not an absolute URL")
            }
            blobEndpoint = url
        } else {
            guard let name else { throw Self.error("it has neither AccountName nor BlobEndpoint") }
            let suffix = fields["endpointsuffix"] ?? "core.windows.net"
            guard let url = URL(string: "\(scheme)://\(name).blob.\(suffix)"), url.host != nil else {
                throw Self.error("AccountName '\(name)' and EndpointSuffix '\(suffix)' do not form a URL")
            }
            blobEndpoint = url
        }
        accountName = name

        switch (fields["accountkey"], fields["sharedaccesssignature"]) {
        case (.some, .some):
            throw Self.error("it has both AccountKey and SharedAccessSignature; keep one")
        case (.some(let key), nil):
            guard let name else { throw Self.error("AccountKey needs AccountName") }
            do {
                credential = .sharedKey(try SharedKeyCredential(accountName: name, accountKey: key))
            } catch {
                throw Self.error("AccountKey for '\(name)' is not valid base64")
            }
        case (nil, .some(let sas)):
            guard !sas.isEmpty else { throw Self.error("SharedAccessSignature is empty") }
            credential = .sas(sas)
        case (nil, nil):
            credential = .anonymous
        }
    }

    public var description: String {
        "ConnectionString(account: \(accountName ?? "-"), blobEndpoint: \(blobEndpoint.absoluteString), credential: \(credential))"
    }

    private static func error(_ reason: String) -> AzureClientError {
        AzureClientError(.invalidConfiguration, "invalid storage connection string: \(reason)")
    }

    /// A malformed segment may be a pasted key: show only its first characters.
    private static func redactedSegment(_ segment: String) -> String {
        segment.count <= 12 ? segment : "\(segment.prefix(6))…"
    }
}
