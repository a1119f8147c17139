import AzureBlobKit
import AzureKitCore
import AzureKitSigning
import AzureKitTesting
import Foundation
import Logging
import Testing

@Suite struct BlobOperationTests {
    let base = "https://devacct.blob.core.windows.net"

    @Test(arguments: TestTarget.allCases) func singlePutBlobCarriesCRC64ConditionsAndEncodedName(target: TestTarget)
        async throws
    {
        try await Replay.run("upload-single-crc64", target: target) { replay in
            let blob = try replay.blob("\(base)/results/dir%20one/report%20%C3%BC%2B%23%25.csv")
            #expect(blob.blobName == "dir one/report ü+#%.csv")
            let result = try await blob.upload(
                Data("hello, crc64".utf8),
                options: .init(
                    contentType: "text/csv", metadata: ["year": "2007"], accessTier: .cool, conditions: .ifNotExists))
            #expect(result.blockCount == 1)
            #expect(result.length == 12)
            #expect(result.etag == "\"0x8DDE0F1A2B3C4D5\"")
            // The capture in blob-api.md §9: `hello, crc64` → sLdngi+fFK4=.
            #expect(replay.requests.first?.headers["x-ms-content-crc64"] == "sLdngi+fFK4=")
            #expect(replay.requests.first?.headers["Content-MD5"] == nil)
        }
    }

    @Test(arguments: TestTarget.allCases) func threeBlockStagedUploadWithCRC64(target: TestTarget) async throws {
        try await Replay.run("upload-staged-crc64", target: target) { replay in
            let blob = try replay.blob(
                "\(base)/results/staged.bin",
                transfer: .init(blockSize: 4, maxConcurrency: 2, singleShotLimit: 4, checksum: .crc64))
            let result = try await blob.upload(
                Data("hello world!".utf8),
                options: .init(
                    contentType: "application/octet-stream", metadata: ["source": "test"]))
            #expect(result.blockCount == 3)
            #expect(result.length == 12)
            #expect(result.etag == "\"0x8DDE0F1A2B3C4D6\"")
            let requests = replay.requests
            #expect(requests.count == 4)
            // Every block id has the same length, and the list commits them in byte order (the fixture pins the body).
            let ids = requests.dropLast().compactMap {
                URLComponents(url: $0.url, resolvingAgainstBaseURL: false)?.queryItems?.first { $0.name == "blockid" }?
                    .value
            }
            #expect(ids.count == 3 && Set(ids.map(\.count)).count == 1)
            #expect(requests.allSatisfy { !$0.url.absoluteString.contains("+") })
        }
    }

    @Test(arguments: TestTarget.allCases) func stagedUploadFromFileAndChunksSendTheSameBlocks(target: TestTarget)
        async throws
    {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("blobkit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("staged.bin").path
        try Data("hello world!".utf8).write(to: URL(fileURLWithPath: path))
        let transfer = BlobTransferOptions(blockSize: 4, maxConcurrency: 3, singleShotLimit: 4, checksum: .crc64)
        let options = BlobUploadOptions(contentType: "application/octet-stream", metadata: ["source": "test"])

        try await Replay.run("upload-staged-crc64", target: target) { fromFile in
            try await fromFile.blob("\(base)/results/staged.bin", transfer: transfer).upload(
                file: path, options: options)
        }

        try await Replay.run("upload-staged-crc64", target: target) { fromChunks in
            let chunks = AsyncStream<Data> { continuation in
                for piece in ["hel", "lo wor", "l", "d!"] { continuation.yield(Data(piece.utf8)) }
                continuation.finish()
            }
            try await fromChunks.blob("\(base)/results/staged.bin", transfer: transfer).upload(
                chunks: chunks, options: options)
        }
    }

    @Test(arguments: TestTarget.allCases) func uploadConflictAndPreconditionFailure(target: TestTarget) async throws {
        try await Replay.run("upload-conflict", target: target) { conflict in
            let error409 = try await expectServiceError {
                try await conflict.blob("\(base)/results/exists.txt").upload(
                    Data("x".utf8), options: .init(conditions: .ifNotExists))
            }
            #expect(error409.status == 409 && error409.code == .blobAlreadyExists)
        }

        try await Replay.run("upload-precondition-failed", target: target) { precondition in
            let error412 = try await expectServiceError {
                // The ETag is given unquoted and sent quoted.
                try await precondition.blob("\(base)/results/exists.txt")
                    .upload(Data("x".utf8), options: .init(conditions: .ifMatch("0x8DDE0F1A2B3C4D5")))
            }
            #expect(error412.status == 412 && error412.code == .conditionNotMet)
        }
    }

    @Test(arguments: TestTarget.allCases) func rangedDownloadVerifiesEachRange(target: TestTarget) async throws {
        try await Replay.run("download-ranged", target: target) { replay in
            let blob = try replay.blob(
                "wasbs://demo@devacct.blob.core.windows.net/raw/airlines/2007.csv.bz2",
                transfer: .init(blockSize: 3, maxConcurrency: 2, checksum: .crc64))
            let data = try await blob.downloadData(options: .init(offset: 2, length: 7))
            #expect(String(decoding: data, as: UTF8.self) == "2345678")
        }
    }

    @Test(arguments: TestTarget.allCases) func rangedDownloadAsStreamArrivesInOrder(target: TestTarget) async throws {
        try await Replay.run("download-ranged", target: target) { replay in
            let blob = try replay.blob(
                "\(base)/demo/raw/airlines/2007.csv.bz2",
                transfer: .init(blockSize: 3, maxConcurrency: 2, checksum: .crc64))
            var chunks: [String] = []
            for try await chunk in blob.downloadStream(options: .init(offset: 2, length: 7)) {
                chunks.append(String(decoding: chunk, as: UTF8.self))
            }
            #expect(chunks == ["234", "567", "8"])
        }
    }

    @Test(arguments: TestTarget.allCases) func downloadToFileIsAtomic(target: TestTarget) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("blobkit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("2007.csv.bz2").path

        try await Replay.run("download-ranged", target: target) { replay in
            let blob = try replay.blob(
                "\(base)/demo/raw/airlines/2007.csv.bz2",
                transfer: .init(blockSize: 3, maxConcurrency: 3, checksum: .crc64))
            let properties = try await blob.download(toFile: path, options: .init(offset: 2, length: 7))
            #expect(properties.contentLength == 10)
            #expect(properties.metadata == ["year": "2007"])
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "2345678")
        }

        // The blob changes after the first range: 412, and neither the final nor a temporary file remains.
        let changed = try Replay.inProcess("download-changed-412")
        let failing = try changed.blob(
            "\(base)/demo/raw/airlines/2007.csv.bz2",
            transfer: .init(blockSize: 3, maxConcurrency: 1, checksum: .crc64))
        let target = directory.appendingPathComponent("changed.bin").path
        let error = try await expectServiceError { try await failing.download(toFile: target) }
        #expect(error.code == .conditionNotMet)
        #expect(!FileManager.default.fileExists(atPath: target))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["2007.csv.bz2"])
    }

    @Test(arguments: TestTarget.allCases) func propertiesExistsAndHead404UsesTheHeaderCode(target: TestTarget)
        async throws
    {
        try await Replay.run("blob-properties", target: target) { replay in
            let blob = try replay.blob("\(base)/demo/raw/airlines/2007.csv.bz2")
            let properties = try await blob.properties()
            #expect(properties.contentLength == 12345)
            #expect(properties.contentType == "application/x-bzip2")
            #expect(properties.accessTier == .hot)
            #expect(properties.metadata == ["year": "2007"])
            #expect(properties.creationTime != nil)
            let missing = try replay.blob("\(base)/demo/raw/airlines/1900.csv.bz2")
            #expect(try await missing.exists() == false)
            let error = try await expectServiceError { _ = try await missing.properties() }
            #expect(error.status == 404 && error.code == .blobNotFound)
        }
    }

    @Test(arguments: TestTarget.allCases) func metadataAndDeleteWithSnapshots(target: TestTarget) async throws {
        try await Replay.run("blob-metadata-delete", target: target) { replay in
            let blob = try replay.blob("\(base)/demo/raw/airlines/2007.csv.bz2")
            #expect(try await blob.setMetadata(["checked": "yes"]) == "\"0x8DDE0F1A2B3C4D7\"")
            try await blob.delete(snapshots: .include)
            #expect(try await blob.deleteIfExists() == false)
        }
    }

    @Test func retriesA503SignedAgainWithAFreshDate() async throws {
        try await Replay.run("retry-503", target: .fixture) { replay in
            // The reference's published test key (base64 of bytes 0…63), not a secret.
            let key = try SharedKeyCredential(accountName: "devacct", accountKey: TaskSASTests.testKey)
            // The retry waits just over a second so the second attempt's x-ms-date (whole seconds) must differ.
            let options = BlobClientOptions(
                core: .init(
                    retry: .init(
                        maxRetries: 3, clock: AzureClock(sleep: { _ in try await Task.sleep(for: .milliseconds(1100)) })
                    ),
                    transport: replay.transport))
            let blob = try BlobClient(
                url: "\(base)/demo/raw/airlines/2007.csv.bz2", credential: .sharedKey(key), options: options)
            #expect(try await blob.properties().contentLength == 12345)
            let requests = replay.requests
            #expect(requests.count == 2)
            let dates = requests.compactMap { $0.headers["x-ms-date"] }
            #expect(Set(dates).count == 2)
            let signer = try SharedKeySigner(accountName: "devacct", accountKey: TaskSASTests.testKey)
            for request in requests {
                let headers = request.headers.filter { $0.name.lowercased() != "authorization" }.map {
                    (name: $0.name, value: $0.value)
                }
                let expected = try signer.authorization(
                    method: request.method.rawValue, url: request.url, headers: headers, scheme: .storage)
                #expect(request.headers["Authorization"] == expected)
                #expect(expected.hasPrefix("SharedKey devacct:"))
            }
            #expect(Set(requests.compactMap { $0.headers["Authorization"] }).count == 2)
        }
    }

    @Test(arguments: TestTarget.allCases) func retriesA503(target: TestTarget) async throws {
        try await Replay.run("retry-503", target: target) { replay in
            let tokens = CountingTokenCredential()
            let blob = try replay.blob("\(base)/demo/raw/airlines/2007.csv.bz2", credential: .token(tokens))
            let properties = try await blob.properties()
            #expect(properties.contentLength == 12345)
            let requests = replay.requests
            #expect(requests.count == 2)
            // Each attempt is authenticated and dated again.
            #expect(tokens.calls == 2)
            #expect(
                requests.allSatisfy {
                    $0.headers["Authorization"] == "Bearer test-token" && $0.headers["x-ms-date"] != nil
                }
            )
        }
    }
}

/// Hands out a fixed token and counts how often it was asked.
final class CountingTokenCredential: TokenCredential, @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var calls: Int { lock.withLock { count } }

    func token(for scopes: [String], logger: Logger) async throws -> AccessToken {
        lock.withLock { count += 1 }
        return AccessToken(token: "test-token", expiresOn: Date().addingTimeInterval(3600))
    }
}
