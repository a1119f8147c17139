import AzureKitCore

extension ServiceProfile {
    /// Azure Blob Storage: `x-ms-date`, `x-ms-client-request-id`, Storage's retry rule (no 429, most 5xx),
    /// XML error bodies, the `https://storage.azure.com/.default` scope and Storage's Shared Key layout.
    public static let storageBlob = ServiceProfile(
        module: "storage-blob", version: "0.1.0", dateHeader: "x-ms-date",
        clientRequestIDHeader: "x-ms-client-request-id", retry: .storage, errors: .storageXML,
        tokenScopes: ["https://storage.azure.com/.default"], sharedKeyScheme: .storage,
        azureNamespace: "Microsoft.Storage")
}
