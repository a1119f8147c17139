import AzureKitCore
import Foundation

/// A Storage connection string: `DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…;EndpointSuffix=…`,
/// `BlobEndpoint=…;SharedAccessSignature=…`, or `UseDevelopmentStorage=true` (Azurite).
///
/// `BlobEndpoint` takes precedence over `AccountName` + `EndpointSuffix`. Parsed locally until the shared
/// runtime offers a connection-string type; values are never printed.
struct StorageConnectionString: Sendable {
    let endpoint: BlobEndpoint
    let credential: ServiceCredential

    /// Azurite's published development account (well known, not a secret).
    static let developmentAccount = "devstoreaccount1"
    static let developmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

    init(_ text: String) throws {
        func fail(_ reason: String) -> AzureClientError {
            AzureClientError(.invalidConfiguration, "invalid Storage connection string: \(reason)")
        }
        var fields: [String: String] = [:]
        for part in text.split(separator: ";") {
            let trimmed = part.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { continue }
            guard let equals = trimmed.firstIndex(of: "=") else { throw fail("'\(trimmed.prefix(30))' is not Name=Value") }
            fields[trimmed[..<equals].lowercased()] = String(trimmed[trimmed.index(after: equals)...])
        }
        if fields["usedevelopmentstorage"]?.lowercased() == "true" {
            fields["accountname"] = fields["accountname"] ?? Self.developmentAccount
            fields["accountkey"] = fields["accountkey"] ?? Self.developmentKey
            fields["blobendpoint"] = fields["blobendpoint"] ?? "http://127.0.0.1:10000/\(Self.developmentAccount)"
        }
        let account = fields["accountname"]
        if let blobEndpoint = fields["blobendpoint"] {
            let parsed = try BlobURL(parsing: blobEndpoint)
            if parsed.endpoint.isPathStyle || account == nil {
                endpoint = parsed.endpoint
            } else {
                // A custom domain: trust the configured endpoint but sign as the named account.
                endpoint = try BlobEndpoint(scheme: parsed.endpoint.scheme, host: parsed.endpoint.host,
                                            port: parsed.endpoint.port, accountName: account ?? parsed.endpoint.accountName)
            }
        } else {
            guard let account else { throw fail("it has neither BlobEndpoint nor AccountName") }
            let scheme = (fields["defaultendpointsprotocol"] ?? "https").lowercased()
            let suffix = fields["endpointsuffix"] ?? "core.windows.net"
            endpoint = try BlobEndpoint(scheme: scheme, host: "\(account).blob.\(suffix)", accountName: account)
        }
        if let key = fields["accountkey"] {
            credential = .sharedKey(try SharedKeyCredential(accountName: account ?? endpoint.accountName, accountKey: key))
        } else if let sas = fields["sharedaccesssignature"] {
            credential = .sas(sas)
        } else {
            credential = .anonymous
        }
    }
}
