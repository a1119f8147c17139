#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A file or directory in a task's or node's directory (List Task Files).
public struct NodeFile: Codable, Hashable, Sendable {
    /// Path relative to the task directory (`stdout.txt`, `wd/out.csv`).
    public var name: String?
    public var url: String?
    public var isDirectory: Bool?
    public var properties: FileProperties?
    public init(name: String?, url: String? = nil, isDirectory: Bool? = nil, properties: FileProperties? = nil) {
        self.name = name
        self.url = url
        self.isDirectory = isDirectory
        self.properties = properties
    }
}

/// A node file's size and times; `contentLength` arrives as a string.
public struct FileProperties: Codable, Hashable, Sendable {
    @BatchTimestamp public var creationTime: Date?
    @BatchTimestamp public var lastModified: Date?
    @Int64String public var contentLength: Int64?
    public var contentType: String?
    /// Octal permission bits (Linux).
    public var fileMode: String?
    public init(
        creationTime: Date? = nil, lastModified: Date? = nil, contentLength: Int64?, contentType: String? = nil,
        fileMode: String? = nil
    ) {
        self.creationTime = creationTime
        self.lastModified = lastModified
        self.contentLength = contentLength
        self.contentType = contentType
        self.fileMode = fileMode
    }
}
