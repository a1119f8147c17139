// `import AzureBatchKit` alone gives the shared runtime too (credentials such as DefaultAzureCredential, errors, options,
// logging), as Soto's service modules re-export SotoCore.
@_exported import AzureKitCore
