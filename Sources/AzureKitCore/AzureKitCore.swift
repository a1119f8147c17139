// Placeholder: the AzureKitCore module is filled in by its issue.
