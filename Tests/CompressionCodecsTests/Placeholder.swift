import Testing

@Test func CompressionCodecsTestsBuilds() {}
