import AzureBlobKit
import AzureBlobKitTesting
import AzureKitCore
import Foundation
import Testing

/// Large transfers against the in-memory Blob store with injected faults: results must be byte-identical,
/// nothing corrupt may be committed, and memory must stay within `maxConcurrency × blockSize`.
@Suite struct TransferTests {
    static let size = 64 << 20 + 12_345  // 64 MiB and a ragged last block
    static let transfer = BlobTransferOptions(
        blockSize: 4 << 20, maxConcurrency: 4, singleShotLimit: 4 << 20, checksum: .crc64)
    static var bound: Int { transfer.maxConcurrency * transfer.blockSize }

    @Test(arguments: StoreConnection.allCases)
    func upload64MiBSurvivesA500AndADroppedConnection(_ connection: StoreConnection) async throws {
        try await TransferHarness.with(connection) { harness in
            let source = testBytes(count: Self.size, seed: 1)
            harness.store.inject(.status(500, code: "InternalError")) { $0.query["blockid"] == BlockIDs.id(3) }
            harness.store.inject(.dropConnection) { $0.query["blockid"] == BlockIDs.id(9) }
            let monitor = TransferMonitor()
            let result = try await harness.blob("big.bin", transfer: Self.transfer).upload(
                source, options: .init(monitor: monitor))
            #expect(result.blockCount == 17)
            #expect(harness.store.faultsFired == 2)
            let stored = try #require(harness.store.blob(container: "data", name: "big.bin"))
            #expect(stored.count == source.count)
            #expect(CRC64.checksum(stored) == CRC64.checksum(source))
            #expect(monitor.peakBytesInFlight <= Self.bound)
            #expect(monitor.bytesInFlight == 0)
            #expect(monitor.bytesCompleted == Int64(Self.size))
            #expect(harness.store.operationCounts["PutBlock"] == 17)  // the failed attempts never reached the store
        }
    }

    @Test(arguments: StoreConnection.allCases)
    func uploadFromFileAndChunksStaysBounded(_ connection: StoreConnection) async throws {
        try await TransferHarness.with(connection) { harness in
            let source = testBytes(count: 8 << 20 + 7, seed: 2)
            let path = try temporaryFile(holding: source)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let transfer = BlobTransferOptions(blockSize: 1 << 20, maxConcurrency: 3, singleShotLimit: 1 << 20)

            let fileMonitor = TransferMonitor()
            try await harness.blob("from-file", transfer: transfer).upload(
                file: path, options: .init(monitor: fileMonitor))
            #expect(harness.store.blob(container: "data", name: "from-file") == source)
            #expect(fileMonitor.peakBytesInFlight <= 3 << 20)

            let chunkMonitor = TransferMonitor()
            let chunks = AsyncStream<Data> { continuation in
                var offset = 0
                var step = 1
                while offset < source.count {
                    let end = min(source.count, offset + step * 9_973)
                    continuation.yield(source.subdata(in: offset..<end))
                    offset = end
                    step = step % 97 + 1
                }
                continuation.finish()
            }
            try await harness.blob("from-chunks", transfer: transfer).upload(
                chunks: chunks, options: .init(monitor: chunkMonitor))
            #expect(harness.store.blob(container: "data", name: "from-chunks") == source)
            #expect(chunkMonitor.peakBytesInFlight <= 3 << 20)
        }
    }

    @Test(arguments: StoreConnection.allCases)
    func aBlockThatKeepsFailingCommitsNothing(_ connection: StoreConnection) async throws {
        try await TransferHarness.with(connection) { harness in
            harness.store.inject(.status(500, code: "InternalError"), times: 100) {
                $0.query["blockid"] == BlockIDs.id(2)
            }
            await #expect(throws: AzureServiceError.self) {
                try await harness.blob("never.bin", transfer: Self.transfer).upload(testBytes(count: 12 << 20, seed: 3))
            }
            #expect(harness.store.blob(container: "data", name: "never.bin") == nil)
            #expect(harness.store.operationCounts["PutBlockList"] == nil)
        }
    }

    @Test(arguments: StoreConnection.allCases)
    func download64MiBSurvivesDroppedTruncatedAndFailedRanges(_ connection: StoreConnection) async throws {
        try await TransferHarness.with(connection) { harness in
            let source = testBytes(count: Self.size, seed: 4)
            harness.store.put(container: "data", name: "big.bin", data: source)
            harness.store.inject(.dropConnection) { $0.headers["x-ms-range"] == "bytes=8388608-12582911" }
            harness.store.inject(.truncateBody(afterBytes: 1000)) {
                $0.headers["x-ms-range"] == "bytes=16777216-20971519"
            }
            harness.store.inject(.status(500, code: "InternalError")) {
                $0.headers["x-ms-range"] == "bytes=33554432-37748735"
            }
            harness.store.inject(.corruptBody) { $0.headers["x-ms-range"] == "bytes=50331648-54525951" }
            let monitor = TransferMonitor()
            let data = try await harness.blob("big.bin", transfer: Self.transfer).downloadData(
                options: .init(monitor: monitor))
            #expect(data.count == source.count)
            #expect(CRC64.checksum(data) == CRC64.checksum(source))
            #expect(harness.store.faultsFired == 4)
            #expect(monitor.peakBytesInFlight <= Self.bound)
            #expect(monitor.bytesInFlight == 0)
        }
    }

    @Test(arguments: StoreConnection.allCases)
    func downloadToFileAndStreamAreIdenticalAndBounded(_ connection: StoreConnection) async throws {
        try await TransferHarness.with(connection) { harness in
            let source = testBytes(count: 24 << 20 + 3, seed: 5)
            harness.store.put(container: "data", name: "big.bin", data: source)
            harness.store.inject(.dropConnection) { $0.headers["x-ms-range"]?.hasPrefix("bytes=4194304-") == true }
            let blob = try harness.blob("big.bin", transfer: Self.transfer)

            let path = try temporaryFile()
            defer { try? FileManager.default.removeItem(atPath: path) }
            let fileMonitor = TransferMonitor()
            let properties = try await blob.download(toFile: path, options: .init(monitor: fileMonitor))
            #expect(properties.contentLength == Int64(source.count))
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == source)
            #expect(fileMonitor.peakBytesInFlight <= Self.bound)

            harness.store.inject(.truncateBody(afterBytes: 10)) {
                $0.headers["x-ms-range"]?.hasPrefix("bytes=12582912-") == true
            }
            let streamMonitor = TransferMonitor()
            var crc = CRC64()
            var chunks = 0
            for try await chunk in blob.downloadStream(options: .init(monitor: streamMonitor)) {
                crc.update(chunk)
                chunks += 1
                // A slow consumer: prefetching must not run ahead of the bound.
                #expect(streamMonitor.bytesInFlight <= Self.bound)
                await Task.yield()
            }
            #expect(crc.value == CRC64.checksum(source))
            // Chunks are the transport's pieces as they arrived: at least one per 4 MiB range.
            #expect(chunks >= 7)
            #expect(streamMonitor.peakBytesInFlight <= Self.bound)
        }
    }

    /// A file upload streams each block from disk: the engine holds one chunk per block in flight, not the block,
    /// and a block whose attempt failed (a 500, a dropped connection) is read from the file again and arrives
    /// intact (the store checks every block's CRC64).
    @Test(arguments: StoreConnection.allCases)
    func fileUploadStreamsBlocksAndRereadsRetriedOnes(_ connection: StoreConnection) async throws {
        try await TransferHarness.with(connection) { harness in
            let source = testBytes(count: 20 << 20 + 5, seed: 9)
            let path = try temporaryFile(holding: source)
            defer { try? FileManager.default.removeItem(atPath: path) }
            harness.store.inject(.status(500, code: "InternalError")) { $0.query["blockid"] == BlockIDs.id(1) }
            harness.store.inject(.dropConnection) { $0.query["blockid"] == BlockIDs.id(3) }
            let monitor = TransferMonitor()
            let result = try await harness.blob("streamed.bin", transfer: Self.transfer).upload(
                file: path, options: .init(monitor: monitor))
            #expect(result.blockCount == 6)
            #expect(harness.store.faultsFired == 2)
            #expect(harness.store.blob(container: "data", name: "streamed.bin") == source)
            #expect(monitor.peakBytesInFlight <= Self.transfer.maxConcurrency * HTTPBody.chunkSize)
            #expect(monitor.bytesCompleted == Int64(source.count))
            #expect(monitor.bytesInFlight == 0)

            // A file at or under the single-shot limit is one streamed Put Blob.
            let small = testBytes(count: 3 << 20, seed: 10)
            try small.write(to: URL(fileURLWithPath: path))
            let smallMonitor = TransferMonitor()
            let single = try await harness.blob("small.bin", transfer: Self.transfer).upload(
                file: path, options: .init(monitor: smallMonitor))
            #expect(single.blockCount == 1)
            #expect(harness.store.blob(container: "data", name: "small.bin") == small)
            #expect(smallMonitor.peakBytesInFlight <= HTTPBody.chunkSize)
        }
    }

    /// Downloads into a file or into memory write each range in place as its bytes arrive (one chunk per range in
    /// flight, not the range), and a range that is cut short, dropped or corrupted is rewritten correctly.
    @Test(arguments: StoreConnection.allCases)
    func downloadsStreamRangesIntoPlace(_ connection: StoreConnection) async throws {
        try await TransferHarness.with(connection) { harness in
            let source = testBytes(count: 28 << 20 + 9, seed: 11)
            harness.store.put(container: "data", name: "big.bin", data: source)
            let blob = try harness.blob("big.bin", transfer: Self.transfer)
            let path = try temporaryFile()
            defer { try? FileManager.default.removeItem(atPath: path) }
            harness.store.inject(.truncateBody(afterBytes: 1_000_000)) {
                $0.headers["x-ms-range"] == "bytes=8388608-12582911"
            }
            harness.store.inject(.corruptBody) { $0.headers["x-ms-range"] == "bytes=16777216-20971519" }
            harness.store.inject(.dropConnection) { $0.headers["x-ms-range"] == "bytes=20971520-25165823" }
            let fileMonitor = TransferMonitor()
            try await blob.download(toFile: path, options: .init(monitor: fileMonitor))
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == source)
            #expect(harness.store.faultsFired == 3)
            #expect(fileMonitor.peakBytesInFlight <= Self.transfer.maxConcurrency * HTTPBody.chunkSize)
            #expect(fileMonitor.bytesInFlight == 0)

            harness.store.inject(.corruptBody) { $0.headers["x-ms-range"] == "bytes=4194304-8388607" }
            let memoryMonitor = TransferMonitor()
            let data = try await blob.downloadData(options: .init(monitor: memoryMonitor))
            #expect(data == source)
            #expect(memoryMonitor.peakBytesInFlight <= Self.transfer.maxConcurrency * HTTPBody.chunkSize)

            // Ranges of 8 MiB without a checksum (the service returns none above 4 MiB) stream the same way.
            let large = try harness.blob(
                "big.bin", transfer: .init(blockSize: 8 << 20, maxConcurrency: 2, checksum: .none))
            harness.store.inject(.truncateBody(afterBytes: 3_000_000)) {
                $0.headers["x-ms-range"] == "bytes=8388608-16777215"
            }
            #expect(try await large.downloadData() == source)
        }
    }

    @Test func leavingAStreamEarlyStopsPrefetching() async throws {
        try await TransferHarness.with(.inProcess) { harness in
            harness.store.put(container: "data", name: "long.bin", data: testBytes(count: 40 << 20, seed: 8))
            let blob = try harness.blob("long.bin", transfer: Self.transfer)
            let monitor = TransferMonitor()
            for try await chunk in blob.downloadStream(options: .init(monitor: monitor)) {
                #expect(chunk.count == 4 << 20)
                break
            }
            // The first range plus at most `maxConcurrency` prefetches, of ten ranges.
            #expect((harness.store.operationCounts["GetBlob"] ?? 0) <= 1 + Self.transfer.maxConcurrency)
        }
    }

    @Test(arguments: StoreConnection.allCases)
    func aCorruptedBlockIsRefusedAndNothingIsCommitted(_ connection: StoreConnection) async throws {
        try await TransferHarness.with(connection) { harness in
            let blob = try harness.client(
                "corrupt.bin", transfer: Self.transfer,
                transport: CorruptingTransport(wrapped: harness.transport))
            let error = try await #require(throws: AzureServiceError.self) {
                try await blob.upload(testBytes(count: 6 << 20, seed: 6))
            }
            #expect(error.code == .crc64Mismatch)
            #expect(harness.store.blob(container: "data", name: "corrupt.bin") == nil)
        }
    }

    @Test(arguments: StoreConnection.allCases)
    func md5IsSentAndCheckedBothWays(_ connection: StoreConnection) async throws {
        try await TransferHarness.with(connection) { harness in
            let source = testBytes(count: 3 << 20 + 5, seed: 7)
            let transfer = BlobTransferOptions(
                blockSize: 1 << 20, maxConcurrency: 2, singleShotLimit: 1 << 20, checksum: .md5)
            let blob = try harness.blob("md5.bin", transfer: transfer)
            try await blob.upload(source)
            #expect(harness.store.blob(container: "data", name: "md5.bin") == source)
            // A range whose bytes arrive altered fails its MD5 and is fetched again.
            harness.store.inject(.corruptBody) { $0.headers["x-ms-range"]?.hasPrefix("bytes=1048576-") == true }
            #expect(try await blob.downloadData() == source)
            #expect(harness.store.faultsFired == 1)
        }
    }

    @Test(arguments: StoreConnection.allCases)
    func emptyAndTinyBlobs(_ connection: StoreConnection) async throws {
        try await TransferHarness.with(connection) { harness in
            let empty = try harness.blob("empty", transfer: Self.transfer)
            try await empty.upload(Data())
            #expect(try await empty.downloadData().isEmpty)
            var streamed = 0
            for try await chunk in empty.downloadStream() { streamed += chunk.count }
            #expect(streamed == 0)
            let tiny = try harness.blob("tiny", transfer: Self.transfer)
            try await tiny.upload(Data("x".utf8), options: .init(conditions: .ifNotExists))
            #expect(try await tiny.downloadData() == Data("x".utf8))
            await #expect(throws: AzureServiceError.self) {
                try await tiny.upload(Data("y".utf8), options: .init(conditions: .ifNotExists))
            }
        }
    }
}

/// The block ids the uploader uses (base64 of a 32-digit index), to aim faults at one block.
enum BlockIDs {
    static func id(_ index: Int) -> String {
        let digits = String(index)
        return Data((String(repeating: "0", count: 32 - digits.count) + digits).utf8).base64EncodedString()
    }
}

/// Flips one byte of the first Put Block body after its checksum was computed, as a faulty network might.
struct CorruptingTransport: HTTPTransport {
    let wrapped: any HTTPTransport
    let done = Flag()

    func send(_ request: HTTPRequest, timeout: Duration?) async throws -> HTTPResponse {
        guard request.url.query?.contains("comp=block&") == true, done.setOnce() else {
            return try await wrapped.send(request, timeout: timeout)
        }
        var body = try await request.body.collect()
        body[body.startIndex] ^= 0xFF
        var corrupted = request
        corrupted.body = .data(body)
        return try await wrapped.send(corrupted, timeout: timeout)
    }

    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var set = false
        func setOnce() -> Bool {
            lock.withLock {
                defer { set = true }
                return !set
            }
        }
    }
}

/// A fresh path in the temporary folder, holding `bytes` when given (nothing exists there otherwise); the caller
/// removes it.
private func temporaryFile(holding bytes: Data? = nil) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("blobkit-\(UUID().uuidString).bin").path
    try bytes?.write(to: URL(fileURLWithPath: path))
    return path
}
