import AzureBlobKit
import AzureBlobKitTesting
import AzureKitCore
import AzureKitTesting
import Foundation
import Testing

/// Task URLs carry SAS signatures; staged uploads and ranged downloads through them must log nothing secret.
@Suite struct RedactionTests {
    @Test func sasSignaturesNeverReachTheLogOrErrors() async throws {
        let store = InMemoryBlobStore()
        let signature = "c2VjcmV0LXNpZ25hdHVyZQ%3D%3D"
        let url = "http://127.0.0.1:10000/devstoreaccount1/data/out.bin?sv=2026-10-06&sr=b&sp=cw&sig=\(signature)"
        let (logger, log) = TestLogHandler.logger(level: .trace)
        let blob = try BlobClient(
            url: url,
            options: .init(
                core: .init(
                    retry: .init(maxRetries: 1, clock: AzureClock(sleep: { _ in })), transport: store.transport),
                transfer: .init(blockSize: 1 << 10, maxConcurrency: 2, singleShotLimit: 1 << 10)))
        store.inject(.status(503, code: "ServerBusy")) { $0.query["comp"] == "block" }
        try await blob.upload(testBytes(count: 5000, seed: 10), logger: logger)
        _ = try await blob.downloadData(logger: logger)
        let missing = try BlobClient(
            url: url.replacingOccurrences(of: "out.bin", with: "missing.bin"),
            options: .init(core: .init(transport: store.transport)))
        let error = try await #require(throws: AzureServiceError.self) {
            _ = try await missing.downloadData(logger: logger)
        }
        #expect(!log.entries.isEmpty)
        for secret in [signature, "c2VjcmV0LXNpZ25hdHVyZQ"] {
            #expect(!log.text.contains(secret))
            #expect(!String(describing: error).contains(secret))
            #expect(!String(describing: blob.url).contains(secret))
        }
    }
}
