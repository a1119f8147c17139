// Uploads and downloads a large blob through AzureBlobKit's transfer engine against an in-memory Blob store,
// served over real sockets by AzureKitTesting's LoopbackServer (or in process), and prints MB/s and peak
// memory for several block concurrencies.
//
//   swift run -c release --scratch-path .build-release BlobTransferBenchmark --size-mib 1024 [--source file]
import ArgumentParser
import AzureBlobKit
import AzureBlobKitTesting
import AzureKitCore
import Foundation

@main
struct BlobTransferBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measures AzureBlobKit upload and download throughput and peak memory against the in-memory store.")

    @Option(name: .customLong("size-mib"), help: "Blob size in MiB.") var sizeMiB = 1024
    @Option(name: .customLong("block-mib"), help: "Block (and download range) size in MiB.") var blockMiB = 4
    @Option(help: "Comma-separated block concurrencies to measure.") var concurrency = "1,4,8"
    @Option(help: "Per-request checksum: crc64, md5 or none.") var checksum = "crc64"
    @Option(help: "loopback (real sockets) or in-process.") var transport = "loopback"
    @Option(name: .customLong("http-client"), help: "For loopback: asynchttpclient or urlsession.") var httpClient =
        "asynchttpclient"
    @Option(
        help:
            "memory (generated chunks up, a download stream down) or file (upload from and download to a temporary file)."
    )
    var source = "memory"

    func run() async throws {
        let levels = concurrency.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let size = sizeMiB << 20
        let store = InMemoryBlobStore(discardsUploadedBytes: true)
        store.putSynthetic(container: "bench", name: "download.bin", length: size)
        let connection = try await BenchmarkConnection.make(transport, httpClient: httpClient, store: store)
        guard source == "memory" || source == "file" else {
            throw ValidationError("unknown source '\(source)' (expected memory or file)")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("blob-transfer-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let sourceFile = directory.appendingPathComponent("source.bin")
        if source == "file" { try writeSyntheticFile(sourceFile, size: size) }
        print(
            "BlobTransferBenchmark: \(sizeMiB) MiB, blocks of \(blockMiB) MiB, checksum \(checksum), transport \(transport)"
                + (transport == "loopback" ? " (\(httpClient))" : "") + ", source \(source)")
        do {
            // Scoped so the 64 MiB sample is freed before the transfers' peak RSS is measured.
            let sample = SyntheticContent.bytes(0..<(64 << 20))
            var crc = CRC64()
            let crcTime = try await measure { for _ in 0..<4 { crc.update(sample) } }
            print(
                String(
                    format: "CRC64 (slicing-by-8): %.0f MB/s single-threaded (checksum %016llx)",
                    256 * 1.048576 / crcTime, crc.value))
        }
        // Peak RSS is the whole process: the client, the loopback server's buffers and the in-memory store.
        print("direction  parallel   seconds      MB/s   start RSS MiB   peak RSS MiB   engine peak MiB")
        for level in levels {
            let options = BlobTransferOptions(
                blockSize: blockMiB << 20, maxConcurrency: level, singleShotLimit: blockMiB << 20,
                checksum: TransferChecksum(rawValue: checksum))
            let blobOptions = BlobClientOptions(core: .init(transport: connection.transport), transfer: options)

            PeakMemory.reset()
            let uploadStart = PeakMemory.current()
            let upload = try BlobClient(
                url: "\(connection.baseURL)/devstoreaccount1/bench/upload-\(level).bin", credential: .anonymous,
                options: blobOptions)
            let uploadMonitor = TransferMonitor()
            let uploadTime = try await measure {
                if source == "file" {
                    try await upload.upload(file: sourceFile.path, options: .init(monitor: uploadMonitor))
                } else {
                    try await upload.upload(
                        chunks: SyntheticChunks(total: size, chunk: 1 << 20), options: .init(monitor: uploadMonitor))
                }
            }
            guard store.length(container: "bench", name: "upload-\(level).bin") == size else {
                throw ValidationError("the store did not commit \(size) bytes for upload-\(level).bin")
            }
            report("upload", level, size, uploadTime, uploadMonitor, start: uploadStart)

            PeakMemory.reset()
            let downloadStart = PeakMemory.current()
            let download = try BlobClient(
                url: "\(connection.baseURL)/devstoreaccount1/bench/download.bin", credential: .anonymous,
                options: blobOptions)
            let downloadMonitor = TransferMonitor()
            var received = 0
            let target = directory.appendingPathComponent("download.bin").path
            let downloadTime = try await measure {
                if source == "file" {
                    try await download.download(toFile: target, options: .init(monitor: downloadMonitor))
                    received = (try FileManager.default.attributesOfItem(atPath: target)[.size] as? Int) ?? -1
                    try FileManager.default.removeItem(atPath: target)
                } else {
                    for try await chunk in download.downloadStream(options: .init(monitor: downloadMonitor)) {
                        received += chunk.count
                    }
                }
            }
            guard received == size else { throw ValidationError("downloaded \(received) of \(size) bytes") }
            report("download", level, size, downloadTime, downloadMonitor, start: downloadStart)
        }
        await connection.shutdown()
    }

    func measure(_ body: () async throws -> Void) async throws -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        try await body()
        let elapsed = clock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    func report(
        _ direction: String, _ level: Int, _ size: Int, _ seconds: Double, _ monitor: TransferMonitor, start: Int?
    ) {
        let rate = Double(size) / 1_000_000 / seconds
        let peak = PeakMemory.current().map { String(format: "%.0f", Double($0) / 1_048_576) } ?? "n/a"
        let before = start.map { String(format: "%.0f", Double($0) / 1_048_576) } ?? "n/a"
        func pad(_ text: String, _ width: Int) -> String {
            String(repeating: " ", count: max(0, width - text.count)) + text
        }
        let columns = [
            direction.padding(toLength: 9, withPad: " ", startingAt: 0), pad(String(level), 8),
            pad(String(format: "%.2f", seconds), 9), pad(String(format: "%.1f", rate), 9), pad(before, 15),
            pad(peak, 14),
            pad(String(format: "%.0f", Double(monitor.peakBytesInFlight) / 1_048_576), 17),
        ]
        print(columns.joined(separator: " "))
    }
}

/// Writes `size` bytes of the synthetic blob pattern to `url`, 1 MiB at a time.
func writeSyntheticFile(_ url: URL, size: Int) throws {
    _ = FileManager.default.createFile(atPath: url.path, contents: nil)
    let handle = try FileHandle(forWritingTo: url)
    defer { try? handle.close() }
    var offset = 0
    while offset < size {
        let end = min(size, offset + (1 << 20))
        try handle.write(contentsOf: SyntheticContent.bytes(offset..<end))
        offset = end
    }
}

/// Generated 1 MiB chunks of the synthetic pattern, so the source costs no memory.
struct SyntheticChunks: AsyncSequence, Sendable {
    typealias Element = Data
    let total: Int
    let chunk: Int

    struct AsyncIterator: AsyncIteratorProtocol {
        let total: Int
        let chunk: Int
        var offset = 0
        mutating func next() async -> Data? {
            guard offset < total else { return nil }
            let end = Swift.min(total, offset + chunk)
            defer { offset = end }
            return SyntheticContent.bytes(offset..<end)
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(total: total, chunk: chunk) }
}

/// The process's peak resident memory (VmHWM), reset between measurements where the kernel allows it.
enum PeakMemory {
    static func current() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.split(separator: " ").compactMap { Int($0) }
            return digits.first.map { $0 * 1024 }
        }
        return nil
    }

    /// Writing 5 to clear_refs resets VmHWM to the current RSS (Linux 4.0+).
    static func reset() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }
}
