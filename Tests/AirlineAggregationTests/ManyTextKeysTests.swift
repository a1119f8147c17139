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
            // Several keys, the many-valued one first: its pool lines are requested ahead.
            "SELECT k, w, count(*) AS n, max(v) AS hi FROM t GROUP BY k, w",
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

    /// Short unquoted text keys are interned by the parser's fast path, which must still see null tokens of up to
    /// eight bytes (longer ones cannot match such a field), quotes, and spellings that are numbers.
    @Test func shortKeysHonourNullTokensQuotesAndNumbers() async throws {
        let dialect = CSVDialect(nullTokens: ["", "NA", "NULL", "LONGNULL", "TOOLONGNULL"])
        var text = "k,v\n"
        let keys = [
            "NA", "NULL", "LONGNULL", "TOOLONGNULL", "NUL", "LONGNUL", "\"NA\"", "\"AB\"", "AB", "-AB", "+1", "7",
            "-7", "A", "ABCDEFGH", "ABCDEFGHI", "\u{00E9}t\u{00E9}", "NULLX", "",
        ]
        for (index, key) in keys.enumerated() { text += "\(key),\(index)\n\(key),1\n" }
        let spec = try AggregateSpec(sql: "SELECT k, count(*) AS n, sum(v) AS s FROM t GROUP BY k")
        let input = Array(text.utf8)
        let expected = ReferenceAggregator(dialect: dialect).run(input, spec)
        let got = await kernelOutcome(input, spec, options: .init(dialect: dialect, workers: 1))
        #expect(outcomesAgree(got, expected), "\(got) vs \(expected)")
        guard case .table(let table, _, _) = got else { return }
        // A failure would agree too: the run must have grouped.
        #expect(table.rowCount > 10)
    }

    /// Groups of one text key are found through the text → group map only; when the index is released (with the
    /// map), the next lookup rebuilds both, and every key still finds its group, however many groups there are and
    /// whether the keys are texts, numbers or null.
    @Test func textGroupsSurviveAReleasedIndexAndAMerge() {
        func key(_ index: Int, in table: GroupTable) -> Int64 {
            switch index % 5 {
            case 0: return Int64(index)
            case 1: return GroupTable.nullKey
            default:
                let bytes = Array("T\(index)".utf8)
                return GroupTable.textBase + Int64(table.texts.intern(bytes, count: bytes.count))
            }
        }
        let table = GroupTable(keyCount: 1, valueCount: 0)
        var groups: [Int] = []
        for index in 0..<2_000 {
            var value = key(index, in: table)
            groups.append(table.group(for: &value))
        }
        #expect(table.groupCount == 1_601)  // 1,200 texts, 400 numbers, one null group
        table.releaseIndex()
        for index in (0..<2_000).reversed() {
            var value = key(index, in: table)
            #expect(table.group(for: &value) == groups[index])
        }
        #expect(table.groupCount == 1_601)
        let other = GroupTable(keyCount: 1, valueCount: 0)
        for index in 1_000..<3_000 {
            var value = key(index, in: other)
            other.countRow(group: other.group(for: &value))
        }
        table.merge(other, consuming: true)
        // 1,000 more keys: 600 texts and 200 numbers.
        #expect(table.groupCount == 1_601 + 800)
        for index in 0..<3_000 where index % 5 != 1 {
            var value = key(index, in: table)
            let group = table.group(for: &value)
            #expect(table.rowCount(of: group) == (index >= 1_000 ? 1 : 0))
        }
    }
}
