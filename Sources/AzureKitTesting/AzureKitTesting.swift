// Placeholder: the AzureKitTesting module is filled in by its issue.
