/// A file (or blob container) downloaded to the node before the task runs. Give exactly one of
/// ``httpUrl``, ``storageContainerUrl`` or ``autoStorageContainerName``.
public struct ResourceFile: Codable, Hashable, Sendable {
    public var autoStorageContainerName: String?
    /// A blob container URL with a SAS that allows read and list, or one the identity can read.
    public var storageContainerUrl: String?
    /// One file's URL; needs ``filePath``.
    public var httpUrl: String?
    public var blobPrefix: String?
    /// Where to put it, relative to the task working directory.
    public var filePath: String?
    /// Octal permission bits on Linux, e.g. `0755`.
    public var fileMode: String?
    public var identityReference: IdentityReference?

    public init(
        autoStorageContainerName: String? = nil, storageContainerUrl: String? = nil, httpUrl: String? = nil,
        blobPrefix: String? = nil, filePath: String? = nil, fileMode: String? = nil,
        identityReference: IdentityReference? = nil
    ) {
        self.autoStorageContainerName = autoStorageContainerName
        self.storageContainerUrl = storageContainerUrl
        self.httpUrl = httpUrl
        self.blobPrefix = blobPrefix
        self.filePath = filePath
        self.fileMode = fileMode
        self.identityReference = identityReference
    }

    /// One file from a URL (which may carry a SAS).
    public static func http(_ url: String, to filePath: String, fileMode: String? = nil) -> ResourceFile {
        ResourceFile(httpUrl: url, filePath: filePath, fileMode: fileMode)
    }
}

/// An environment variable set for a task (`{name, value}`).
public struct EnvironmentSetting: Codable, Hashable, Sendable {
    public var name: String
    public var value: String?
    public init(name: String, value: String?) {
        self.name = name
        self.value = value
    }
}

/// A name/value pair attached to a pool or job (`metadata`), or returned in errors.
public struct MetadataItem: Codable, Hashable, Sendable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// An application package deployed to nodes.
public struct ApplicationPackageReference: Codable, Hashable, Sendable {
    public var applicationId: String
    public var version: String?
    public init(applicationId: String, version: String? = nil) {
        self.applicationId = applicationId
        self.version = version
    }
}
