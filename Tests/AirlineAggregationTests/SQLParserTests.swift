import Foundation
import Testing

@testable import AirlineAggregation

@Suite("SQL subset parser")
struct SQLParserTests {
    @Test func originalStatementRunsVerbatim() throws {
        let spec = try AggregateSpec(
            sql: """
                SELECT Year, Month, DayOfMonth, avg(ArrDelay) AS avg_ArrDelay, avg(DepDelay) AS avg_DepDelay
                FROM airlines GROUP BY Year, Month, DayOfMonth
                """)
        let built = AggregateSpec {
            GroupBy("Year", "Month", "DayOfMonth")
            Average("ArrDelay", as: "avg_ArrDelay")
            Average("DepDelay", as: "avg_DepDelay")
        }
        #expect(spec.keys == built.keys)
        #expect(spec.aggregates == built.aggregates)
        #expect(spec.outputNames == ["Year", "Month", "DayOfMonth", "avg_ArrDelay", "avg_DepDelay"])
        #expect(try AggregateSpec(sql: Aggregation.originalStatement).outputNames == spec.outputNames)
    }

    @Test func acceptsTheWholeSubset() throws {
        let spec = try AggregateSpec(
            sql: """
                -- every supported piece
                select count(*) n, "Month" AS m, Year, mean(x), SUM(y) total, min(z), max(z), count(w)
                from `flights` where Cancelled = 0 and Distance >= 100.5 AND Origin <> 'SFO' and DepDelay > -10
                group by Year, Month order by Month desc, Year asc;
                """)
        #expect(spec.outputNames == ["n", "m", "Year", "avg(x)", "total", "min(z)", "max(z)", "count(w)"])
        #expect(spec.keys.map(\.column) == ["Year", "Month"])
        #expect(
            spec.filters == [
                .predicate(Predicate("Cancelled", .equal, .integer(0))),
                .predicate(Predicate("Distance", .greaterOrEqual, .double(100.5))),
                .predicate(Predicate("Origin", .notEqual, .text("SFO"))),
                .predicate(Predicate("DepDelay", .greater, .integer(-10))),
            ])
        #expect(spec.sortKeys == [.init(keyIndex: 1, descending: true), .init(keyIndex: 0)])
        #expect(spec.aggregates.first?.function == .countAll)
    }

    struct Rejection: Sendable, CustomTestStringConvertible {
        var sql: String
        var token: String
        var testDescription: String { sql }
    }

    static let rejections: [Rejection] = [
        .init(sql: "SELECT Year, count(*) FROM t GROUP BY Year HAVING Month > 1", token: "Month"),
        .init(sql: "SELECT count(*) FROM t HAVING count(*) > 1", token: "HAVING"),
        .init(sql: "SELECT Year, count(*) FROM t WHERE count(*) > 1 GROUP BY Year", token: "count"),
        .init(sql: "SELECT Year, count(*) FROM t GROUP BY Year LIMIT -5", token: "-"),
        .init(sql: "SELECT Year, count(*) FROM t GROUP BY Year ORDER BY Year NULLS SOMETIMES", token: "SOMETIMES"),
        .init(sql: "SELECT Year, count(*) FROM t JOIN u ON a = b GROUP BY Year", token: "JOIN"),
        .init(sql: "SELECT Year, sum(DISTINCT x) FROM t GROUP BY Year", token: "DISTINCT"),
        .init(sql: "SELECT Year, avg(x) FROM t WHERE CAST(x AS VARCHAR) = 1 GROUP BY Year", token: "CAST"),
        .init(sql: "SELECT Year, CAST(avg(x) AS TEXT) FROM t GROUP BY Year", token: "TEXT"),
        .init(sql: "SELECT Year, CAST(Year AS VARCHAR) + 1 FROM t GROUP BY Year", token: "CAST"),
        .init(sql: "SELECT Year, NULLIF(avg(x)) FROM t GROUP BY Year", token: ")"),
        .init(sql: "SELECT Year, avg(x) FROM t WHERE x + 1 > 'a' GROUP BY Year", token: "'a'"),
        .init(sql: "SELECT Year, avg(x) FROM t WHERE x + sum(y) > 1 GROUP BY Year", token: "sum"),
        .init(sql: "SELECT Year, avg(x) FROM t WHERE (x + 1 > 2 GROUP BY Year", token: "GROUP"),
        .init(sql: "SELECT Year, avg(x + 1) FROM t GROUP BY Year", token: "+"),
        .init(sql: "SELECT Year, median(x) FROM t GROUP BY Year", token: "median"),
        .init(sql: "SELECT Year, avg(x) FROM t WHERE (a = 1 OR b = 2 GROUP BY Year", token: "GROUP"),
        .init(sql: "SELECT Year, avg(x) FROM t WHERE a = 1 OR GROUP BY Year", token: "GROUP"),
        .init(sql: "SELECT Year, avg(x) FROM t WHERE a LIKE '%x' GROUP BY Year", token: "'%x'"),
        .init(sql: "SELECT Year, avg(x) FROM t", token: "Year"),
        .init(sql: "SELECT Month, avg(x) FROM t GROUP BY Year", token: "Month"),
        .init(sql: "SELECT Year, avg(x) FROM t GROUP BY Year, Month", token: "Month"),
        .init(sql: "SELECT * FROM t GROUP BY Year", token: "*"),
        .init(sql: "UPDATE t SET x = 1", token: "UPDATE"),
        .init(sql: "SELECT Year, avg(x) FROM t GROUP BY Year ORDER BY max(x)", token: "max"),
        .init(sql: "SELECT Year, avg(x) FROM t GROUP BY Year ORDER BY Month", token: "Month"),
        .init(sql: "SELECT Year, avg(x) FROM t WHERE name = 'open GROUP BY Year", token: "'open GROUP BY Year"),
    ]

    @Test(arguments: rejections)
    func rejectsWithThePositionOfTheUnsupportedPart(_ rejection: Rejection) {
        do {
            _ = try AggregateSpec(sql: rejection.sql)
            Issue.record("accepted: \(rejection.sql)")
        } catch let error as SQLSyntaxError {
            #expect(error.token == rejection.token, "\(error)")
            if !rejection.token.isEmpty, let range = rejection.sql.range(of: rejection.token, options: .backwards) {
                #expect(
                    error.offset == rejection.sql.utf8.distance(from: rejection.sql.startIndex, to: range.lowerBound))
            } else {
                #expect(error.offset == rejection.sql.utf8.count)
            }
            #expect(error.description.contains("^"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func duplicateOutputNamesAreRejected() {
        #expect(throws: SQLSyntaxError.self) { try AggregateSpec(sql: "SELECT g, avg(x) AS g FROM t GROUP BY g") }
    }
}
