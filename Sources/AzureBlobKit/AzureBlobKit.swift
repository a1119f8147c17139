// Placeholder: the AzureBlobKit module is filled in by its issue.
