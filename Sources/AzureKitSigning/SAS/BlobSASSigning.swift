/// Builds blob and container SAS tokens (service SAS and user delegation SAS).
enum BlobSASSigning {
    /// The key that signs the token decides the layout.
    enum Authority {
        case accountKey
        case userDelegation(UserDelegationKey)
    }

    static func token(
        _ values: BlobSASValues,
        account: String,
        authority: Authority,
        sign: (String) -> String
    ) throws(SigningError) -> SASToken {
        try validate(values, authority: authority)
        let start = values.start.map(AzureDateFormat.iso8601)
        let expiry = values.expiry.map(AzureDateFormat.iso8601)
        let resource = values.resource

        var lines = [
            values.permissions.letters, start ?? "", expiry ?? "", resource.canonicalizedResource(account: account),
        ]
        var query = SASParameterList()
        query.add("st", start)
        query.add("se", expiry)
        query.add("sp", values.permissions.isEmpty ? nil : values.permissions.letters)
        query.add("sip", values.ipRange?.value)
        query.add("spr", values.protocols?.rawValue)
        query.add("sv", values.version)

        switch authority {
        case .accountKey:
            lines.append(values.identifier ?? "")
            query.add("si", values.identifier)
            query.add("sr", resource.signedResource)
        case .userDelegation(let key):
            query.add("sr", resource.signedResource)
            query.add("skoid", key.signedObjectID)
            query.add("sktid", key.signedTenantID)
            query.add("skt", key.signedStart)
            query.add("ske", key.signedExpiry)
            query.add("sks", key.signedService)
            query.add("skv", key.signedVersion)
            query.add("skdutid", key.signedDelegatedUserTenantID)
            query.add("saoid", values.preauthorizedAgentObjectID)
            query.add("suoid", values.agentObjectID)
            query.add("scid", values.correlationID)
            query.add("sduoid", values.delegatedUserObjectID)
            lines += [
                key.signedObjectID, key.signedTenantID, key.signedStart, key.signedExpiry, key.signedService,
                key.signedVersion, values.preauthorizedAgentObjectID ?? "", values.agentObjectID ?? "",
                values.correlationID ?? "", key.signedDelegatedUserTenantID ?? "", values.delegatedUserObjectID ?? "",
            ]
        }
        lines += [
            values.ipRange?.value ?? "", values.protocols?.rawValue ?? "", values.version,
            resource.signedResource, resource.snapshotTime, values.encryptionScope ?? "",
        ]
        query.add("ses", values.encryptionScope)
        if case .userDelegation = authority {
            lines.append(values.requestHeaders.map { $0.name + ":" + $0.value + "\n" }.joined())
            lines.append(values.requestQueryParameters.map { "\n" + $0.name + ":" + $0.value }.joined())
            query.add(
                "srh", values.requestHeaders.isEmpty ? nil : values.requestHeaders.map(\.name).joined(separator: ","))
            query.add(
                "srq",
                values.requestQueryParameters.isEmpty
                    ? nil : values.requestQueryParameters.map(\.name).joined(separator: ","))
        }
        for (name, value) in values.responseHeaders.fields {
            lines.append(value ?? "")
            query.add(name, value)
        }
        let stringToSign = lines.joined(separator: "\n")
        query.add("sig", sign(stringToSign))
        return SASToken(parameters: query.items, stringToSign: stringToSign)
    }

    private static func validate(_ values: BlobSASValues, authority: Authority) throws(SigningError) {
        try values.resource.validate()
        switch authority {
        case .accountKey:
            try SASVersion.validate(values.version, oldest: SASVersion.oldestSupported)
            let delegationOnly: [(String, Bool)] = [
                ("preauthorizedAgentObjectID", values.preauthorizedAgentObjectID != nil),
                ("agentObjectID", values.agentObjectID != nil), ("correlationID", values.correlationID != nil),
                ("delegatedUserObjectID", values.delegatedUserObjectID != nil),
                ("requestHeaders", !values.requestHeaders.isEmpty),
                ("requestQueryParameters", !values.requestQueryParameters.isEmpty),
            ]
            if let (name, _) = delegationOnly.first(where: \.1) {
                throw SigningError(.invalidSASParameter, "\(name) is only valid in a user delegation SAS.")
            }
        case .userDelegation:
            try SASVersion.validate(values.version, oldest: SASVersion.oldestSupportedUserDelegation)
            guard values.identifier == nil else {
                throw SigningError(
                    .invalidSASParameter, "A user delegation SAS cannot use a stored access policy (identifier).")
            }
        }
        if values.resource.blobName != nil, !values.permissions.isDisjoint(with: .containerOnly) {
            let letters = values.permissions.intersection(.containerOnly).letters
            throw SigningError(
                .invalidSASParameter, "Permission(s) \"\(letters)\" apply to containers only, not to a blob SAS.")
        }
        if values.identifier == nil {
            guard !values.permissions.isEmpty else {
                throw SigningError(.invalidSASParameter, "The SAS has no permissions and no stored access policy.")
            }
            guard values.expiry != nil else {
                throw SigningError(.invalidSASParameter, "The SAS has no expiry and no stored access policy.")
            }
        }
        try SASFieldCheck.order(start: values.start, expiry: values.expiry)
        var fields: [(String, String?)] = [
            ("identifier", values.identifier), ("ipRange", values.ipRange?.value),
            ("protocols", values.protocols?.rawValue),
            ("encryptionScope", values.encryptionScope), ("container", values.resource.container),
            ("blobName", values.resource.blobName), ("snapshot or version id", values.resource.snapshotTime),
            ("preauthorizedAgentObjectID", values.preauthorizedAgentObjectID), ("agentObjectID", values.agentObjectID),
            ("correlationID", values.correlationID), ("delegatedUserObjectID", values.delegatedUserObjectID),
        ]
        fields += values.responseHeaders.fields
        fields += (values.requestHeaders + values.requestQueryParameters).flatMap {
            [("request field name", $0.name), ("request field \($0.name)", $0.value)]
        }
        try SASFieldCheck.singleLine(fields)
        try SASFieldCheck.protocols(values.protocols)
    }
}

/// Checks shared by every SAS kind.
enum SASFieldCheck {
    /// A line break inside a field would shift every following line of the string to sign.
    static func singleLine(_ fields: [(String, String?)]) throws(SigningError) {
        for (name, value) in fields {
            if let value, value.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) {
                throw SigningError(.invalidSASParameter, "The SAS field \(name) contains a line break.")
            }
        }
    }

    static func order(start: Date?, expiry: Date?) throws(SigningError) {
        if let start, let expiry, start >= expiry {
            throw SigningError(
                .invalidSASParameter,
                "The SAS start \(AzureDateFormat.iso8601(start)) is not before its expiry \(AzureDateFormat.iso8601(expiry))."
            )
        }
    }

    static func protocols(_ value: SASProtocol?) throws(SigningError) {
        if let value, value != .https, value != .httpsAndHTTP {
            throw SigningError(
                .invalidSASParameter, "SAS protocol \"\(value.rawValue)\" must be \"https\" or \"https,http\".")
        }
    }
}

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension SharedKeySigner {
    /// A blob or container service SAS signed with the account key.
    /// - Throws: ``SigningError/Code/invalidSASParameter`` for missing or inconsistent fields.
    public func blobSAS(_ values: BlobSASValues) throws(SigningError) -> SASToken {
        try BlobSASSigning.token(values, account: accountName, authority: .accountKey, sign: key.signature(for:))
    }
}

extension UserDelegationKey {
    /// A blob or container user delegation SAS signed with this key.
    /// - Parameter accountName: the storage account the key was issued by.
    /// - Throws: ``SigningError`` for an invalid account name or SAS field.
    public func blobSAS(_ values: BlobSASValues, accountName: String) throws(SigningError) -> SASToken {
        let account = try SharedKeySigner.validatedAccountName(accountName)
        return try BlobSASSigning.token(
            values, account: account, authority: .userDelegation(self), sign: key.signature(for:))
    }
}
