// Placeholder: the AzureBatchKit module is filled in by its issue.
