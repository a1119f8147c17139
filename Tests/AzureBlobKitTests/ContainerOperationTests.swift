import AzureBlobKit
import AzureKitCore
import Foundation
import Testing

@Suite struct ContainerOperationTests {
    @Test func createSendsMetadataAndReturnsETag() async throws {
        let replay = try Replay("create-container")
        let etag = try await replay.service().containerClient("results").create(metadata: ["project": "airlines"])
        #expect(etag == "\"0x8DDE0F1A2B3C4D5\"")
        let request = try #require(replay.transport.requests.first)
        #expect(request.headers["x-ms-version"] == "2026-10-06")
        #expect(request.headers["x-ms-date"] != nil)
        #expect(request.headers["x-ms-client-request-id"] != nil)
        try replay.done()
    }

    @Test func conflictIsTypedAndCreateIfNotExistsTreatsItAsSuccess() async throws {
        let replay = try Replay("create-container-conflict")
        let container = try replay.service().containerClient("results")
        let error = try await expectServiceError { try await container.create() }
        #expect(error.status == 409)
        #expect(error.code == .containerAlreadyExists)
        #expect(error.message.hasPrefix("The specified container already exists."))
        #expect(try await container.createIfNotExists() == false)
        try replay.done()
    }

    @Test func deleteExpects202() async throws {
        let replay = try Replay("delete-container")
        try await replay.service().containerClient("results").delete()
        try replay.done()
    }

    @Test func propertiesAndExists() async throws {
        let replay = try Replay("container-properties")
        let service = try replay.service()
        let properties = try await service.containerClient("results").properties()
        #expect(properties.metadata == ["project": "airlines"])
        #expect(properties.leaseState == "available")
        #expect(try await service.containerClient("missing").exists() == false)
        try replay.done()
    }

    @Test func pagedListingFollowsNextMarker() async throws {
        let replay = try Replay("list-blobs-paged")
        let container = try replay.service().containerClient("demo")
        let listing = container.listBlobs(prefix: "aggregated/", delimiter: "/", include: [.metadata], maxResults: 2)
        var pages: [Page<BlobListEntry>] = []
        for try await page in listing.pages { pages.append(page) }
        #expect(pages.count == 2)
        #expect(pages[0].continuationToken?.hasPrefix("2!96!") == true)
        #expect(pages[1].continuationToken == nil)
        let entries = pages.flatMap(\.items)
        #expect(
            entries.map(\.name) == [
                "aggregated/2007.parquet", "aggregated/airlines/", "aggregated/résumé & notes.txt", "aggregated/tmp/",
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
        let second = try #require(replay.transport.requests.last)
        #expect(second.url.absoluteString.contains("marker=2%2196%21"))
        try replay.done()
    }

    @Test func authenticationFailureKeepsTheServiceDetail() async throws {
        let replay = try Replay("authentication-failed")
        let container = try replay.service().containerClient("demo")
        let error = try await expectServiceError { _ = try await container.listBlobs().collect() }
        #expect(error.status == 403)
        #expect(error.code == .authenticationFailed)
        #expect(error.details["AuthenticationErrorDetail"]?.contains("MAC signature") == true)
        try replay.done()
    }

    @Test func azuriteIsPathStyle() async throws {
        let replay = try Replay("azurite-create-container")
        let service = try BlobServiceClient(
            endpoint: URL(string: "http://127.0.0.1:10000/devstoreaccount1")!,
            credential: .anonymous, options: replay.options())
        #expect(service.accountName == "devstoreaccount1")
        try await service.containerClient("results").create()
        try replay.done()
    }
}
