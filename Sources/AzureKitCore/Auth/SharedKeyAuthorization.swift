import AzureKitSigning
import Foundation

/// Bridges the pipeline's request to the pure Shared Key signer in AzureKitSigning.
///
/// Called by ``AuthenticationPolicy`` on every attempt, after ``DatePolicy`` and ``ContentLengthPolicy``, so the
/// signature covers the fresh date and the exact `Content-Length` that will be sent.
enum SharedKeyAuthorization {
    static func authorization(for request: HTTPRequest, credential: SharedKeyCredential, scheme: SharedKeyScheme?)
        throws -> String
    {
        guard let scheme else {
            throw AzureClientError(
                .invalidConfiguration, "this service does not accept Shared Key; use a token credential")
        }
        do {
            let signer = try SharedKeySigner(accountName: credential.accountName, accountKey: credential.accountKey)
            return try signer.authorization(
                method: request.method.rawValue, url: request.url,
                headers: request.headers.map { (name: $0.name, value: $0.value) }, scheme: scheme)
        } catch {
            // SigningError messages never contain the key.
            let kind: AzureClientError.Kind =
                error.code == .invalidAccountName || error.code == .invalidAccountKey
                ? .invalidCredential : .invalidArgument
            throw AzureClientError(
                kind,
                "cannot sign \(request.method.rawValue) \(Redaction.default.redact(request.url)) with Shared Key: \(error)"
            )
        }
    }
}
