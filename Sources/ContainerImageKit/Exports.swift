// `import ContainerImageKit` alone gives the registry client and the shared runtime it takes (credentials, options).
@_exported import AzureRegistryKit
