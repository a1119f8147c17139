// ChildProcess lives below Core so benchmarks can run children without the HTTP stack; Core users keep it.
@_exported import AzureKitProcess

// The vocabulary types every client API takes or returns, so `import AzureBatchKit` (which re-exports this module)
// is enough to call it, as SotoCore re-exports the same kind of types.
@_exported import struct Foundation.Data
@_exported import struct Foundation.Date
@_exported import struct Foundation.URL
@_exported import struct Logging.Logger
