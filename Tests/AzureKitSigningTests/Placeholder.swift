import Testing

@Test func AzureKitSigningTestsBuilds() {}
