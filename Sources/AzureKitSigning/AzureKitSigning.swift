// Placeholder: the AzureKitSigning module is filled in by its issue.
