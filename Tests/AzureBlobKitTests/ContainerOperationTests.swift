import AzureBlobKit
import AzureKitCore
import AzureKitTesting
import Foundation
import Testing

@Suite struct ContainerOperationTests {
    @Test(arguments: TestTarget.allCases) func createSendsMetadataAndReturnsETag(target: TestTarget) async throws {
        try await Replay.run("create-container", target: target) { replay in
            let etag = try await replay.service().containerClient("results").create(metadata: ["project": "airlines"])
            #expect(etag == "\"0x8DDE0F1A2B3C4D5\"")
            let request = try #require(replay.requests.first)
            #expect(request.headers["x-ms-version"] == "2026-10-06")
            #expect(request.headers["x-ms-date"] != nil)
            #expect(request.headers["x-ms-client-request-id"] != nil)
        }
    }

    @Test(arguments: TestTarget.allCases) func conflictIsTypedAndCreateIfNotExistsTreatsItAsSuccess(target: TestTarget)
        async throws
    {
        try await Replay.run("create-container-conflict", target: target) { replay in
            let container = try replay.service().containerClient("results")
            let error = try await expectServiceError { try await container.create() }
            #expect(error.status == 409)
            #expect(error.code == .containerAlreadyExists)
            #expect(error.message.hasPrefix("The specified container already exists."))
            #expect(try await container.createIfNotExists() == false)
        }
    }

    @Test(arguments: TestTarget.allCases) func deleteExpects202(target: TestTarget) async throws {
        try await Replay.run("delete-container", target: target) { replay in
            try await replay.service().containerClient("results").delete()
        }
    }

    @Test(arguments: TestTarget.allCases) func propertiesAndExists(target: TestTarget) async throws {
        try await Replay.run("container-properties", target: target) { replay in
            let service = try replay.service()
            let properties = try await service.containerClient("results").properties()
            #expect(properties.metadata == ["project": "airlines"])
            #expect(properties.leaseState == "available")
            #expect(try await service.containerClient("missing").exists() == false)
        }
    }

    @Test(arguments: TestTarget.allCases) func pagedListingFollowsNextMarker(target: TestTarget) async throws {
        try await Replay.run("list-blobs-paged", target: target) { replay in
            let container = try replay.service().containerClient("demo")
            let listing = container.listBlobs(
                prefix: "aggregated/", delimiter: "/", include: [.metadata], maxResults: 2)
            var pages: [Page<BlobListEntry>] = []
            for try await page in listing.pages { pages.append(page) }
            #expect(pages.count == 2)
            #expect(pages[0].continuationToken?.hasPrefix("2!96!") == true)
            #expect(pages[1].continuationToken == nil)
            let entries = pages.flatMap(\.items)
            #expect(
                entries.map(\.name) == [
                    "aggregated/2007.parquet", "aggregated/airlines/", "aggregated/résumé & notes.txt",
                    "aggregated/tmp/",
                ])
            let first = try #require(entries.first?.blob)
            #expect(first.etag == "\"0x8DDE0F1A2B3C001\"")
            #expect(first.contentLength == 10_485_760)
            #expect(first.contentMD5 == nil)
            #expect(first.accessTier == .hot)
            #expect(first.blobType == .blockBlob)
            #expect(first.metadata == ["year": "2007"])
            #expect(entries[1] == .prefix("aggregated/airlines/"))
            // The marker contains '!' and travels percent-encoded.
            let second = try #require(replay.requests.last)
            #expect(second.url.absoluteString.contains("marker=2%2196%21"))
        }
    }

    @Test(arguments: TestTarget.allCases) func authenticationFailureKeepsTheServiceDetail(target: TestTarget)
        async throws
    {
        try await Replay.run("authentication-failed", target: target) { replay in
            let container = try replay.service().containerClient("demo")
            let error = try await expectServiceError { _ = try await container.listBlobs().collect() }
            #expect(error.status == 403)
            #expect(error.code == .authenticationFailed)
            #expect(error.details["AuthenticationErrorDetail"]?.contains("MAC signature") == true)
        }
    }

    @Test(arguments: TestTarget.allCases) func azuriteIsPathStyle(target: TestTarget) async throws {
        try await Replay.run("azurite-create-container", target: target) { replay in
            let service = try BlobServiceClient(
                endpoint: URL(string: "http://127.0.0.1:10000/devstoreaccount1")!,
                credential: .anonymous, options: replay.options())
            #expect(service.accountName == "devstoreaccount1")
            try await service.containerClient("results").create()
        }
    }
}
