import SyntheticAirlineData
import Testing

@testable import AirlineAggregation

/// One text key with tens of thousands of distinct values (the tail-number query's shape): past
/// ``ChunkParser/lookaheadMinimumTexts`` texts per worker the parser hashes and finds keys rows ahead, and text
/// groups are found through the text → group map alone. Both must give what the reference aggregator gives, with
/// the awkward keys mixed in: quoted, empty (null), numeric (INT32 keys in the same column), longer than eight bytes,
/// CRLF line ends, malformed rows.
@Suite("Many distinct text keys")
struct ManyTextKeysTests {
    static let distinctKeys = 50_000

    /// `rows` records over `distinctKeys` keys in random order; the key is the last field of every fourth record,
    /// so CR bytes and the newline end it there.
    static func csv(rows: Int, seed: UInt64) -> [UInt8] {
        var random = SeededRandom(seed: seed)
        var text = "v,k,w\n"
        for row in 0..<rows {
            let key = random.below(distinctKeys)
            var field: String
            switch key % 50 {
            case 0: field = ""
            case 1: field = "\(key)"
            case 2: field = "\"Q\(key)\""
            case 3: field = "LONGER-THAN-EIGHT-\(key)"
            default: field = "N\(key)"
            }
            let value = random.below(10) == 0 ? "" : (key % 7 == 0 ? "\(random.below(100)).5" : "\(random.below(400))")
            if row % 4 == 0 {
                text += "\(value),x,\(field)\r\n"
            } else if row % 997 == 0 {
                text += "\(value),\(field)\n"  // malformed: one field short
            } else {
                text += "\(value),\(field),1\n"
            }
        }
        return Array(text.utf8)
    }

    @Test(arguments: [1, 2])
    func agreeWithTheReference(workers: Int) async throws {
        let input = Self.csv(rows: 150_000, seed: UInt64(40 + workers))
        for sql in [
            "SELECT k, count(*) AS n, avg(v) AS a, sum(v) AS s FROM t GROUP BY k",
            "SELECT w, k, count(*) AS n, min(v) AS lo FROM t GROUP BY w, k",
        ] {
            let spec = try AggregateSpec(sql: sql)
            let expected = ReferenceAggregator(skipMalformed: true).run(input, spec)
            let got = await kernelOutcome(
                input, spec, options: .init(workers: WorkerCount(workers), skipMalformed: true, chunkSize: 300_000))
            #expect(outcomesAgree(got, expected), "\(sql), \(workers) workers")
            guard case .table(let table, _, _) = got else { continue }
            #expect(table.rowCount > ChunkParser.lookaheadMinimumTexts)
        }
    }
}
