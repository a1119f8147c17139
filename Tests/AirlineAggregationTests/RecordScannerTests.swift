import CByteClassifier
import Foundation
import SyntheticAirlineData
import Testing

@testable import AirlineAggregation

/// Stage 1, the C record scanner (both its builds), against a byte-by-byte walk of the same bytes.
@Suite("Record scanner")
struct RecordScannerTests {
    struct Expected: Equatable {
        var start: Int
        var newline: Int
        var fields: Int
        var offsets: [Int]
    }

    /// Records from `start` on, by the definition: a separator is a delimiter or LF outside quotes, a quote byte
    /// toggles "inside", an LF outside quotes ends the record; plus the LFs inside quotes of those records.
    static func walk(_ bytes: [UInt8], from start: Int, wanted: [Int], delimiter: UInt8, quote: UInt8) -> (
        [Expected], quotedLineFeeds: Int
    ) {
        var records: [Expected] = []
        var quotedLineFeeds = 0
        var inside = false
        var recordStart = start
        var separators: [Int] = []
        var pendingLineFeeds = 0
        for index in start..<bytes.count {
            let byte = bytes[index]
            if byte == quote { inside.toggle() }
            if inside {
                if byte == 0x0A { pendingLineFeeds += 1 }
                continue
            }
            if byte == delimiter || byte == 0x0A { separators.append(index) }
            if byte == 0x0A {
                let offsets = wanted.map { $0 < separators.count ? separators[$0] : -1 }
                records.append(
                    Expected(start: recordStart, newline: index, fields: separators.count, offsets: offsets))
                quotedLineFeeds += pendingLineFeeds
                pendingLineFeeds = 0
                separators = []
                recordStart = index + 1
            }
        }
        return (records, quotedLineFeeds)
    }

    /// All records from `start`, batch by batch, with the scanner's quote and line-feed reports.
    static func scan(
        _ bytes: [UInt8], from start: Int, wanted: [Int], delimiter: UInt8, quote: UInt8, portable: Bool
    ) -> (records: [Expected], quotedLineFeeds: Int, sawQuote: Bool, batches: Int) {
        var padded = bytes
        padded += [UInt8](repeating: 0x0A, count: 64)  // the slack: readable, and its bytes must not count
        var scanner = RecordScanner(boundaries: wanted, delimiter: delimiter, quote: quote, portable: portable)
        defer { scanner.deallocate() }
        var found: [Expected] = []
        var batches = 0
        padded.withUnsafeBufferPointer { buffer in
            scanner.reset(buffer.baseAddress!, count: bytes.count)
            var position = start
            while position < bytes.count {
                let (count, resume) = scanner.next(from: position)
                if count == 0 { break }
                batches += 1
                for index in 0..<count {
                    let record = scanner.record(index)
                    let offsets = scanner.offsets(index)
                    found.append(
                        Expected(
                            start: Int(record.start), newline: Int(record.newline), fields: Int(record.fields),
                            offsets: wanted.indices.map { Int(offsets[$0]) }))
                }
                position = resume
            }
        }
        return (found, scanner.quotedLineFeeds, scanner.sawQuote, batches)
    }

    /// Random records: fields of 0…90 bytes (so records span several 64-byte blocks), quoted fields with
    /// delimiters, doubled quotes and line feeds inside, CRLF endings, blank lines and short or long records.
    static func randomCSV(_ generator: inout SeededRandom, records: Int, delimiter: UInt8, quote: UInt8) -> [UInt8] {
        var bytes: [UInt8] = []
        let plain: [UInt8] = Array("0123456789-.NAabc ".utf8)
        for _ in 0..<records {
            if generator.below(40) == 0 {
                bytes.append(0x0A)
                continue
            }
            let fields = generator.below(10) == 0 ? 1 + generator.below(40) : 12
            for field in 0..<fields {
                if field > 0 { bytes.append(delimiter) }
                let length = generator.below(8) == 0 ? generator.below(90) : generator.below(6)
                if generator.below(12) == 0 {
                    bytes.append(quote)
                    for _ in 0..<length {
                        switch generator.below(10) {
                        case 0: bytes.append(delimiter)
                        case 1: bytes.append(0x0A)
                        case 2: bytes += [quote, quote]
                        default: bytes.append(plain[generator.below(plain.count)])
                        }
                    }
                    bytes.append(quote)
                } else {
                    for _ in 0..<length { bytes.append(plain[generator.below(plain.count)]) }
                }
            }
            if generator.below(5) == 0 { bytes.append(0x0D) }
            bytes.append(0x0A)
        }
        return bytes
    }

    @Test(arguments: [false, true])
    func recordsAndOffsetsMatchTheWalk(portable: Bool) {
        var generator = SeededRandom(seed: portable ? 17 : 18)
        let dialects: [(UInt8, UInt8)] = [
            (UInt8(ascii: ","), UInt8(ascii: "\"")), (UInt8(ascii: "\t"), UInt8(ascii: "'")),
        ]
        for round in 0..<60 {
            let (delimiter, quote) = dialects[round % 2]
            let bytes = Self.randomCSV(
                &generator, records: 50 + generator.below(700), delimiter: delimiter, quote: quote)
            // Any ascending set of ordinals, beyond the field count too.
            let wanted = (0..<45).filter { _ in generator.below(4) == 0 }
            // Start at a record boundary somewhere in the first records (any position within a block).
            let starts =
                [0]
                + Self.walk(bytes, from: 0, wanted: [], delimiter: delimiter, quote: quote).0.prefix(9)
                .map { $0.newline + 1 }
            let start = starts[generator.below(starts.count)]
            let expected = Self.walk(bytes, from: start, wanted: wanted, delimiter: delimiter, quote: quote)
            let got = Self.scan(
                bytes, from: start, wanted: wanted, delimiter: delimiter, quote: quote, portable: portable)
            #expect(got.records == expected.0, "round \(round)")
            #expect(got.quotedLineFeeds == expected.quotedLineFeeds, "round \(round)")
            #expect(got.sawQuote == bytes[start...].contains(quote), "round \(round)")
            if expected.0.count > Int(RecordScanner.batchCapacity) { #expect(got.batches > 1) }
        }
    }

    /// A record far longer than a batch's bytes, and one whose newline is the chunk's last byte in a block's
    /// last bit, come out whole; a chunk without a final newline yields no record for its tail.
    @Test(arguments: [false, true])
    func longRecordsAndChunkEnds(portable: Bool) {
        let long = [UInt8](repeating: UInt8(ascii: "7"), count: 100_000) + Array(",1,\"a\nb\"\n".utf8)
        let got = Self.scan(long, from: 0, wanted: [0, 1, 2], delimiter: 44, quote: 34, portable: portable)
        #expect(
            got.records == [
                Expected(start: 0, newline: long.count - 1, fields: 3, offsets: [100_000, 100_002, long.count - 1])
            ])
        #expect(got.quotedLineFeeds == 1)
        let exact = [UInt8](repeating: UInt8(ascii: "1"), count: 127) + [0x0A]
        #expect(
            Self.scan(exact, from: 0, wanted: [0], delimiter: 44, quote: 34, portable: portable).records == [
                Expected(start: 0, newline: 127, fields: 1, offsets: [127])
            ])
        let unterminated = Array("1,2\n3,4".utf8)
        #expect(
            Self.scan(unterminated, from: 0, wanted: [1], delimiter: 44, quote: 34, portable: portable).records == [
                Expected(start: 0, newline: 3, fields: 2, offsets: [3])
            ])
    }

    /// The dispatched build is the AVX2 one on CPUs that have it (the benchmark machines do); a portable-only
    /// build would pass the tests above while the kernel lost its speed.
    @Test func dispatchPicksTheAVX2BuildWhereAvailable() {
        #if arch(x86_64) && os(Linux)
            let flags = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
            let words = Set(flags.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init))
            let capable = ["avx2", "bmi1", "bmi2", "popcnt", "pclmulqdq"].allSatisfy(words.contains)
            #expect(RecordScanner.usesAVX2 == capable)
        #else
            #expect(!RecordScanner.usesAVX2)
        #endif
    }
}
