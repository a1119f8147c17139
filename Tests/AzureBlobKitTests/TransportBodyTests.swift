import AzureBlobKit
import AzureBlobKitTesting
import AzureKitCore
import AzureKitTesting
import CompressionCodecs
import Foundation
import Testing

/// Blob bodies over real sockets, for every transport the SDK ships: stored encodings survive byte for byte,
/// and a range that loses its connection mid-body is resumed rather than fetched again.
@Suite("Blob bodies over each transport")
struct TransportBodyTests {
    /// 1 MiB blocks (the download range size follows the block size), MD5 on every block and range.
    static let transfer = BlobTransferOptions(
        blockSize: 1 << 20, maxConcurrency: 4, singleShotLimit: 1 << 20, checksum: .md5)

    static func withStore<T: Sendable>(
        _ kind: ShippedTransport, _ body: (InMemoryBlobStore, LoopbackServer, BlobClient) async throws -> T
    ) async throws -> T {
        let store = InMemoryBlobStore()
        return try await kind.withTransport(.init(readIdleTimeout: .seconds(10), proxy: .direct, caBundlePath: nil)) {
            transport in
            let server = try await store.startLoopbackServer()
            do {
                let blob = try BlobClient(
                    url: "\(server.baseURL.absoluteString)/devstoreaccount1/data/stored.bin", credential: .anonymous,
                    options: .init(
                        core: .init(
                            retry: .init(maxRetries: 3, clock: AzureClock(sleep: { _ in })), transport: transport),
                        transfer: Self.transfer))
                let result = try await body(store, server, blob)
                await server.shutdown()
                return result
            } catch {
                await server.shutdown()
                throw error
            }
        }
    }

    /// A gzip file stored with `Content-Encoding: gzip` (as `azcopy --content-encoding` does) downloads as stored,
    /// with every range's MD5 checked against the service's.
    @Test(arguments: ShippedTransport.allCases)
    func gzipEncodedBlobRoundTripsByteExactWithMD5(_ kind: ShippedTransport) async throws {
        // Hex of pseudo-random bytes: compresses to about half, so the gzip spans two ranges.
        let digits = Array("0123456789abcdef".utf8)
        let text = testBytes(count: 1_200_000, seed: 12).flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] }
        let gzip = Data(Gzip.compress(text, level: 1))
        #expect(gzip.count > 1 << 20, "several ranges, so range checksums and Content-Range are exercised")
        try await Self.withStore(kind) { store, _, blob in
            _ = try await blob.upload(gzip, options: .init(contentType: "text/csv", contentEncoding: "gzip"))
            #expect(store.blob(container: "data", name: "stored.bin") == gzip)
            if kind.keepsContentEncodedBodies {
                let downloaded = try await blob.downloadData()
                #expect(downloaded == gzip)
                #expect(try Gzip.decompress(Array(downloaded)) == text)
            } else {
                // URLSession decodes what it receives, so the ranges fail their MD5 check (or their length).
                await #expect(throws: (any Error).self) { _ = try await blob.downloadData() }
            }
        }
    }

    /// A ranged GET whose connection drops mid-body continues with a narrower range from the byte it reached.
    @Test(arguments: ShippedTransport.allCases)
    func rangeDroppedMidBodyResumesWithRange(_ kind: ShippedTransport) async throws {
        let source = Data((0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) })
        try await Self.withStore(kind) { store, server, blob in
            store.put(container: "data", name: "stored.bin", data: source)
            store.inject(.truncateBody(afterBytes: 300_000)) { $0.headers["x-ms-range"] == "bytes=1048576-2097151" }
            let downloaded = try await blob.downloadData()
            #expect(downloaded == source)
            #expect(store.faultsFired == 1)
            let ranges = server.requests.compactMap { $0.headers["x-ms-range"] }
            if kind == .asyncHTTPClient {
                // Streamed: the bytes received are kept and only the rest is asked for (from at most the 300,000th
                // byte: the client may not have taken every byte the server wrote before the close).
                let resumedFrom = ranges.compactMap { range -> Int? in
                    guard range.hasSuffix("-2097151"), let start = Int(range.dropFirst(6).prefix { $0 != "-" }) else {
                        return nil
                    }
                    return start
                }
                #expect(resumedFrom.contains { $0 > 1_048_576 && $0 <= 1_348_576 }, "\(ranges)")
                #expect(ranges.filter { $0 == "bytes=1048576-2097151" }.count == 1)
            } else {
                // A collecting transport can only send the whole range again.
                #expect(ranges.filter { $0 == "bytes=1048576-2097151" }.count == 2, "\(ranges)")
            }
        }
    }
}
