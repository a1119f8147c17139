import SyntheticAirlineData
import Testing

@testable import AirlineAggregation

@Suite("Projection: only used columns are decoded")
struct ProjectionTests {
    @Test func unusedColumnsMayHoldAnything() async throws {
        let csv = Array(
            ("Name,Year,Notes,Delay\n\"Smith, J\",2007,\"not a number, \"\"really\"\"\",5\n"
                + "Doe,2007,#@!,7\nx,2008,\"multi\nline\",NA\n").utf8)
        let summary = try await Aggregation.run(
            from: .bytes(csv),
            AggregateSpec {
                GroupBy("Year")
                Average("Delay")
            })
        #expect(summary.result["Year"]?.values == .int32([2007, 2008]))
        #expect(summary.result["avg(Delay)"]?.values == .double([6, nil]))
    }

    @Test func columnNamesResolveCaseInsensitivelyAndKeepTheQuerySpelling() async throws {
        let csv = Array("Year,DayofMonth,ArrDelay\n2007,1,3\n".utf8)
        let summary = try await Aggregation.run(
            from: .bytes(csv), sql: "SELECT Year, DayOfMonth, max(ARRDELAY) FROM t GROUP BY Year, DayOfMonth")
        #expect(summary.result.columns.map(\.name) == ["Year", "DayOfMonth", "max(ARRDELAY)"])
        #expect(summary.header == ["Year", "DayofMonth", "ArrDelay"])
    }

    @Test func exactSpellingWinsOverCaseInsensitiveMatch() {
        #expect(QueryPlan.resolve("day", in: ["DAY", "day"]) == 1)
        #expect(QueryPlan.resolve("Day", in: ["DAY", "day"]) == 0)
    }

    @Test func planDecodesOnlyTheQueryColumns() throws {
        let header = AirlineDataGenerator.header
        let plan = try QueryPlan(
            spec: try AggregateSpec(sql: Aggregation.originalStatement), header: header, dialect: .standard,
            skipMalformed: false, file: nil)
        #expect(plan.slots.map(\.field) == [0, 1, 2, 14, 15])
        #expect(plan.projectedLimit == 16)
    }

    @Test func headerlessInputUsesSparkStyleNames() async throws {
        let csv = Array("2007,1,5\n2007,1,7\n".utf8)
        let summary = try await Aggregation.run(
            from: .bytes(csv),
            AggregateSpec {
                GroupBy("_c0")
                Average("_c2")
            },
            options: .init(dialect: CSVDialect(hasHeader: false)))
        #expect(summary.result["avg(_c2)"]?.values == .double([6]))
    }

    @Test func customDialectAndNullTokens() async throws {
        let csv = Array("k;v\n1;NULL\n1;'2'\n1;\n".utf8)
        let dialect = CSVDialect(delimiter: UInt8(ascii: ";"), quote: UInt8(ascii: "'"), nullTokens: ["NULL", ""])
        let summary = try await Aggregation.run(
            from: .bytes(csv),
            AggregateSpec {
                GroupBy("k")
                Count("v")
                CountAll()
            }, options: .init(dialect: dialect))
        #expect(summary.result["count(v)"]?.values == .int64([1]))
        #expect(summary.result["count(1)"]?.values == .int64([3]))
    }
}
