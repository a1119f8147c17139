import AzureBlobKit
import AzureKitCore
import AzureKitTesting
import Foundation
import Testing

/// The recorded exchanges through AzureKitTesting's one-body helper (`withTestTransport`): in process and over real
/// sockets, which proves that what the transport puts on the wire (encoded paths, block ids, headers, bodies) is
/// what the fixtures pin.
@Suite struct FixtureOverLoopbackTests {
    func withFixture(
        _ name: String, target: TestTarget, transfer: BlobTransferOptions,
        _ body: (BlobClientOptions) async throws -> Void
    ) async throws {
        try await withTestTransport(fixture: .named(name, in: .module), target: target) { transport in
            try await body(
                BlobClientOptions(
                    core: .init(retry: .init(maxRetries: 3, clock: AzureClock(sleep: { _ in })), transport: transport),
                    transfer: transfer)
            )
        }
    }

    @Test(arguments: TestTarget.allCases) func stagedUploadWithCRC64(target: TestTarget) async throws {
        try await withFixture(
            "upload-staged-crc64", target: target, transfer: .init(blockSize: 4, maxConcurrency: 3, singleShotLimit: 4)
        ) { options in
            let blob = try BlobClient(
                url: "https://devacct.blob.core.windows.net/results/staged.bin", credential: .anonymous,
                options: options)
            let result = try await blob.upload(
                Data("hello world!".utf8),
                options: .init(
                    contentType: "application/octet-stream", metadata: ["source": "test"]))
            #expect(result.blockCount == 3)
        }
    }

    @Test(arguments: TestTarget.allCases) func singlePutWithAnAwkwardName(target: TestTarget) async throws {
        try await withFixture("upload-single-crc64", target: target, transfer: .init()) { options in
            let blob = try BlobClient(
                url: "https://devacct.blob.core.windows.net/results/dir%20one/report%20%C3%BC%2B%23%25.csv",
                credential: .anonymous, options: options)
            try await blob.upload(
                Data("hello, crc64".utf8),
                options: .init(
                    contentType: "text/csv", metadata: ["year": "2007"], accessTier: .cool, conditions: .ifNotExists))
        }
    }

    @Test(arguments: TestTarget.allCases) func rangedDownloadAndPagedListing(target: TestTarget) async throws {
        try await withFixture("download-ranged", target: target, transfer: .init(blockSize: 3, maxConcurrency: 2)) {
            options in
            let blob = try BlobClient(
                url: "https://devacct.blob.core.windows.net/demo/raw/airlines/2007.csv.bz2",
                credential: .anonymous, options: options)
            #expect(try await blob.downloadData(options: .init(offset: 2, length: 7)) == Data("2345678".utf8))
        }
        try await withFixture("list-blobs-paged", target: target, transfer: .init()) { options in
            let container = try BlobContainerClient(
                url: URL(string: "https://devacct.blob.core.windows.net/demo")!,
                credential: .anonymous, options: options)
            let names = try await container.listBlobs(
                prefix: "aggregated/", delimiter: "/", include: [.metadata], maxResults: 2
            )
            .collect().map(\.name)
            #expect(names.count == 4)
        }
    }
}
