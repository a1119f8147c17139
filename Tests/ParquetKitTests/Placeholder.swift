import Testing

@Test func ParquetKitTestsBuilds() {}
