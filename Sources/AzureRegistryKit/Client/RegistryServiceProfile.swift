import AzureKitCore
import Foundation

extension ServiceProfile {
    /// Container registries (ACR and any Docker Registry v2): azure-core's retry rule, the registry JSON error
    /// format, no Shared Key. Authentication is per request and per scope (Basic or a per-scope bearer): the
    /// client's pipeline runs ``RegistryChallengePolicy`` as its credential; ``tokenScopes`` is the Entra scope for
    /// the ACR exchange.
    public static let containerRegistry = ServiceProfile(
        module: "containerregistry", version: "0.1.0", dateHeader: "x-ms-date",
        clientRequestIDHeader: "x-ms-client-request-id", retry: .standard, errors: .registryJSON,
        tokenScopes: [RegistryCredential.defaultEntraScope], sharedKeyScheme: nil,
        azureNamespace: "Microsoft.ContainerRegistry")
}

extension ServiceErrorDecoder {
    /// Docker Registry v2 / ACR errors: `{"errors":[{"code":"MANIFEST_UNKNOWN","message":"…","detail":…}]}`.
    /// OAuth-style token errors (`{"error":"invalid_grant","error_description":"…"}`) are read too. Errors
    /// after the first become details `error.1`, `error.2`, ….
    public static let registryJSON = ServiceErrorDecoder { body in
        struct Body: Decodable {
            struct Item: Decodable {
                var code: String?
                var message: String?
            }
            var errors: [Item]?
            var error: String?
            var errorDescription: String?
            enum CodingKeys: String, CodingKey {
                case errors, error
                case errorDescription = "error_description"
            }
        }
        guard let decoded = try? JSONDecoder().decode(Body.self, from: body) else { return nil }
        if let items = decoded.errors, let first = items.first {
            var details: [String: String] = [:]
            for (index, item) in items.enumerated().dropFirst() {
                details["error.\(index)"] = [item.code, item.message].compactMap { $0 }.joined(separator: ": ")
            }
            return Fields(code: first.code, message: first.message, details: details)
        }
        if decoded.error != nil || decoded.errorDescription != nil {
            return Fields(code: decoded.error, message: decoded.errorDescription)
        }
        return nil
    }
}

/// Registry error codes (Docker Registry v2 / OCI distribution). Codes whose names other services also use
/// carry a `registry` prefix, so a file importing several SDK modules never sees an ambiguous `.unauthorized`.
extension ServiceErrorCode {
    /// The tag or digest does not exist in the repository.
    public static let manifestUnknown: ServiceErrorCode = "MANIFEST_UNKNOWN"
    /// The repository does not exist.
    public static let nameUnknown: ServiceErrorCode = "NAME_UNKNOWN"
    /// The repository name is invalid.
    public static let nameInvalid: ServiceErrorCode = "NAME_INVALID"
    /// The tag is invalid.
    public static let tagInvalid: ServiceErrorCode = "TAG_INVALID"
    /// Authentication is required or failed.
    public static let registryUnauthorized: ServiceErrorCode = "UNAUTHORIZED"
    /// Authenticated, but not allowed.
    public static let registryDenied: ServiceErrorCode = "DENIED"
    /// The registry is throttling the client.
    public static let registryTooManyRequests: ServiceErrorCode = "TOOMANYREQUESTS"
    /// The blob is not in the repository.
    public static let blobUnknown: ServiceErrorCode = "BLOB_UNKNOWN"
    /// The upload session is broken (a chunk out of order, a session the registry lost): start a new one.
    public static let blobUploadInvalid: ServiceErrorCode = "BLOB_UPLOAD_INVALID"
    /// The upload session does not exist (expired or already finished).
    public static let blobUploadUnknown: ServiceErrorCode = "BLOB_UPLOAD_UNKNOWN"
    /// The uploaded bytes do not hash to the digest the client named.
    public static let digestInvalid: ServiceErrorCode = "DIGEST_INVALID"
    /// The manifest is malformed or its media type is not accepted.
    public static let manifestInvalid: ServiceErrorCode = "MANIFEST_INVALID"
    /// The manifest names a blob that the repository does not have.
    public static let manifestBlobUnknown: ServiceErrorCode = "MANIFEST_BLOB_UNKNOWN"
    /// The content length does not match.
    public static let sizeInvalid: ServiceErrorCode = "SIZE_INVALID"
}
