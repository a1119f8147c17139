/// Runs a task inside a container (`containerSettings`). Required on every task of a container pool.
public struct TaskContainerSettings: Codable, Hashable, Sendable {
    /// Full image reference; `:latest` when no tag is given.
    public var imageName: String
    /// Extra `docker create` arguments, e.g. `--rm --workdir /app`.
    public var containerRunOptions: String?
    /// Omit when the pool already lists the registry.
    public var registry: ContainerRegistry?
    public var workingDirectory: ContainerWorkingDirectory?
    /// Node directories mapped into the container; `nil` maps all of `AZ_BATCH_NODE_ROOT_DIR`, empty maps none.
    public var containerHostBatchBindMounts: [ContainerHostBindMount]?

    public init(
        imageName: String, containerRunOptions: String? = nil, registry: ContainerRegistry? = nil,
        workingDirectory: ContainerWorkingDirectory? = nil,
        containerHostBatchBindMounts: [ContainerHostBindMount]? = nil
    ) {
        self.imageName = imageName
        self.containerRunOptions = containerRunOptions
        self.registry = registry
        self.workingDirectory = workingDirectory
        self.containerHostBatchBindMounts = containerHostBatchBindMounts
    }
}

/// One node directory mapped into a task container.
public struct ContainerHostBindMount: Codable, Hashable, Sendable {
    public var source: ContainerHostDataPath?
    public var isReadOnly: Bool?
    public init(source: ContainerHostDataPath?, isReadOnly: Bool? = nil) {
        self.source = source
        self.isReadOnly = isReadOnly
    }
}
