import AzureBlobKit
import AzureKitCore
import AzureKitSigning
import AzureKitTesting
import Foundation
import Testing

@Suite struct TaskSASTests {
    /// The reference's published test key: base64 of bytes 0…63 (not a secret).
    static let testKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw=="

    static func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text) ?? Date.distantPast }

    @Test func accountKeyIssuerReproducesTheReferenceBlobSAS() throws {
        // Vector `blob-sas-read` (shared/reference/vectors/sas.json, azure-storage-blob 12.31.1), transcribed.
        let issuer = try BlobSASIssuer.accountKey(SharedKeyCredential(accountName: "devacct", accountKey: Self.testKey))
        let token = try issuer.token(
            for: .blob(container: "mycontainer", name: "dir one/report ü.csv"), permissions: .read,
            start: Self.date("2025-10-01T12:00:00Z"), expiry: Self.date("2025-10-02T12:00:00Z"))
        #expect(
            token.queryString
                == "st=2025-10-01T12%3A00%3A00Z&se=2025-10-02T12%3A00%3A00Z&sp=r&spr=https&sv=2026-10-06&sr=b&sig=lY3I3Jn033Wjs0I%2BrPhWb/5mATIzXfh3rldJvp9Qx3Q%3D"
        )
    }

    @Test func taskAccessIsReadOnlyInAndCreateWriteOutWithShortExpiry() throws {
        let issuer = try BlobSASIssuer.accountKey(SharedKeyCredential(accountName: "devacct", accountKey: Self.testKey))
        let now = Self.date("2025-10-01T12:00:00Z")
        let access = try issuer.taskAccess(
            input: BlobURL(parsing: "wasbs://demo@devacct.blob.core.windows.net/raw/airlines/2007.csv.bz2"),
            output: .blob(
                BlobURL(parsing: "wasbs://demo@devacct.blob.core.windows.net/aggregated/airlines/2007.parquet")),
            lifetime: .seconds(7200), now: now)
        let input = try #require(URLComponents(url: access.inputURL, resolvingAgainstBaseURL: false))
        let output = try #require(URLComponents(url: access.outputURL, resolvingAgainstBaseURL: false))
        func value(_ c: URLComponents, _ name: String) -> String? { c.queryItems?.first { $0.name == name }?.value }
        #expect(input.path == "/demo/raw/airlines/2007.csv.bz2")
        #expect(value(input, "sp") == "r" && value(input, "sr") == "b" && value(input, "spr") == "https")
        #expect(output.path == "/demo/aggregated/airlines/2007.parquet")
        #expect(value(output, "sp") == "cw" && value(output, "sr") == "b")
        #expect(value(input, "se") == "2025-10-01T14:00:00Z" && value(output, "se") == "2025-10-01T14:00:00Z")
        #expect(value(input, "st") == "2025-10-01T11:55:00Z")
        #expect(access.expiresOn == now.addingTimeInterval(7200))
        #expect(value(input, "sig") != value(output, "sig"))
        #expect(!access.description.contains("sig="))
        // A client built from the task URL uses the SAS as its credential.
        let client = try BlobClient(url: access.inputURL)
        #expect(client.blobName == "raw/airlines/2007.csv.bz2")
    }

    @Test func prefixOutputFallsBackToACreateWriteContainerSAS() throws {
        let issuer = try BlobSASIssuer.accountKey(SharedKeyCredential(accountName: "devacct", accountKey: Self.testKey))
        let access = try issuer.taskAccess(
            input: BlobURL(parsing: "https://devacct.blob.core.windows.net/demo/raw/airlines/2007.csv.bz2"),
            output: .prefix(BlobURL(parsing: "https://devacct.blob.core.windows.net/demo"), "aggregated/airlines/2007/")
        )
        let output = try #require(URLComponents(url: access.outputURL, resolvingAgainstBaseURL: false))
        #expect(output.path == "/demo")
        #expect(output.queryItems?.first { $0.name == "sr" }?.value == "c")
        #expect(output.queryItems?.first { $0.name == "sp" }?.value == "cw")
        #expect(access.outputPrefix == "aggregated/airlines/2007/")
    }

    @Test(arguments: TestTarget.allCases) func userDelegationKeyFromEntraAndSASWithoutTheAccountKey(target: TestTarget)
        async throws
    {
        let key = try await Replay.run("user-delegation-key", target: target) { replay in
            let service = try replay.service(credential: .token(CountingTokenCredential()))
            let key = try await service.userDelegationKey(
                start: Self.date("2025-10-01T12:00:00Z"), expiry: Self.date("2025-10-01T18:00:00Z"))
            #expect(key.signedObjectID == "11111111-2222-3333-4444-555555555555")
            #expect(key.signedService == "b")
            #expect(!key.description.contains("AAECAw"))
            return key
        }

        let issuer = BlobSASIssuer.userDelegation(key, accountName: "devacct")
        let token = try issuer.token(
            for: .blob(container: "demo", name: "raw/x.csv"), permissions: .read,
            start: Self.date("2025-10-01T12:00:00Z"), expiry: Self.date("2025-10-01T13:00:00Z"))
        #expect(token["skoid"] == "11111111-2222-3333-4444-555555555555")
        #expect(token["ske"] == "2025-10-01T18:00:00Z")
        #expect(token["sp"] == "r")
        // Past the key's own expiry: refused before anything is signed.
        #expect(throws: AzureClientError.self) {
            _ = try issuer.token(
                for: .blob(container: "demo", name: "raw/x.csv"), permissions: .read,
                expiry: Self.date("2025-10-02T12:00:00Z"))
        }
    }

    @Test func userDelegationKeyNeedsAToken() async throws {
        let replay = try Replay.inProcess("user-delegation-key")
        await #expect(throws: AzureClientError.self) {
            _ = try await replay.service(credential: .anonymous).userDelegationKey(
                expiry: Date().addingTimeInterval(60))
        }
        await #expect(throws: AzureClientError.self) {
            _ = try await replay.service(credential: .sas("sv=x&sig=y")).sasIssuer(validFor: .seconds(60))
        }
    }
}
