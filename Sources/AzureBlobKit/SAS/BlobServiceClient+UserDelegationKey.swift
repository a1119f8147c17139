import AzureKitCore
import AzureKitSigning
import Foundation
import Logging

extension BlobServiceClient {
    /// Get User Delegation Key: a key, valid for at most 7 days, that signs SAS tokens on behalf of the Entra ID
    /// identity this client authenticates as, so SAS can be issued without the account key.
    ///
    /// ```swift
    /// let service = try BlobServiceClient(endpoint: accountURL, credential: .token(try DefaultAzureCredential()))
    /// let key = try await service.userDelegationKey(expiry: Date().addingTimeInterval(6 * 3600))
    /// ```
    /// The identity needs an RBAC role with `generateUserDelegationKey` (e.g. Storage Blob Delegator), and the SAS
    /// it signs grants at most what the identity itself may do.
    /// - Throws: ``AzureKitCore/AzureClientError`` (`.invalidCredential`) unless the client uses a token
    ///   credential; ``AzureKitCore/AzureServiceError`` from the service.
    public func userDelegationKey(start: Date = Date(), expiry: Date, logger: Logger = .azureDisabled) async throws
        -> UserDelegationKey
    {
        guard pipeline.credential.tokenCredential != nil else {
            throw AzureClientError(
                .invalidCredential,
                "Get User Delegation Key needs an Entra ID token credential, not \(pipeline.credential); use the account key to sign SAS instead"
            )
        }
        guard expiry > start else {
            throw AzureClientError(
                .invalidArgument,
                "the user delegation key expiry \(AzureDateFormat.iso8601(expiry)) is not after its start")
        }
        let body =
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><KeyInfo><Start>\(AzureDateFormat.iso8601(start))</Start>"
            + "<Expiry>\(AzureDateFormat.iso8601(expiry))</Expiry></KeyInfo>"
        let response = try await pipeline.send(
            .post, container: nil, query: [("restype", "service"), ("comp", "userdelegationkey")],
            headers: ["Content-Type": "application/xml"], body: .data(Data(body.utf8)),
            operation: "Service_GetUserDelegationKey",
            accepting: { $0 == 200 }, logger: logger,
            spanName: AzureOperation.name(client: "BlobServiceClient", function: #function))
        let root = try XMLTree.parse(response.body, context: "Get User Delegation Key")
        func field(_ name: String) throws -> String {
            guard let value = root.text(of: name), !value.isEmpty else {
                throw AzureClientError.unexpectedResponse("Get User Delegation Key", "the response has no <\(name)>")
            }
            return value
        }
        do {
            return try UserDelegationKey(
                signedObjectID: field("SignedOid"), signedTenantID: field("SignedTid"),
                signedStart: field("SignedStart"),
                signedExpiry: field("SignedExpiry"), signedService: field("SignedService"),
                signedVersion: field("SignedVersion"),
                signedDelegatedUserTenantID: root.text(of: "SignedDelegatedUserTid").flatMap { $0.isEmpty ? nil : $0 },
                value: field("Value"))
        } catch let error as SigningError {
            throw AzureClientError.unexpectedResponse("Get User Delegation Key", error.description)
        }
    }
}
