import Testing

@Test func AirlineAggregationTestsBuilds() {}
