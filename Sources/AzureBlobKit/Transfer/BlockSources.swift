import AzureKitCore
import Foundation

/// Blocks cut from bytes already in memory (copied, so each block's body is independent of the caller's data).
struct DataBlockSource: BlockSource {
    let data: Data
    var offset: Int

    init(_ data: Data) {
        self.data = data
        self.offset = data.startIndex
    }

    mutating func nextBlock(size: Int) async throws -> Data? {
        guard offset < data.endIndex else { return nil }
        let end = min(offset + size, data.endIndex)
        defer { offset = end }
        return Data(data[offset..<end])
    }
}

/// Blocks read from a file in order, only when the uploader asks for them.
struct FileBlockSource: BlockSource {
    let file: ReadableFile
    var offset: Int64 = 0

    mutating func nextBlock(size: Int) async throws -> Data? {
        let data = try file.read(at: offset, count: size)
        guard !data.isEmpty else { return nil }
        offset += Int64(data.count)
        return data
    }
}

/// Blocks assembled from an async sequence of byte chunks of any size; at most one block plus one chunk is
/// buffered.
struct ChunkBlockSource<Base: AsyncIteratorProtocol>: BlockSource where Base.Element == Data {
    var iterator: Base
    var buffer: Data
    var finished = false

    init(iterator: Base, buffered: Data = Data()) {
        self.iterator = iterator
        self.buffer = buffered
    }

    /// Reads until more than `limit` bytes are buffered or the sequence ends; `true` when it ended.
    mutating func fill(beyond limit: Int) async throws -> Bool {
        while !finished, buffer.count <= limit {
            guard let chunk = try await iterator.next() else {
                finished = true
                break
            }
            buffer.append(chunk)
        }
        return finished && buffer.count <= limit
    }

    mutating func nextBlock(size: Int) async throws -> Data? {
        _ = try await fill(beyond: size - 1)
        guard !buffer.isEmpty else { return nil }
        let count = min(size, buffer.count)
        let block = Data(buffer.prefix(count))
        buffer = Data(buffer.dropFirst(count))
        return block
    }
}

/// A file opened for positional reads; closed when the last reference goes away.
final class ReadableFile: @unchecked Sendable {
    // The descriptor is only used with pread, which does not move a shared offset, so concurrent reads are safe.
    let descriptor: Int32
    let path: String
    let size: Int64

    init(path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw AzureClientError.fileSystem(path, "open for reading", errno: errno) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let code = errno
            close(descriptor)
            throw AzureClientError.fileSystem(path, "stat", errno: code)
        }
        self.descriptor = descriptor
        self.path = path
        self.size = Int64(info.st_size)
    }

    deinit { close(descriptor) }

    /// Up to `count` bytes at `offset` (fewer only at the end of the file).
    func read(at offset: Int64, count: Int) throws -> Data {
        var data = Data(count: count)
        var filled = 0
        try data.withUnsafeMutableBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            while filled < count {
                let result = pread(descriptor, base + filled, count - filled, off_t(offset) + off_t(filled))
                if result < 0 {
                    if errno == EINTR { continue }
                    throw AzureClientError.fileSystem(path, "read at offset \(offset + Int64(filled))", errno: errno)
                }
                if result == 0 { break }
                filled += result
            }
        }
        if filled < count { data.removeSubrange(filled..<count) }
        return data
    }
}
