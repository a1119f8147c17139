// Placeholder: the AzureRegistryKit module is filled in by its issue.
