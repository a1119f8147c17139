/// A user delegation key, as returned by the Blob service's Get User Delegation Key call
/// (`POST /?restype=service&comp=userdelegationkey` with an Entra ID token).
///
/// ``value`` is the secret HMAC key; it never appears in `description` or a mirror.
public struct UserDelegationKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `SignedOid` (`skoid`): the object id of the identity that requested the key.
    public let signedObjectID: String
    /// `SignedTid` (`sktid`): its tenant id.
    public let signedTenantID: String
    /// `SignedStart` (`skt`), exactly as the service returned it (`2025-10-01T12:00:00Z`).
    public let signedStart: String
    /// `SignedExpiry` (`ske`), exactly as the service returned it.
    public let signedExpiry: String
    /// `SignedService` (`sks`), `b` for Blob.
    public let signedService: String
    /// `SignedVersion` (`skv`).
    public let signedVersion: String
    /// `SignedDelegatedUserTid` (`skdutid`), only present when the key was requested for a delegated user tenant.
    public let signedDelegatedUserTenantID: String?
    let key: AccountKey

    /// - Throws: ``SigningError/Code/invalidAccountKey`` when `value` is not Base64, and
    ///   ``SigningError/Code/invalidSASParameter`` when a signed field is empty.
    public init(
        signedObjectID: String,
        signedTenantID: String,
        signedStart: String,
        signedExpiry: String,
        signedService: String,
        signedVersion: String,
        signedDelegatedUserTenantID: String? = nil,
        value: String
    ) throws(SigningError) {
        for (name, field) in [
            ("signedObjectID", signedObjectID), ("signedTenantID", signedTenantID),
            ("signedStart", signedStart), ("signedExpiry", signedExpiry),
            ("signedService", signedService), ("signedVersion", signedVersion),
        ]
        where field.isEmpty {
            throw SigningError(.invalidSASParameter, "The user delegation key's \(name) is empty.")
        }
        self.signedObjectID = signedObjectID
        self.signedTenantID = signedTenantID
        self.signedStart = signedStart
        self.signedExpiry = signedExpiry
        self.signedService = signedService
        self.signedVersion = signedVersion
        self.signedDelegatedUserTenantID = signedDelegatedUserTenantID
        self.key = try AccountKey(base64: value, what: "user delegation key value")
    }

    public var description: String {
        "UserDelegationKey(oid: \(signedObjectID), tid: \(signedTenantID), start: \(signedStart), expiry: \(signedExpiry), value: <redacted>)"
    }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "signedObjectID": signedObjectID, "signedTenantID": signedTenantID,
                "signedStart": signedStart, "signedExpiry": signedExpiry,
            ], displayStyle: .struct)
    }
}
