#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The fields of an account SAS, signed with ``SharedKeySigner/accountSAS(_:)``.
///
/// ```swift
/// let values = AccountSASValues(services: .blob, resourceTypes: [.service, .container, .object],
///                               permissions: [.read, .write, .list, .create],
///                               expiry: Date().addingTimeInterval(3600))
/// let token = try signer.accountSAS(values)   // ...&sp=rwlc&...&ss=b&srt=sco&sig=...
/// ```
public struct AccountSASValues: Sendable, Hashable {
    /// `ss`.
    public var services: AccountSASServices
    /// `srt`.
    public var resourceTypes: AccountSASResourceTypes
    /// `sp`.
    public var permissions: AccountSASPermissions
    /// `st`.
    public var start: Date?
    /// `se` (required).
    public var expiry: Date
    /// `sip`.
    public var ipRange: SASIPRange?
    /// `spr`.
    public var protocols: SASProtocol?
    /// `ses`.
    public var encryptionScope: String?
    /// `sv`.
    public var version: String

    public init(
        services: AccountSASServices,
        resourceTypes: AccountSASResourceTypes,
        permissions: AccountSASPermissions,
        start: Date? = nil,
        expiry: Date,
        version: String = SASVersion.current
    ) {
        self.services = services
        self.resourceTypes = resourceTypes
        self.permissions = permissions
        self.start = start
        self.expiry = expiry
        self.version = version
    }
}

extension SharedKeySigner {
    /// An account SAS signed with the account key. Its string to sign is
    /// `account\nsp\nss\nsrt\nst\nse\nsip\nspr\nsv\nses\n` (with a trailing newline).
    /// - Throws: ``SigningError/Code/invalidSASParameter`` for empty permissions, services or
    ///   resource types, an unsupported version or a start not before the expiry.
    public func accountSAS(_ values: AccountSASValues) throws(SigningError) -> SASToken {
        try SASVersion.validate(values.version, oldest: SASVersion.oldestSupported)
        for (name, empty) in [
            ("permissions", values.permissions.isEmpty), ("services", values.services.isEmpty),
            ("resourceTypes", values.resourceTypes.isEmpty),
        ] where empty {
            throw SigningError(.invalidSASParameter, "The account SAS \(name) are empty.")
        }
        try SASFieldCheck.order(start: values.start, expiry: values.expiry)
        try SASFieldCheck.protocols(values.protocols)
        try SASFieldCheck.singleLine([("ipRange", values.ipRange?.value), ("encryptionScope", values.encryptionScope)])

        let start = values.start.map(AzureDateFormat.iso8601)
        let expiry = AzureDateFormat.iso8601(values.expiry)
        let stringToSign = [
            accountName, values.permissions.letters, values.services.letters, values.resourceTypes.letters,
            start ?? "", expiry, values.ipRange?.value ?? "", values.protocols?.rawValue ?? "", values.version,
            values.encryptionScope ?? "", "",
        ].joined(separator: "\n")

        var query = SASParameterList()
        query.add("st", start)
        query.add("se", expiry)
        query.add("sp", values.permissions.letters)
        query.add("sip", values.ipRange?.value)
        query.add("spr", values.protocols?.rawValue)
        query.add("sv", values.version)
        query.add("ss", values.services.letters)
        query.add("srt", values.resourceTypes.letters)
        query.add("ses", values.encryptionScope)
        query.add("sig", key.signature(for: stringToSign))
        return SASToken(parameters: query.items, stringToSign: stringToSign)
    }
}
