// `import AzureKitTesting` alone gives the runtime types its API takes and returns (HTTPTransport, HTTPRequest, …).
@_exported import AzureKitCore
