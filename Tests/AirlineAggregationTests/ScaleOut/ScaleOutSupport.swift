import Foundation
import SyntheticAirlineData
import Testing

@testable import AirlineAggregation

/// Shared pieces of the scale-out tests: random CSV with the awkward cases, random tilings, and the comparison
/// "merge of partials == one run".
enum ScaleOutSupport {
    /// Random CSV: CRLF or LF, null keys and values (`NA`, empty), quoted fields (with delimiters and doubled quotes,
    /// no line breaks), text and numeric keys, integer and fractional values, an optional missing final newline.
    static func randomCSV(rows: Int, seed: UInt64, crlf: Bool? = nil) -> [UInt8] {
        var random = SeededRandom(seed: seed)
        let newline = (crlf ?? (random.below(2) == 0)) ? "\r\n" : "\n"
        var text = "Year,Month,Carrier,Delay,Note" + newline
        let carriers = ["AA", "\"UA\"", "\"D,L\"", "WN", "NA", "\"\"\"Q\"\"\"", "B6"]
        for _ in 0..<rows {
            let year = 2000 + random.below(3)
            let month = random.below(10) == 0 ? "NA" : String(1 + random.below(12))
            let carrier = carriers[random.below(carriers.count)]
            let delay: String
            switch random.below(8) {
            case 0: delay = "NA"
            case 1: delay = ""
            case 2: delay = String(format: "%.3f", random.unit() * 200 - 20)
            case 3: delay = "\"\(random.below(90))\""
            default: delay = String(random.below(120) - 10)
            }
            let note = random.below(4) == 0 ? "\"a, \"\"quoted\"\" note\"" : "x\(random.below(1000))"
            text += "\(year),\(month),\(carrier),\(delay),\(note)" + newline
        }
        var bytes = Array(text.utf8)
        if random.below(4) == 0 { bytes.removeLast(newline.utf8.count) }
        return bytes
    }

    static let query = """
        SELECT Year, Month, Carrier, count(*) AS n, count(Delay) AS c, sum(Delay) AS s, min(Delay) AS lo,
               max(Delay) AS hi, avg(Delay) AS mean
        FROM t GROUP BY Year, Month, Carrier
        """

    /// `count` random cut points in `0...size`, sorted, duplicates allowed (empty ranges), as a tiling of `0..<size`.
    static func randomTiling(size: Int, pieces: Int, seed: UInt64) -> [Range<Int>] {
        var random = SeededRandom(seed: seed)
        var cuts = (0..<max(0, pieces - 1)).map { _ in random.below(size + 1) }
        // Some cuts land one byte apart: ranges smaller than a record.
        if size > 2, pieces > 2 { cuts[0] = min(size, cuts[1] + 1) }
        cuts.sort()
        let bounds = [0] + cuts + [size]
        return zip(bounds, bounds.dropFirst()).map { $0..<$1 }
    }

    /// `pieces` ranges of equal size (±1 byte) tiling `0..<size`: the cuts a planner makes for N tasks over one input.
    static func evenTiling(size: Int, pieces: Int) -> [Range<Int>] {
        (0..<pieces).map { (size * $0 / pieces)..<(size * ($0 + 1) / pieces) }
    }

    /// Maps every range, sends each partial through its Parquet bytes, shuffles them and merges.
    static func mapAndMerge(
        _ input: RangedInput, _ ranges: [Range<Int>], _ spec: AggregateSpec,
        options: AggregationOptions = .init(workers: 2, chunkSize: 512)
    ) async throws -> AggregationSummary {
        var partials: [PartialResult] = []
        for range in ranges {
            let partial = try await Aggregation.partial(of: input, range: range, spec, options: options)
            partials.append(try PartialResult(bytes: try partial.encoded(), name: "partial-\(range)"))
        }
        partials.reverse()
        return try Aggregation.merge(partials, spec, options: options, expecting: ranges.count)
    }

    /// Equal tables: integers and text exactly, doubles to 1e-12 relative (compensated sums in any grouping).
    static func expectSameTable(
        _ got: ResultTable, _ expected: ResultTable, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(got.columns.map(\.name) == expected.columns.map(\.name), sourceLocation: sourceLocation)
        #expect(got.rowCount == expected.rowCount, sourceLocation: sourceLocation)
        for (left, right) in zip(got.columns, expected.columns) {
            switch (left.values, right.values) {
            case (.double(let a), .double(let b)):
                #expect(a.count == b.count, sourceLocation: sourceLocation)
                for (x, y) in zip(a, b) {
                    switch (x, y) {
                    case (nil, nil): break
                    case (let x?, let y?):
                        let scale = max(abs(x), abs(y), 1e-300)
                        #expect(
                            abs(x - y) / scale <= 1e-12, "\(left.name): \(x) vs \(y)", sourceLocation: sourceLocation)
                    default:
                        Issue.record(
                            "\(left.name): \(String(describing: x)) vs \(String(describing: y))",
                            sourceLocation: sourceLocation)
                    }
                }
            default:
                #expect(left.values == right.values, "\(left.name)", sourceLocation: sourceLocation)
            }
        }
    }

    /// Bytes written to a fresh temporary file (removed by ``remove()``).
    struct TemporaryFile {
        let path: String

        init(_ bytes: [UInt8], name: String = "input.csv") throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("range-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            path = folder.appendingPathComponent(name).path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }

        func remove() { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
    }
}
