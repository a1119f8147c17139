import Testing

@Test func AzureBatchKitTestsBuilds() {}
