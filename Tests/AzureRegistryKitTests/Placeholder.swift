import Testing

@Test func AzureRegistryKitTestsBuilds() {}
