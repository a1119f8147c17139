import Testing
@testable import AirlineAggregation

@Test func smokeOriginalQuery() async throws {
    let csv = Array("""
    Year,Month,DayofMonth,ArrDelay,DepDelay
    2007,1,1,10,5
    2007,1,1,NA,NA
    2007,1,2,-3,4
    2007,1,2,7,

    """.utf8)
    let summary = try await Aggregation.run(from: .bytes(csv), sql: Aggregation.originalStatement)
    print(summary.result)
    #expect(summary.groups == 2)
}
