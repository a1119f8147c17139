import AzureKitCore
import Logging

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// An inclusive byte range of a node file, sent as `ocp-range: bytes=start-end`.
public struct FileByteRange: Sendable, Hashable, CustomStringConvertible {
    public let start: Int64
    public let end: Int64

    /// - Precondition-free: an empty or reversed range is clamped to the single byte at `start`.
    public init(_ range: ClosedRange<Int64>) {
        start = max(0, range.lowerBound)
        end = max(start, range.upperBound)
    }

    /// The last `count` bytes of a file of `length` bytes, or `nil` when the file is empty (a range past the
    /// end is undocumented, so none is ever requested).
    public static func tail(_ count: Int64, ofLength length: Int64) -> FileByteRange? {
        guard length > 0, count > 0 else { return nil }
        return FileByteRange(max(0, length - count)...(length - 1))
    }

    public var headerValue: String { "bytes=\(start)-\(end)" }
    public var description: String { headerValue }
}

/// What the file headers say about a task or node file.
public struct NodeFileInfo: Sendable, Hashable {
    public var contentLength: Int64?
    public var contentType: String?
    public var creationTime: Date?
    public var lastModified: Date?
    public var isDirectory: Bool?
    /// Octal permission bits (Linux).
    public var fileMode: String?
    public var url: String?

    public init(
        contentLength: Int64? = nil, contentType: String? = nil, creationTime: Date? = nil,
        lastModified: Date? = nil, isDirectory: Bool? = nil, fileMode: String? = nil, url: String? = nil
    ) {
        self.contentLength = contentLength
        self.contentType = contentType
        self.creationTime = creationTime
        self.lastModified = lastModified
        self.isDirectory = isDirectory
        self.fileMode = fileMode
        self.url = url
    }

    init(headers: HTTPHeaders) {
        contentLength = headers["Content-Length"].flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
        contentType = headers["Content-Type"]
        creationTime = headers["ocp-creation-time"].flatMap(HTTPDate.parse)
        lastModified = headers["Last-Modified"].flatMap(HTTPDate.parse)
        isDirectory = headers["ocp-batch-file-isdirectory"].map { $0.lowercased() == "true" }
        fileMode = headers["ocp-batch-file-mode"]
        url = headers["ocp-batch-file-url"]
    }
}

/// A downloaded file (or range of one) and its headers.
public struct NodeFileContent: Sendable, Hashable {
    public var data: Data
    public var info: NodeFileInfo
    /// The text, decoding invalid UTF-8 with replacement characters (a tail may start mid-character).
    public var text: String { String(decoding: data, as: UTF8.self) }
}

extension BatchClient {
    /// Downloads a file from a task's directory (`stdout.txt`, `stderr.txt`, `wd/…`), whole or one range.
    ///
    /// Works while the node exists and within the task's retention time.
    public func taskFile(
        job jobID: String, task taskID: String, path: String, range: FileByteRange? = nil,
        conditions: BatchRequestConditions = .none, logger: Logger = .azureDisabled
    ) async throws -> NodeFileContent {
        try await downloadFile(
            ["jobs", jobID, "tasks", taskID, "files", path], range: range, conditions: conditions,
            operation: "Tasks_GetTaskFile", logger: logger)
    }

    /// A task file's size and times (HEAD).
    public func taskFileProperties(
        job jobID: String, task taskID: String, path: String,
        conditions: BatchRequestConditions = .none, logger: Logger = .azureDisabled
    ) async throws -> NodeFileInfo {
        let response = try await send(
            .head, ["jobs", jobID, "tasks", taskID, "files", path], conditions: conditions,
            operation: "Tasks_GetTaskFileProperties", logger: logger)
        return NodeFileInfo(headers: response.headers)
    }

    /// Lists the files in a task's directory.
    public func listTaskFiles(
        job jobID: String, task taskID: String, recursive: Bool = false,
        options: BatchListOptions = .init(), logger: Logger = .azureDisabled
    ) -> PagedSequence<NodeFile> {
        list(
            ["jobs", jobID, "tasks", taskID, "files"],
            query: options.query + [("recursive", recursive ? "true" : "false")],
            operation: "Tasks_ListTaskFiles", logger: logger)
    }

    /// Downloads a file from a compute node, whole or one range.
    public func nodeFile(
        pool poolID: String, node nodeID: String, path: String, range: FileByteRange? = nil,
        conditions: BatchRequestConditions = .none, logger: Logger = .azureDisabled
    ) async throws -> NodeFileContent {
        try await downloadFile(
            ["pools", poolID, "nodes", nodeID, "files", path], range: range, conditions: conditions,
            operation: "Nodes_GetNodeFile", logger: logger)
    }

    /// A node file's size and times (HEAD).
    public func nodeFileProperties(
        pool poolID: String, node nodeID: String, path: String,
        conditions: BatchRequestConditions = .none, logger: Logger = .azureDisabled
    ) async throws -> NodeFileInfo {
        let response = try await send(
            .head, ["pools", poolID, "nodes", nodeID, "files", path], conditions: conditions,
            operation: "Nodes_GetNodeFileProperties", logger: logger)
        return NodeFileInfo(headers: response.headers)
    }

    /// The last `maxBytes` of a task file: one HEAD for the size, then one ranged GET (nothing for an empty file).
    public func taskFileTail(
        job jobID: String, task taskID: String, path: String = "stderr.txt", maxBytes: Int64 = 8192,
        logger: Logger = .azureDisabled
    ) async throws -> NodeFileContent {
        try await operation("taskFileTail") {
            let info = try await taskFileProperties(job: jobID, task: taskID, path: path, logger: logger)
            guard let length = info.contentLength else {
                return try await taskFile(job: jobID, task: taskID, path: path, logger: logger)
            }
            guard let range = FileByteRange.tail(maxBytes, ofLength: length) else {
                return NodeFileContent(data: Data(), info: info)
            }
            return try await taskFile(job: jobID, task: taskID, path: path, range: range, logger: logger)
        }
    }

    private func downloadFile(
        _ segments: [String], range: FileByteRange?, conditions: BatchRequestConditions,
        operation: String, logger: Logger, function: String = #function
    ) async throws -> NodeFileContent {
        var headers: HTTPHeaders = ["Accept": "application/octet-stream"]
        if let range { headers["ocp-range"] = range.headerValue }
        let response = try await send(
            .get, segments, headers: headers, conditions: conditions, operation: operation,
            accepting: { $0 == 200 || $0 == 206 }, logger: logger, function: function)
        return NodeFileContent(data: response.body, info: NodeFileInfo(headers: response.headers))
    }
}
