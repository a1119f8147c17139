#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The fields of a blob or container SAS, signed either with the account key
/// (``SharedKeySigner/blobSAS(_:)``) or with a user delegation key
/// (``UserDelegationKey/blobSAS(_:accountName:)``).
///
/// ```swift
/// var values = BlobSASValues(resource: .blob(container: "results", name: "2025/summary.csv"),
///                            permissions: .read, expiry: Date().addingTimeInterval(3600))
/// values.protocols = .https
/// let token = try signer.blobSAS(values)
/// let url = "https://devacct.blob.core.windows.net/results/2025/summary.csv?" + token.queryString
/// ```
public struct BlobSASValues: Sendable, Hashable {
    public var resource: BlobSASResource
    /// `sp`. May be empty only when ``identifier`` names a stored access policy that sets it.
    public var permissions: BlobSASPermissions
    /// `st`; written as `YYYY-MM-DDThh:mm:ssZ`, fractional seconds dropped.
    public var start: Date?
    /// `se`. Required unless ``identifier`` names a stored access policy that sets it.
    public var expiry: Date?
    /// `si`: a stored access policy on the container (account-key SAS only).
    public var identifier: String?
    /// `sip`.
    public var ipRange: SASIPRange?
    /// `spr`.
    public var protocols: SASProtocol?
    /// `ses`: the encryption scope to use for writes.
    public var encryptionScope: String?
    /// `rscc`, `rscd`, `rsce`, `rscl`, `rsct`.
    public var responseHeaders: SASResponseHeaders
    /// `sv`.
    public var version: String

    // MARK: User delegation SAS only

    /// `saoid`: an object id pre-authorized by the key owner to act without a further RBAC check.
    public var preauthorizedAgentObjectID: String?
    /// `suoid`: an object id that must pass an RBAC check (the "agent" object id).
    public var agentObjectID: String?
    /// `scid`: a correlation id written to the storage logs.
    public var correlationID: String?
    /// `sduoid`: the delegated user's object id.
    public var delegatedUserObjectID: String?
    /// `srh`: headers (name, value) a request must carry with these values.
    public var requestHeaders: [SASRequestField]
    /// `srq`: query parameters (name, value) a request must carry with these values.
    public var requestQueryParameters: [SASRequestField]

    public init(
        resource: BlobSASResource,
        permissions: BlobSASPermissions,
        start: Date? = nil,
        expiry: Date?,
        version: String = SASVersion.current
    ) {
        self.resource = resource
        self.permissions = permissions
        self.start = start
        self.expiry = expiry
        self.responseHeaders = SASResponseHeaders()
        self.version = version
        self.requestHeaders = []
        self.requestQueryParameters = []
    }
}

/// A `name:value` constraint of a user delegation SAS (`srh` / `srq`).
public struct SASRequestField: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
