import ArgumentParser
import AzureBlobKit
import AzureBlobKitTesting
import AzureKitCore
import Foundation

/// `transfer` (the default): uploads and downloads a large blob through the transfer engine and prints MB/s and
/// peak RSS per block concurrency, then checks the memory bound.
///
/// By default the Blob store runs in a child process (`serve`), so peak RSS is this process's own: the SDK, its
/// transport and the transfer's buffers. The bound checked is
/// `peak RSS ≤ RSS before the first transfer + maxConcurrency × blockSize + slack`, for every row.
struct Transfer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measures AzureBlobKit upload and download throughput and peak memory against the in-memory store.")

    @Option(name: .customLong("size-mib"), help: "Blob size in MiB.") var sizeMiB = 1024
    @Option(name: .customLong("block-mib"), help: "Block (and download range) size in MiB.") var blockMiB = 4
    @Option(help: "Comma-separated block concurrencies to measure.") var concurrency = "1,4,8"
    @Option(help: "Per-request checksum: crc64, md5 or none.") var checksum = "crc64"
    @Option(
        help:
            "server-process (the store in a child process, real sockets), loopback (the store in this process, real sockets) or in-process (no HTTP)."
    )
    var transport = "server-process"
    @Option(name: .customLong("http-client"), help: "For sockets: asynchttpclient or urlsession.") var httpClient =
        "asynchttpclient"
    @Option(
        help:
            "memory (generated chunks up, a download stream down) or file (upload from and download to a temporary file)."
    )
    var source = "memory"
    @Option(
        name: .customLong("slack-mib"),
        help: "The constant in the checked memory bound (allocator, runtime, transport buffers).")
    var slackMiB = 48

    func run() async throws {
        let levels = concurrency.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let size = sizeMiB << 20
        guard source == "memory" || source == "file" else {
            throw ValidationError("unknown source '\(source)' (expected memory or file)")
        }
        let connection = try await BenchmarkConnection.make(transport, httpClient: httpClient, sizeMiB: sizeMiB)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("blob-transfer-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let sourceFile = directory.appendingPathComponent("source.bin")
        if source == "file" { try writeSyntheticFile(sourceFile, size: size) }
        print(
            "BlobTransferBenchmark: \(sizeMiB) MiB, blocks of \(blockMiB) MiB, checksum \(checksum), transport \(transport)"
                + (transport == "in-process" ? "" : " (\(httpClient))") + ", source \(source)")
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
        let baseline = PeakMemory.resident() ?? 0
        print(
            "RSS before the transfers: \(baseline >> 20) MiB; bound per row: that + parallel × \(blockMiB) MiB + \(slackMiB) MiB"
                + (transport == "server-process"
                    ? " (the store runs in another process)" : " (includes the in-process store and server)"))
        print("direction  parallel   seconds      MB/s   peak RSS MiB   bound MiB   engine peak MiB")
        var failures: [String] = []
        for level in levels {
            let options = BlobTransferOptions(
                blockSize: blockMiB << 20, maxConcurrency: level, singleShotLimit: blockMiB << 20,
                checksum: TransferChecksum(rawValue: checksum))
            let blobOptions = BlobClientOptions(core: .init(transport: connection.transport), transfer: options)
            let bound = baseline + level * (blockMiB << 20) + (slackMiB << 20)

            PeakMemory.reset()
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
            let uploadPeak = PeakMemory.current() ?? 0
            let stored = try await upload.properties().contentLength
            guard stored == Int64(size) else {
                throw ValidationError(
                    "the store committed \(stored) of \(size) bytes for upload-\(level).bin")
            }
            report("upload", level, size, uploadTime, uploadMonitor, peak: uploadPeak, bound: bound)
            if uploadPeak > bound {
                failures.append("upload ×\(level): peak RSS \(uploadPeak >> 20) MiB > bound \(bound >> 20) MiB")
            }

            PeakMemory.reset()
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
                } else {
                    for try await chunk in download.downloadStream(options: .init(monitor: downloadMonitor)) {
                        received += chunk.count
                    }
                }
            }
            let downloadPeak = PeakMemory.current() ?? 0
            try? FileManager.default.removeItem(atPath: target)
            guard received == size else { throw ValidationError("downloaded \(received) of \(size) bytes") }
            report("download", level, size, downloadTime, downloadMonitor, peak: downloadPeak, bound: bound)
            if downloadPeak > bound {
                failures.append("download ×\(level): peak RSS \(downloadPeak >> 20) MiB > bound \(bound >> 20) MiB")
            }
        }
        await connection.shutdown()
        print("process peak RSS (getrusage ru_maxrss): \(PeakMemory.lifetimeMaximum() >> 20) MiB")
        guard failures.isEmpty else {
            throw ValidationError("memory bound exceeded:\n" + failures.joined(separator: "\n"))
        }
        print("memory bound holds for every row")
    }

    func report(
        _ direction: String, _ level: Int, _ size: Int, _ seconds: Double, _ monitor: TransferMonitor, peak: Int,
        bound: Int
    ) {
        let rate = Double(size) / 1_000_000 / seconds
        func pad(_ text: String, _ width: Int) -> String {
            String(repeating: " ", count: max(0, width - text.count)) + text
        }
        let columns = [
            direction.padding(toLength: 9, withPad: " ", startingAt: 0), pad(String(level), 8),
            pad(String(format: "%.2f", seconds), 9), pad(String(format: "%.1f", rate), 9), pad(String(peak >> 20), 14),
            pad(String(bound >> 20), 11),
            pad(String(format: "%.1f", Double(monitor.peakBytesInFlight) / 1_048_576), 17),
        ]
        print(columns.joined(separator: " "))
    }
}

func measure(_ body: () async throws -> Void) async throws -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    try await body()
    return seconds(clock.now - start)
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}
