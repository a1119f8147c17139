import AzureBlobKit
import AzureKitCore
import Foundation

/// `--report-blob`: uploads the report under the output prefix, with a 15-minute create/write SAS from the
/// issuer that signs the tasks' SAS, or in keyless mode (no issuer) with this machine's Entra ID token.
enum ReportUpload {
    static func uploader(outputPrefix: String, issuer: BlobSASIssuer?) -> @Sendable (Data, String) async throws -> URL {
        { data, name in
            let prefix = outputPrefix.hasSuffix("/") ? outputPrefix : outputPrefix + "/"
            let blob = try BlobURL(parsing: prefix + name)
            let client: BlobClient
            if let issuer {
                let signed = try issuer.url(
                    for: blob, permissions: [.create, .write], expiry: Date().addingTimeInterval(15 * 60))
                client = try BlobClient(url: signed.urlWithSAS)
            } else {
                client = try BlobClient(url: blob.url, credential: .token(try DefaultAzureCredential()))
            }
            _ = try await client.upload(data, options: BlobUploadOptions(contentType: "text/html; charset=utf-8"))
            return blob.url
        }
    }
}
