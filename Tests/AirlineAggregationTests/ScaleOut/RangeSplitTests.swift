import CompressionCodecs
import Foundation
import SyntheticAirlineData
import TestSupport
import Testing

@testable import AirlineAggregation

@Suite("Splitting inputs: byte ranges of CSV, block ranges of .bz2")
struct RangeSplitTests {
    @Test(
        ".bz2: merge of any tiling equals one run",
        arguments: [(21 as UInt64, 3_000, 2), (22, 6_000, 7), (23, 6_000, 40)])
    func bzip2Tilings(seed: UInt64, rows: Int, ranges: Int) async throws {
        let plain = ScaleOutSupport.randomCSV(rows: rows, seed: seed)
        let compressed = try await ExternalBzip2.compress(plain, level: 1)
        let spec = try AggregateSpec(sql: ScaleOutSupport.query)
        let single = try await Aggregation.run(from: .bytes(plain), spec)
        for round in 0..<2 {
            let tiling = ScaleOutSupport.randomTiling(
                size: compressed.count, pieces: ranges, seed: seed &+ UInt64(round) * 7)
            let merged = try await ScaleOutSupport.mapAndMerge(
                .bytes(compressed, name: "t.csv.bz2", maximumRead: 4_099), tiling, spec)
            ScaleOutSupport.expectSameTable(merged.result, single.result)
            #expect(merged.rowsRead == single.rowsRead)
        }
    }

    @Test(".bz2 partials record block boundaries that chain from range to range")
    func bzip2CoverageChains() async throws {
        let plain = AirlineDataGenerator(year: 2007, rows: 4_000, seed: 3).csvBytes()
        let compressed = try await ExternalBzip2.compress(plain, level: 1)
        let spec = try AggregateSpec(sql: Aggregation.originalStatement)
        let input = RangedInput.bytes(compressed, name: "c.csv.bz2")
        var coverage: [InputCoverage] = []
        for range in ScaleOutSupport.evenTiling(size: compressed.count, pieces: 5) {
            coverage += try await Aggregation.partial(of: input, range: range, spec).coverage
        }
        #expect(coverage.count == 5)
        #expect(coverage.allSatisfy { $0.unit == .bzip2BlockBit })
        #expect(zip(coverage, coverage.dropFirst()).allSatisfy { $0.ownedEnd == $1.ownedStart })
        #expect(coverage.last?.ownedEnd == compressed.count * 8)
        try Aggregation.checkCoverage(coverage)
        // A block boundary claimed by nobody is caught.
        var broken = coverage
        broken[2].ownedStart += 8
        #expect(throws: AggregationError.self) { try Aggregation.checkCoverage(broken) }
    }

    @Test("a quoted line break right after a range's end is refused, elsewhere it is fine", arguments: [false, true])
    func quotedNewlines(localFile: Bool) async throws {
        let text = "K,Note,V\n1,\"two\nlines\",5\n2,plain,7\n3,\"x\",9\n"
        let bytes = Array(text.utf8)
        let file = try ScaleOutSupport.TemporaryFile(bytes, name: "q.csv")
        defer { file.remove() }
        let input = try localFile ? RangedInput.file(file.path) : .bytes(bytes, name: "q.csv")
        let spec = try AggregateSpec(sql: "SELECT K, sum(V) FROM t GROUP BY K")
        let single = try await Aggregation.run(from: .bytes(bytes), spec)
        let quotedBreak = bytes.firstIndex(of: UInt8(ascii: "w"))!  // inside "two", just before the quoted LF
        do {
            _ = try await Aggregation.partial(of: input, range: 0..<quotedBreak, spec)
            Issue.record("a range ending before a quoted line break was accepted")
        } catch let error as AggregationError {
            #expect(error.kind == .quotedNewlineAtSplit)
            #expect(error.file == input.name)
            #expect(error.byteOffset == quotedBreak + 2)
        }
        // Cuts after the quoted field: exact.
        let safe = bytes.firstIndex(of: UInt8(ascii: "2"))!  // where the record 2,plain,7 starts
        let merged = try await ScaleOutSupport.mapAndMerge(input, [0..<safe, safe..<bytes.count], spec)
        ScaleOutSupport.expectSameTable(merged.result, single.result)
    }

    /// A local file's range is scanned through mappings of the file (512-byte chunks here): quote-free at first, so
    /// its chunks are cut speculatively until a quoted line break turns up and the window is scanned again.
    @Test("mapped windows: quoted line breaks inside ranges are exact, at a split point they are refused")
    func quotedNewlinesInMappedWindows() async throws {
        var random = SeededRandom(seed: 77)
        var text = "K,Note,V\n"
        for row in 0..<3_000 {
            let note = row >= 300 && random.below(9) == 0 ? "\"two\nlines, \"\"quoted\"\"\"" : "n\(random.below(100))"
            text += "\(random.below(20)),\(note),\(random.below(1_000))\n"
        }
        let bytes = Array(text.utf8)
        let file = try ScaleOutSupport.TemporaryFile(bytes, name: "m.csv")
        defer { file.remove() }
        let input = try RangedInput.file(file.path)
        // Every LF, and whether it is inside quotes (each quote byte toggles).
        var quotedLineBreak: [Int: Bool] = [:]
        var inside = false
        for (offset, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "\"") { inside.toggle() }
            if byte == 0x0A { quotedLineBreak[offset] = inside }
        }
        let spec = try AggregateSpec(sql: "SELECT K, count(*) AS n, sum(V) AS s FROM t GROUP BY K")
        let options = AggregationOptions(workers: 2, chunkSize: 512)
        let single = try await Aggregation.run(from: .bytes(bytes), spec)
        var cuts: [Int] = []
        var refused = 0
        for _ in 0..<40 {
            let cut = 1 + random.below(bytes.count - 1)
            let lineBreak = bytes[cut...].firstIndex(of: 0x0A)!
            if quotedLineBreak[lineBreak] == true {
                do {
                    _ = try await Aggregation.partial(of: input, range: 0..<cut, spec, options: options)
                    Issue.record("a range ending at \(cut), before the quoted line break at \(lineBreak), was accepted")
                } catch let error as AggregationError {
                    #expect(error.kind == .quotedNewlineAtSplit)
                    #expect(error.byteOffset == lineBreak)
                }
                refused += 1
            } else {
                cuts.append(cut)
            }
        }
        #expect(refused > 0 && cuts.count > 10)
        let bounds = [0] + cuts.sorted() + [bytes.count]
        let merged = try await ScaleOutSupport.mapAndMerge(
            input, zip(bounds, bounds.dropFirst()).map { $0..<$1 }, spec, options: options)
        ScaleOutSupport.expectSameTable(merged.result, single.result)
        #expect(merged.rowsRead == 3_000)
    }

    @Test("an error inside a range names the input offset a single run names", arguments: [false, true])
    func errorOffsetsInRanges(localFile: Bool) async throws {
        var text = "K,V\n"
        for row in 0..<2_000 { text += "\(row % 7),\(row == 1_500 ? "x1" : String(row))\n" }
        let bytes = Array(text.utf8)
        let file = try ScaleOutSupport.TemporaryFile(bytes)
        defer { file.remove() }
        let input = try localFile ? RangedInput.file(file.path) : .bytes(bytes, name: "e.csv", maximumRead: 333)
        let spec = try AggregateSpec(sql: "SELECT K, sum(V) FROM t GROUP BY K")
        let options = AggregationOptions(workers: 2, chunkSize: 512)
        var expected: AggregationError?
        do { _ = try await Aggregation.run(from: .bytes(bytes), spec, options: options) } catch let error
            as AggregationError
        {
            expected = error
        }
        let offset = try #require(expected?.byteOffset)
        do {
            _ = try await Aggregation.partial(
                of: input, range: (offset - 5_000)..<(offset + 3_000), spec, options: options)
            Issue.record("the malformed value was accepted")
        } catch let error as AggregationError {
            #expect(error.kind == expected?.kind)
            #expect(error.byteOffset == offset)
            #expect(error.line == nil)
            #expect(error.message.contains("in range \(offset - 5_000)-\(offset + 3_000)"))
        }
    }

    /// (The planner's exact cuts are tested with it: AzureBatchKit's `EvenByteRangePlanner`.)
    @Test("names decide splittability (gzip and other stream formats run whole); the --range spelling")
    func rangeContract() throws {
        #expect(["a.csv.bz2", "c.csv", "d.CSV", "raw/2007.csv.bz2"].allSatisfy(ByteRange.isSplittable))
        #expect(
            !["b.csv.GZ", "x.gzip", "y.tgz", "z.csv.zst", "w.xz", "v.lz4", "u.Z", "t.zip"].contains(
                where: ByteRange.isSplittable))
        #expect(ByteRange.format(83..<166) == "83-166")
        #expect(ByteRange.format(Int64(0)..<Int64(1) << 40) == "0-1099511627776")
        #expect(try ByteRange.parse("83-166") == 83..<166)
        #expect(try ByteRange.parse("7-7") == 7..<7)
        #expect(throws: AggregationError.self) { try ByteRange.parse("9-3") }
        #expect(throws: AggregationError.self) { try ByteRange.parse("x-3") }
        #expect(throws: AggregationError.self) { try ByteRange.parse("-3") }
    }

    @Test("Bzip2BlockReader synchronises on genuine blocks from any byte")
    func blockReaderSynchronises() async throws {
        let plain = AirlineDataGenerator(year: 2007, rows: 3_000, seed: 8).csvBytes()
        let compressed = try await ExternalBzip2.compress(plain, level: 1)
        func blocks(from start: Int) throws -> [(Int, Int)] {
            var reader = Bzip2BlockReader(firstByte: start)
            var found: [(Int, Int)] = []
            try reader.write(Array(compressed[start...])) { block in
                found.append((block.startBit, block.bytes.count))
                return true
            }
            try reader.finish { block in
                found.append((block.startBit, block.bytes.count))
                return true
            }
            return found
        }
        let all = try blocks(from: 0)
        #expect(all.count >= 3)
        #expect(all.reduce(0) { $0 + $1.1 } == plain.count)
        for start in stride(from: 1, to: compressed.count, by: compressed.count / 17) {
            let tail = try blocks(from: start)
            #expect(tail.map(\.0) == all.filter { $0.0 >= start * 8 }.map(\.0))
        }
    }
}
