// `import AzureBlobKit` alone gives the shared runtime too (credentials such as DefaultAzureCredential, errors,
// options, logging) and the SAS vocabulary its API uses (BlobSASPermissions, UserDelegationKey, …), as Soto's
// service modules re-export SotoCore.
@_exported import AzureKitCore
@_exported import AzureKitSigning
