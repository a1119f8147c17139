import AzureKitCore
import AzureKitSigning
import Foundation
import Logging

/// Signs blob and container SAS tokens with either the account key or a user delegation key.
///
/// Prefer a user delegation key: it comes from an Entra ID identity, expires within days, and never puts the
/// account key anywhere near a task.
///
/// ```swift
/// let issuer = try await service.sasIssuer(validFor: .seconds(4 * 3600))   // Entra ID → user delegation key
/// let url = try issuer.url(for: input, permissions: .read, expiry: Date().addingTimeInterval(3600))
/// ```
public struct BlobSASIssuer: Sendable, CustomStringConvertible {
    enum Authority: Sendable {
        case accountKey(SharedKeySigner)
        case userDelegation(UserDelegationKey)
    }

    let authority: Authority
    public let accountName: String
    /// Where each issued SAS is logged at `.info` (resource, permissions, expiry; never the signature); `nil`
    /// uses ``AzureKitCore/AzureLogging/logger``.
    public var logger: Logger?

    init(authority: Authority, accountName: String, logger: Logger? = nil) {
        self.authority = authority
        self.accountName = accountName
        self.logger = logger
    }

    /// Signs with the account key (service SAS).
    public static func accountKey(_ credential: SharedKeyCredential) throws -> BlobSASIssuer {
        do {
            let signer = try SharedKeySigner(accountName: credential.accountName, accountKey: credential.accountKey)
            return BlobSASIssuer(authority: .accountKey(signer), accountName: credential.accountName)
        } catch {
            throw AzureClientError(.invalidCredential, "cannot sign SAS for '\(credential.accountName)': \(error)")
        }
    }

    /// Signs with a user delegation key from ``BlobServiceClient/userDelegationKey(start:expiry:logger:)``.
    public static func userDelegation(_ key: UserDelegationKey, accountName: String) -> BlobSASIssuer {
        BlobSASIssuer(authority: .userDelegation(key), accountName: accountName)
    }

    /// The latest expiry this issuer can sign: the user delegation key's own expiry, or unlimited.
    public var latestExpiry: Date? {
        guard case .userDelegation(let key) = authority else { return nil }
        return ISO8601DateFormatter().date(from: key.signedExpiry)
    }

    /// A SAS token for `resource`.
    /// - Parameters:
    ///   - start: defaults to five minutes ago, so a node whose clock runs slightly behind is not refused.
    ///   - httpsOnly: `spr=https`; turned off automatically for loopback/emulator endpoints.
    /// - Throws: ``AzureKitCore/AzureClientError`` when the expiry is past the key's, or a field is invalid.
    public func token(
        for resource: BlobSASResource, permissions: BlobSASPermissions, start: Date? = nil, expiry: Date,
        httpsOnly: Bool = true
    ) throws -> SASToken {
        if let latest = latestExpiry, expiry > latest {
            throw AzureClientError(
                .invalidArgument,
                "SAS expiry \(AzureDateFormat.iso8601(expiry)) is after the user delegation key's expiry \(AzureDateFormat.iso8601(latest))"
            )
        }
        var values = BlobSASValues(
            resource: resource, permissions: permissions,
            start: start ?? Date().addingTimeInterval(-300), expiry: expiry)
        if httpsOnly { values.protocols = .https }
        let token: SASToken
        do {
            switch authority {
            case .accountKey(let signer): token = try signer.blobSAS(values)
            case .userDelegation(let key): token = try key.blobSAS(values, accountName: accountName)
            }
        } catch {
            throw AzureClientError(.invalidArgument, "cannot sign a SAS for \(resource): \(error)")
        }
        (logger ?? AzureLogging.logger).info(
            "SAS issued",
            metadata: [
                "az-account": .string(accountName), "az-resource": .string(resource.description),
                "az-permissions": .string(permissions.letters), "az-expiry": .string(AzureDateFormat.iso8601(expiry)),
                "az-signed-with": .string(authorityName),
            ])
        return token
    }

    var authorityName: String {
        switch authority {
        case .accountKey: return "account key"
        case .userDelegation: return "user delegation key"
        }
    }

    /// `url` (a container or blob) with a freshly signed SAS: hand it to a process that has no other credential.
    /// Treat the result as a secret.
    public func url(for url: BlobURL, permissions: BlobSASPermissions, start: Date? = nil, expiry: Date) throws
        -> BlobURL
    {
        guard let container = url.containerName else {
            throw AzureClientError(.invalidArgument, "'\(url)' names no container; an account SAS is not issued here")
        }
        let resource: BlobSASResource =
            url.blobName.map { .blob(container: container, name: $0) } ?? .container(container)
        let token = try self.token(
            for: resource, permissions: permissions, start: start, expiry: expiry,
            httpsOnly: url.endpoint.scheme == "https")
        return try BlobURL(
            endpoint: url.endpoint, containerName: url.containerName, blobName: url.blobName,
            sasToken: token.queryString)
    }

    public var description: String {
        switch authority {
        case .accountKey: return "BlobSASIssuer(account key, \(accountName))"
        case .userDelegation(let key):
            return "BlobSASIssuer(user delegation key until \(key.signedExpiry), \(accountName))"
        }
    }
}

extension BlobServiceClient {
    /// An issuer from this client's own credential: a Shared Key client signs with the account key; a token
    /// client fetches a user delegation key valid for `validFor` (at most 7 days).
    /// - Throws: ``AzureKitCore/AzureClientError`` for SAS or anonymous clients, which cannot sign.
    public func sasIssuer(validFor: Duration, logger: Logger = .azureDisabled) async throws -> BlobSASIssuer {
        if let key = pipeline.credential.sharedKey {
            var issuer = try BlobSASIssuer.accountKey(key)
            issuer.logger = logger.isAzureDisabled ? pipeline.service.options.logger : logger
            return issuer
        }
        guard pipeline.credential.tokenCredential != nil else {
            throw AzureClientError(
                .invalidCredential,
                "a \(pipeline.credential) client cannot sign SAS; use an account key or an Entra ID credential")
        }
        let now = Date()
        let key = try await userDelegationKey(
            start: now.addingTimeInterval(-300), expiry: now.addingTimeInterval(validFor.timeInterval),
            logger: logger)
        var issuer = BlobSASIssuer.userDelegation(key, accountName: accountName)
        issuer.logger = logger.isAzureDisabled ? pipeline.service.options.logger : logger
        return issuer
    }
}
