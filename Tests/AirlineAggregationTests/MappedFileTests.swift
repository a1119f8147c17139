import Foundation
import Testing

@testable import AirlineAggregation

/// A plain local file is parsed from mappings after its first buffer and read again only for its tail; every
/// chunk size must agree with the reference, whichever path each record took.
@Suite("Mapped file input")
struct MappedFileTests {
    /// The tricky chunk-boundary input with its body repeated, so a file spans many mapped chunks.
    static let repeated: [UInt8] = {
        let text = String(decoding: ChunkBoundaryTests.tricky, as: UTF8.self)
        let lines = text.split(separator: "\r\n", omittingEmptySubsequences: false)
        let header = lines[0]
        let body = lines[1...].joined(separator: "\r\n")
        return Array((header + "\r\n" + Array(repeating: body, count: 60).joined(separator: "\n")).utf8)
    }()

    static func withFile<Result>(_ bytes: [UInt8], _ body: (String) async throws -> Result) async throws -> Result {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mapped-\(UUID().uuidString).csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try await body(path)
    }

    @Test(arguments: [1, 2])
    func everyChunkSizeAgreesWithTheReference(workers: Int) async throws {
        let expected = ReferenceAggregator().run(Self.repeated, ChunkBoundaryTests.spec)
        try await Self.withFile(Self.repeated) { path in
            for chunkSize in [97, 256, 1_000, 4_096, 5_000] {
                let options = AggregationOptions(workers: WorkerCount(workers), chunkSize: chunkSize)
                let got = await kernelOutcome(from: .file(path), ChunkBoundaryTests.spec, options: options)
                #expect(outcomesAgree(got, expected), "chunk size \(chunkSize): \(got)")
            }
        }
    }

    /// Quote-free at first, so mapped chunks are cut without a quote check; then quoted fields with newlines and
    /// delimiters, which make a worker fail the pass, and the run starts over with checked cuts.
    static func quotesAfterTheFirstBuffer(plainRows: Int) -> [UInt8] {
        var lines = ["Year,Label,Month,ArrDelay,DepDelay"]
        for index in 0..<plainRows { lines.append("2007,plain,\(index % 3 + 1),\(index % 11 - 5),\(index % 7)") }
        for index in 0..<40 {
            lines.append("2007,\"multi\nline, with \"\"quotes\"\" \(index)\",\(index % 3 + 1),\(index),1")
            lines.append("2008,plain,1,2,3")
        }
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    @Test(arguments: [(300, 97), (300, 1_000), (2_000, 4_096)])
    func aQuoteAfterTheFirstBufferRestartsWithCheckedCuts(plainRows: Int, chunkSize: Int) async throws {
        let bytes = Self.quotesAfterTheFirstBuffer(plainRows: plainRows)
        let expected = ReferenceAggregator().run(bytes, ChunkBoundaryTests.spec)
        let total = ProgressTotal()
        try await Self.withFile(bytes) { path in
            for workers in [1, 2] {
                let got = await kernelOutcome(
                    from: .file(path), ChunkBoundaryTests.spec,
                    options: .init(
                        workers: WorkerCount(workers), chunkSize: chunkSize, inputProgress: { total.add($0) }))
                #expect(outcomesAgree(got, expected), "chunk size \(chunkSize), workers \(workers): \(got)")
            }
        }
        // Progress counts each byte once, though the pass that met the quote read part of the file already.
        #expect(total.value == 2 * bytes.count)
    }

    @Test func aRealErrorBeforeTheFirstQuoteIsReported() async throws {
        var text = String(decoding: Self.quotesAfterTheFirstBuffer(plainRows: 600), as: UTF8.self)
        // Line 401 loses a field; quotes come only after line 601.
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[400] = "2007,plain,1,2"
        text = lines.joined(separator: "\n")
        try await Self.withFile(Array(text.utf8)) { path in
            let error = await #expect(throws: AggregationError.self) {
                try await Aggregation.run(
                    from: .file(path), ChunkBoundaryTests.spec, options: .init(workers: 2, chunkSize: 512))
            }
            #expect(error?.kind == .malformedRow)
            #expect(error?.line == 401)
        }
    }

    @Test func bytesReadCoverTheWholeFile() async throws {
        try await Self.withFile(Self.repeated) { path in
            let summary = try await Aggregation.run(
                from: .file(path), ChunkBoundaryTests.spec, options: .init(workers: 2, chunkSize: 300))
            #expect(summary.bytesRead == Self.repeated.count)
        }
    }

    /// Progress adds up to the file exactly, whether a byte was read, mapped, or both (the first buffer overlaps
    /// the first mapped chunk).
    @Test(arguments: [300, 4_096, 1 << 20])
    func progressReportsEveryByteOnce(chunkSize: Int) async throws {
        let total = ProgressTotal()
        try await Self.withFile(Self.repeated) { path in
            _ = try await Aggregation.run(
                from: .file(path), ChunkBoundaryTests.spec,
                options: .init(workers: 2, chunkSize: chunkSize, inputProgress: { total.add($0) }))
        }
        #expect(total.value == Self.repeated.count)
    }

    @Test func aRecordLongerThanAChunkFallsBackToReading() async throws {
        let long = String(repeating: "x", count: 3_000)
        var text = "k,v,t\n"
        for index in 0..<200 { text += "\(index % 3),\(index),\(index == 120 ? long : "short")\n" }
        try await Self.withFile(Array(text.utf8)) { path in
            let summary = try await Aggregation.run(
                from: .file(path),
                AggregateSpec {
                    GroupBy("k")
                    Sum("v")
                }, options: .init(workers: 2, chunkSize: 512))
            var sums = [Int64](repeating: 0, count: 3)
            for index in 0..<200 { sums[index % 3] += Int64(index) }
            #expect(summary.result["sum(v)"]?.values == .int64(sums))
        }
    }

    @Test func aBadRowDeepInTheFileIsReportedAtItsLine() async throws {
        var lines = ["k,v"]
        for index in 0..<2_000 { lines.append("\(index % 5),\(index)") }
        lines[1_500] = "1,2,3"  // line 1501 of the file
        try await Self.withFile(Array((lines.joined(separator: "\n") + "\n").utf8)) { path in
            let error = await #expect(throws: AggregationError.self) {
                try await Aggregation.run(
                    from: .file(path),
                    AggregateSpec {
                        GroupBy("k")
                        Sum("v")
                    }, options: .init(workers: 2, chunkSize: 700))
            }
            #expect(error?.kind == .malformedRow)
            #expect(error?.line == 1_501)
            #expect(error?.file == path)
        }
    }
}

/// A thread-safe sum of progress reports.
final class ProgressTotal: @unchecked Sendable {
    private let lock = NSLock()
    private var sum = 0

    func add(_ count: Int) {
        lock.lock()
        sum += count
        lock.unlock()
    }

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return sum
    }
}
