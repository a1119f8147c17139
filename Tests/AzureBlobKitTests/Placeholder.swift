import Testing

@Test func AzureBlobKitTestsBuilds() {}
