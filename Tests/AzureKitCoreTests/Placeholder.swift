import Testing

@Test func AzureKitCoreTestsBuilds() {}
