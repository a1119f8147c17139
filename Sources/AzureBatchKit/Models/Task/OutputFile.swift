/// Files uploaded to Blob storage after a task runs.
public struct OutputFile: Codable, Hashable, Sendable {
    /// Relative to the task working directory: `../stdout.txt`, `out/**/*.parquet`.
    public var filePattern: String
    public var destination: OutputFileDestination
    public var uploadOptions: OutputFileUploadOptions

    public init(
        filePattern: String, destination: OutputFileDestination,
        uploadOptions: OutputFileUploadOptions = .init(uploadCondition: .taskCompletion)
    ) {
        self.filePattern = filePattern
        self.destination = destination
        self.uploadOptions = uploadOptions
    }

    /// Uploads files matching `pattern` into the blob container at `containerURL` (with a write SAS, or
    /// readable by `identity`) under `path`.
    public static func blob(
        _ pattern: String, containerURL: String, path: String? = nil,
        identity: IdentityReference? = nil,
        when condition: OutputFileUploadCondition = .taskCompletion
    ) -> OutputFile {
        OutputFile(
            filePattern: pattern,
            destination: .init(container: .init(containerUrl: containerURL, path: path, identityReference: identity)),
            uploadOptions: .init(uploadCondition: condition))
    }
}

public struct OutputFileDestination: Codable, Hashable, Sendable {
    public var container: OutputFileBlobContainerDestination?
    public init(container: OutputFileBlobContainerDestination?) { self.container = container }
}

public struct OutputFileBlobContainerDestination: Codable, Hashable, Sendable {
    public var containerUrl: String
    /// Blob name for one file, or virtual directory for a pattern.
    public var path: String?
    public var identityReference: IdentityReference?
    public var uploadHeaders: [OutputFileUploadHeader]?

    public init(
        containerUrl: String, path: String? = nil, identityReference: IdentityReference? = nil,
        uploadHeaders: [OutputFileUploadHeader]? = nil
    ) {
        self.containerUrl = containerUrl
        self.path = path
        self.identityReference = identityReference
        self.uploadHeaders = uploadHeaders
    }
}

public struct OutputFileUploadHeader: Codable, Hashable, Sendable {
    public var name: String
    public var value: String?
    public init(name: String, value: String?) {
        self.name = name
        self.value = value
    }
}

public struct OutputFileUploadOptions: Codable, Hashable, Sendable {
    public var uploadCondition: OutputFileUploadCondition
    public init(uploadCondition: OutputFileUploadCondition) { self.uploadCondition = uploadCondition }
}
