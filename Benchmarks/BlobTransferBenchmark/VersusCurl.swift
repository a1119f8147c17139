// Downloads one large file from a local nginx with curl and with the SDK, alternating, and prints medians,
// ranges and the SDK/curl ratio for a single stream and for 4 and 8 parallel ranges, plus the SDK's peak RSS.
//
//   apt-get install -y nginx-light
//   swift run -c release --scratch-path .build-release BlobTransferBenchmark versus-curl --size-mib 1024 --runs 5
//
// nginx serving a static file is a fast, fair server for the download half: both clients read the same bytes
// from the page cache over loopback.
import ArgumentParser
import AzureBlobKit
import AzureBlobKitTesting
import AzureKitCore
import Foundation

struct VersusCurl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "versus-curl",
        abstract: "Compares SDK downloads with curl against a local nginx serving a blob-shaped file.")

    @Option(name: .customLong("size-mib"), help: "File size in MiB.") var sizeMiB = 1024
    @Option(help: "Alternating runs per client and mode (medians are reported).") var runs = 5
    @Option(name: .customLong("range-mib"), help: "Range size in MiB for the parallel modes.") var rangeMiB = 8
    @Option(help: "Comma-separated parallel range counts (1 means one streamed GET).") var parallel = "1,4,8"
    @Option(help: "asynchttpclient or urlsession.") var transport = "asynchttpclient"
    @Option(help: "nginx binary.") var nginx = "/usr/sbin/nginx"

    func run() async throws {
        let size = sizeMiB << 20
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dl-vs-curl-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("bench"), withIntermediateDirectories: true)
        try writeSyntheticFile(directory.appendingPathComponent("bench/blob.bin"), size: size)
        let server = try await NginxServer(binary: nginx, root: directory)
        do {
            try await compare(server: server, size: size)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    func compare(server: NginxServer, size: Int) async throws {
        let url = URL(string: "http://127.0.0.1:\(server.port)/bench/blob.bin")!

        let chosen: any HTTPTransport
        switch transport {
        case "asynchttpclient":
            chosen = AsyncHTTPClientTransport(configuration: .init(maxConnectionsPerHost: 16, proxy: .direct))
        case "urlsession": chosen = URLSessionTransport(configuration: .init(maxConnectionsPerHost: 16, proxy: .direct))
        default: throw ValidationError("unknown transport '\(transport)'")
        }
        print(
            "BlobTransferBenchmark versus-curl: \(sizeMiB) MiB from nginx \(server.port), \(runs) alternating runs, ranges of \(rangeMiB) MiB, transport \(transport)"
        )
        // The stream holds at most `parallel` ranges: fetched ahead, waiting, or being handed out.
        let baseline = PeakMemory.resident() ?? 0
        print(
            "RSS before the downloads: \(baseline >> 20) MiB; bound: that + parallel × \(rangeMiB) MiB + 16 MiB")
        print(
            "mode          curl MB/s (median, range)     SDK MB/s (median, range)      SDK/curl   SDK peak RSS MiB   bound MiB"
        )
        for level in parallel.split(separator: ",").compactMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) {
            var curlRates: [Double] = []
            var sdkRates: [Double] = []
            var peak = 0
            for _ in 0..<runs {
                curlRates.append(Double(size) / 1e6 / (try await curl(url, size: size, parallel: level)))
                PeakMemory.reset()
                sdkRates.append(
                    Double(size) / 1e6 / (try await sdk(url, size: size, parallel: level, transport: chosen)))
                peak = max(peak, PeakMemory.current() ?? 0)
            }
            let curlMedian = median(curlRates)
            let sdkMedian = median(sdkRates)
            let mode = level == 1 ? "single" : "\(level) ranges"
            print(
                mode.padding(toLength: 13, withPad: " ", startingAt: 0)
                    + String(
                        format:
                            " %6.0f (%5.0f–%5.0f)           %6.0f (%5.0f–%5.0f)          %5.2f×      %6.0f        %6d",
                        curlMedian, curlRates.min()!, curlRates.max()!, sdkMedian, sdkRates.min()!, sdkRates.max()!,
                        sdkMedian / curlMedian, Double(peak) / 1_048_576,
                        (baseline >> 20) + (level == 1 ? 0 : level * rangeMiB) + 16))
        }
        if let owned = chosen as? AsyncHTTPClientTransport { try await owned.shutdown() }
    }

    /// curl writing to /dev/null: one GET, or `parallel` ranged GETs at once (`--parallel`).
    func curl(_ url: URL, size: Int, parallel: Int) async throws -> Double {
        // `--parallel` draws its own progress meter even with `-s`; `--no-progress-meter` turns it off.
        var arguments = ["-s", "--no-progress-meter", "--fail", "--parallel", "--parallel-max", String(parallel)]
        for (offset, length) in ranges(size: size, parallel: parallel) {
            if parallel > 1 { arguments += ["-r", "\(offset)-\(offset + length - 1)"] }
            arguments += ["-o", "/dev/null", url.absoluteString]
        }
        let start = ContinuousClock.now
        let result = try await ChildProcess(
            URL(fileURLWithPath: "/usr/bin/curl"), arguments, standardOutput: .discard, timeLimit: .seconds(300)
        ).run()
        guard result.succeeded else {
            throw ValidationError("curl failed with status \(result.status): \(result.standardErrorText)")
        }
        return seconds(ContinuousClock.now - start)
    }

    /// The SDK: one streamed GET through the pipeline, or the Blob client's ranged download stream with
    /// `parallel` ranges in flight (ranges are sent as `Range`, which nginx understands, by `StandardRangeTransport`).
    func sdk(_ url: URL, size: Int, parallel: Int, transport: any HTTPTransport) async throws -> Double {
        let start = ContinuousClock.now
        var received = 0
        if parallel == 1 {
            let client = try ServiceClient(
                endpoint: URL(string: "http://127.0.0.1:\(url.port!)")!, credential: .anonymous,
                profile: .benchmark, options: .init(transport: transport))
            let response = try await client.execute(
                HTTPRequest(method: .get, url: url, streamsResponse: true), operation: "Get")
            for try await chunk in response.bodyChunks() { received += chunk.count }
        } else {
            let options = BlobClientOptions(
                core: .init(transport: StandardRangeTransport(wrapped: transport)),
                transfer: .init(blockSize: rangeMiB << 20, maxConcurrency: parallel, checksum: .none))
            let blob = try BlobClient(
                url: "http://127.0.0.1:\(url.port!)/devstoreaccount1/bench/blob.bin", credential: .anonymous,
                options: options)
            for try await chunk in blob.downloadStream() { received += chunk.count }
        }
        guard received == size else { throw ValidationError("the SDK received \(received) of \(size) bytes") }
        return seconds(ContinuousClock.now - start)
    }

    func ranges(size: Int, parallel: Int) -> [(Int, Int)] {
        guard parallel > 1 else { return [(0, size)] }
        let length = rangeMiB << 20
        return stride(from: 0, to: size, by: length).map { ($0, min(length, size - $0)) }
    }

    func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1
            ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}

extension ServiceProfile {
    /// A profile for plain HTTP GETs: no signing, transport failures retried.
    static let benchmark = ServiceProfile(
        module: "bench", version: "0", dateHeader: "x-ms-date", clientRequestIDHeader: "x-ms-client-request-id",
        retry: .storage, errors: .storageXML, tokenScopes: [], sharedKeyScheme: .none)
}

/// Sends the Blob client's `x-ms-range` as a standard `Range` header and strips the blob path's account
/// segment, so a plain static file server answers ranged blob reads.
struct StandardRangeTransport: HTTPTransport {
    let wrapped: any HTTPTransport

    func send(_ request: HTTPRequest, timeout: Duration?) async throws -> HTTPResponse {
        var request = request
        if let range = request.headers["x-ms-range"] { request.headers["Range"] = range }
        if var components = URLComponents(url: request.url, resolvingAgainstBaseURL: false) {
            components.path = components.path.replacingOccurrences(of: "/devstoreaccount1", with: "")
            components.query = nil
            request.url = components.url ?? request.url
        }
        return try await wrapped.send(request, timeout: timeout)
    }
}
