import AzureKitCore

/// Options of a ``ContainerRegistryClient``: the shared runtime options (retry, transport, logging, timeouts).
///
/// ```swift
/// let options = ContainerRegistryClientOptions(core: .init(retry: .init(maxRetries: 5)))
/// let registry = try ContainerRegistryClient(loginServer: "devregistry.azurecr.io", options: options)
/// ```
public struct ContainerRegistryClientOptions: Sendable {
    /// Retry, logging, transport and timeouts (the shared runtime's options, as in every `<Service>ClientOptions`).
    public var core: ServiceClientOptions

    public init(core: ServiceClientOptions = .init()) {
        self.core = core
    }
}
