import AzureKitSigning
import Foundation
import Testing

/// SAS rules of blob-api.md §2 beyond the two vectors.
@Suite("SAS generation rules")
struct SASTests {
    let signer = try! SharedKeySigner(accountName: "devacct", accountKey: TestKeys.accountKey)
    let start = Date(timeIntervalSince1970: 1_759_320_000)  // 2025-10-01T12:00:00Z
    let expiry = Date(timeIntervalSince1970: 1_759_406_400)  // 2025-10-02T12:00:00Z

    @Test("Blob permissions are written in the order racwdxyltfmeopi whatever the input order")
    func blobPermissionOrder() throws {
        #expect(([.list, .write, .read] as BlobSASPermissions).letters == "rwl")
        #expect(try BlobSASPermissions(letters: "ipoemftlyxdwcar").letters == "racwdxyltfmeopi")
        #expect(try BlobSASPermissions(letters: "") == [])
    }

    @Test("Account permissions, services and resource types have their fixed orders")
    func accountOrders() throws {
        #expect(try AccountSASPermissions(letters: "iftpucalyxdwr").letters == "rwdxylacuptfi")
        #expect(([.create, .list, .write, .read] as AccountSASPermissions).letters == "rwlc")
        #expect(try AccountSASServices(letters: "fbtq").letters == "bqtf")
        #expect(try AccountSASResourceTypes(letters: "osc").letters == "sco")
    }

    @Test("Each named flag is its own letter")
    func namedFlags() {
        #expect(BlobSASPermissions.list.letters == "l" && BlobSASPermissions.setImmutabilityPolicy.letters == "i")
        #expect(BlobSASPermissions.deleteVersion.letters == "x" && BlobSASPermissions.permanentDelete.letters == "y")
        #expect(BlobSASPermissions.filterByTags.letters == "f" && BlobSASPermissions.ownership.letters == "o")
        #expect(AccountSASPermissions.update.letters == "u" && AccountSASPermissions.process.letters == "p")
        #expect(AccountSASServices.file.letters == "f" && AccountSASResourceTypes.object.letters == "o")
    }

    @Test("Unknown permission letters are typed errors", arguments: ["rz", "R", "r w"])
    func unknownLetter(letters: String) {
        #expect(throws: SigningError.self) { try BlobSASPermissions(letters: letters) }
        #expect(throws: SigningError.self) { try AccountSASPermissions(letters: letters) }
    }

    @Test("Container SAS: every optional field lands on its line and in the emitted order")
    func containerFullLayout() throws {
        var values = BlobSASValues(
            resource: .container("mycontainer"), permissions: [.read, .list], start: start, expiry: expiry)
        values.identifier = "policy-1"
        values.ipRange = SASIPRange("168.1.5.60", to: "168.1.5.70")
        values.protocols = .httpsAndHTTP
        values.encryptionScope = "scope1"
        values.responseHeaders = SASResponseHeaders(
            cacheControl: "no-cache", contentDisposition: "attachment; filename=\"a b.csv\"", contentEncoding: "gzip",
            contentLanguage: "en-US", contentType: "text/csv")
        let token = try signer.blobSAS(values)
        let expectedLines = [
            "rl", "2025-10-01T12:00:00Z", "2025-10-02T12:00:00Z", "/blob/devacct/mycontainer", "policy-1",
            "168.1.5.60-168.1.5.70", "https,http", "2026-10-06", "c", "", "scope1",
            "no-cache", "attachment; filename=\"a b.csv\"", "gzip", "en-US", "text/csv",
        ]
        #expect(token.stringToSign == expectedLines.joined(separator: "\n"))
        #expect(
            token.parameters.map(\.name) == [
                "st", "se", "sp", "sip", "spr", "sv", "si", "sr", "ses",
                "rscc", "rscd", "rsce", "rscl", "rsct", "sig",
            ])
        #expect(token.signature == signer.signature(forStringToSign: token.stringToSign))
        #expect(token.queryString.contains("&spr=https%2Chttp&"))
        #expect(token.queryString.contains("&rscd=attachment%3B%20filename%3D%22a%20b.csv%22&"))
    }

    @Test("Snapshot and version SAS sign the id on the snapshotTime line; the token omits it")
    func snapshotAndVersion() throws {
        for (resource, sr) in [
            (BlobSASResource.blobSnapshot(container: "c", name: "b", snapshot: "2025-10-01T12:00:00.1234567Z"), "bs"),
            (BlobSASResource.blobVersion(container: "c", name: "b", versionID: "2025-10-01T12:00:00.1234567Z"), "bv"),
        ] {
            let token = try signer.blobSAS(BlobSASValues(resource: resource, permissions: .read, expiry: expiry))
            let lines = token.stringToSign.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == 16)
            #expect(lines[8] == Substring(sr))
            #expect(lines[9] == "2025-10-01T12:00:00.1234567Z")
            #expect(token["sr"] == sr)
            #expect(token["snapshot"] == nil && token["versionid"] == nil)
        }
    }

    @Test("Times drop fractional seconds")
    func fractionalSeconds() throws {
        let token = try signer.blobSAS(
            BlobSASValues(
                resource: .container("c"), permissions: .read,
                start: start.addingTimeInterval(0.75), expiry: expiry.addingTimeInterval(0.5)))
        #expect(token["st"] == "2025-10-01T12:00:00Z")
        #expect(token["se"] == "2025-10-02T12:00:00Z")
    }

    @Test("User delegation SAS: 28-line layout, sk* parameters, signed with the delegation key")
    func userDelegation() throws {
        let key = try UserDelegationKey(
            signedObjectID: "oid-1", signedTenantID: "tid-1", signedStart: "2025-10-01T00:00:00Z",
            signedExpiry: "2025-10-08T00:00:00Z", signedService: "b", signedVersion: "2026-10-06",
            signedDelegatedUserTenantID: "dut-1", value: TestKeys.azuriteKey)
        var values = BlobSASValues(
            resource: .blob(container: "c", name: "dir/b.csv"), permissions: [.read, .write],
            start: start, expiry: expiry)
        values.protocols = .https
        values.preauthorizedAgentObjectID = "saoid-1"
        values.agentObjectID = "suoid-1"
        values.correlationID = "scid-1"
        values.delegatedUserObjectID = "sduoid-1"
        values.encryptionScope = "scope1"
        values.requestHeaders = [SASRequestField("x-ms-meta-a", "1"), SASRequestField("x-ms-meta-b", "2")]
        values.requestQueryParameters = [SASRequestField("comp", "metadata")]
        values.responseHeaders.contentType = "text/csv"
        let token = try key.blobSAS(values, accountName: "devacct")
        let expected = [
            "rw", "2025-10-01T12:00:00Z", "2025-10-02T12:00:00Z", "/blob/devacct/c/dir/b.csv",
            "oid-1", "tid-1", "2025-10-01T00:00:00Z", "2025-10-08T00:00:00Z", "b", "2026-10-06",
            "saoid-1", "suoid-1", "scid-1", "dut-1", "sduoid-1", "", "https", "2026-10-06", "b", "", "scope1",
            "x-ms-meta-a:1\nx-ms-meta-b:2\n", "\ncomp:metadata", "", "", "", "", "text/csv",
        ].joined(separator: "\n")
        #expect(token.stringToSign == expected)
        let udkSigner = try SharedKeySigner(accountName: "devacct", accountKey: TestKeys.azuriteKey)
        #expect(token.signature == udkSigner.signature(forStringToSign: expected))
        #expect(token.signature != signer.signature(forStringToSign: expected))
        #expect(
            token.parameters.map(\.name) == [
                "st", "se", "sp", "spr", "sv", "sr", "skoid", "sktid", "skt", "ske", "sks", "skv", "skdutid",
                "saoid", "suoid", "scid", "sduoid", "ses", "srh", "srq", "rsct", "sig",
            ])
        #expect(token["srh"] == "x-ms-meta-a,x-ms-meta-b")
        #expect(token["si"] == nil)
    }

    @Test("Inconsistent SAS fields are typed errors")
    func invalidCombinations() throws {
        let key = try UserDelegationKey(
            signedObjectID: "o", signedTenantID: "t", signedStart: "s", signedExpiry: "e",
            signedService: "b", signedVersion: "2026-10-06", value: TestKeys.accountKey)
        var blobWithList = BlobSASValues(
            resource: .blob(container: "c", name: "b"), permissions: [.read, .list], expiry: expiry)
        var cases: [(String, () throws(SigningError) -> SASToken)] = [
            ("list on a blob", { [signer, blobWithList] () throws(SigningError) in try signer.blobSAS(blobWithList) })
        ]
        blobWithList.permissions = .read
        var noExpiry = blobWithList
        noExpiry.expiry = nil
        var noPermissions = blobWithList
        noPermissions.permissions = []
        var reversed = blobWithList
        reversed.start = expiry
        var oldVersion = blobWithList
        oldVersion.version = "2019-12-12"
        var badVersion = blobWithList
        badVersion.version = "latest"
        var udOnly = blobWithList
        udOnly.correlationID = "x"
        var policyOnUD = blobWithList
        policyOnUD.identifier = "p"
        var newline = blobWithList
        newline.responseHeaders.contentType = "text/csv\nx"
        var badProtocol = blobWithList
        badProtocol.protocols = SASProtocol(rawValue: "http")
        var emptyBlob = blobWithList
        emptyBlob.resource = .blob(container: "c", name: "")
        var emptyContainer = blobWithList
        emptyContainer.resource = .container("")
        cases += [
            ("no expiry", { [signer, noExpiry] () throws(SigningError) in try signer.blobSAS(noExpiry) }),
            (
                "no permissions",
                { [signer, noPermissions] () throws(SigningError) in try signer.blobSAS(noPermissions) }
            ),
            ("start after expiry", { [signer, reversed] () throws(SigningError) in try signer.blobSAS(reversed) }),
            ("old version", { [signer, oldVersion] () throws(SigningError) in try signer.blobSAS(oldVersion) }),
            ("bad version", { [signer, badVersion] () throws(SigningError) in try signer.blobSAS(badVersion) }),
            (
                "delegation-only field with account key",
                { [signer, udOnly] () throws(SigningError) in try signer.blobSAS(udOnly) }
            ),
            (
                "stored policy on a delegation SAS",
                { [policyOnUD] () throws(SigningError) in try key.blobSAS(policyOnUD, accountName: "devacct") }
            ),
            ("line break in a field", { [signer, newline] () throws(SigningError) in try signer.blobSAS(newline) }),
            (
                "protocol http only",
                { [signer, badProtocol] () throws(SigningError) in try signer.blobSAS(badProtocol) }
            ),
            ("empty blob name", { [signer, emptyBlob] () throws(SigningError) in try signer.blobSAS(emptyBlob) }),
            (
                "empty container",
                { [signer, emptyContainer] () throws(SigningError) in try signer.blobSAS(emptyContainer) }
            ),
            (
                "bad account for delegation",
                { [blobWithList] () throws(SigningError) in try key.blobSAS(blobWithList, accountName: "") }
            ),
            (
                "empty account SAS services",
                { [signer, expiry] () throws(SigningError) in
                    try signer.accountSAS(
                        AccountSASValues(services: [], resourceTypes: .object, permissions: .read, expiry: expiry))
                }
            ),
        ]
        for (name, make) in cases {
            do {
                let token = try make()
                Issue.record("\(name): expected an error, got \(token)")
            } catch {
                #expect(error.code == .invalidSASParameter || error.code == .invalidAccountName, "\(name): \(error)")
                #expect(!error.message.isEmpty)
            }
        }
        // The valid base case signs, so the failures above come from the one changed field.
        _ = try signer.blobSAS(blobWithList)
    }

    @Test("User delegation key values are checked and never printed")
    func userDelegationKeyRedaction() throws {
        #expect(throws: SigningError.self) {
            try UserDelegationKey(
                signedObjectID: "o", signedTenantID: "t", signedStart: "s", signedExpiry: "e",
                signedService: "b", signedVersion: "v", value: "not base64!")
        }
        #expect(throws: SigningError.self) {
            try UserDelegationKey(
                signedObjectID: "", signedTenantID: "t", signedStart: "s", signedExpiry: "e",
                signedService: "b", signedVersion: "v", value: TestKeys.accountKey)
        }
        let key = try UserDelegationKey(
            signedObjectID: "o", signedTenantID: "t", signedStart: "s", signedExpiry: "e",
            signedService: "b", signedVersion: "v", value: TestKeys.accountKey)
        var dumped = ""
        dump(key, to: &dumped)
        for text in [key.description, String(reflecting: key), dumped] {
            #expect(!text.contains("AAECAwQF"))
        }
    }

    @Test("A token's description, debug output and mirror never show sig")
    func tokenRedaction() throws {
        let token = try signer.blobSAS(BlobSASValues(resource: .container("c"), permissions: .read, expiry: expiry))
        let encodedSig = PercentEncoding.encode(token.signature)
        var dumped = ""
        dump(token, to: &dumped)
        for text in [token.description, String(reflecting: token), "\(token)", dumped, token.redactedQueryString] {
            #expect(!text.contains(token.signature) && !text.contains(encodedSig))
            #expect(text.contains("sig=REDACTED"))
        }
        #expect(token.queryString.hasSuffix("sig=" + encodedSig))
    }
}

@Suite("SAS redaction")
struct SASRedactionTests {
    @Test(
        "sig is replaced wherever it appears",
        arguments: [
            ("sv=2026-10-06&sig=abc%2B%3D&sr=b", "sv=2026-10-06&sig=REDACTED&sr=b"),
            (
                "https://a.blob.core.windows.net/c/b?sig=abc/def&sv=1",
                "https://a.blob.core.windows.net/c/b?sig=REDACTED&sv=1"
            ),
            ("https://a/c?sv=1&SIG=abc#frag", "https://a/c?sv=1&sig=REDACTED#frag"),
            ("sig=", "sig=REDACTED"),
            ("https://a/c?sv=1&signature=keep&xsig=keep", "https://a/c?sv=1&signature=keep&xsig=keep"),
            ("no query at all", "no query at all"),
        ])
    func redact(input: String, expected: String) {
        #expect(SASRedaction.redact(input) == expected)
    }
}
