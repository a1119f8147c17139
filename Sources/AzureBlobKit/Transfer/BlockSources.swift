import AzureKitCore
import Foundation

/// Blocks cut from bytes already in memory: slices that share the caller's storage, never copies.
struct DataBlockSource: BlockSource {
    let data: Data
    var offset: Int

    init(_ data: Data) {
        self.data = data
        self.offset = data.startIndex
    }

    mutating func nextBlock(size: Int) async throws -> UploadBlock? {
        guard offset < data.endIndex else { return nil }
        let end = min(offset + size, data.endIndex)
        defer { offset = end }
        return .bytes(data[offset..<end])
    }
}

/// Blocks that are regions of a file: nothing is read here; each block's bytes are read while its checksum is
/// computed and again as they are sent (see ``UploadBlock``).
struct FileBlockSource: BlockSource {
    let file: ReadableFile
    var offset: Int64 = 0

    mutating func nextBlock(size: Int) async throws -> UploadBlock? {
        guard offset < file.size else { return nil }
        let length = Int(min(Int64(size), file.size - offset))
        defer { offset += Int64(length) }
        return .file(file, offset: offset, length: length)
    }
}

/// Blocks assembled from an async sequence of byte chunks of any size; at most one block plus one chunk is
/// buffered. The sequence cannot be read twice, so each block stays in memory until the service accepted it.
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

    mutating func nextBlock(size: Int) async throws -> UploadBlock? {
        _ = try await fill(beyond: size - 1)
        guard !buffer.isEmpty else { return nil }
        let count = min(size, buffer.count)
        let block = Data(buffer.prefix(count))
        buffer = Data(buffer.dropFirst(count))
        return .bytes(block)
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

    /// Hands `count` bytes from `offset` to `body` in pieces of at most `chunkSize`, through one reused buffer.
    /// - Throws: ``AzureKitCore/AzureClientError`` (`.fileSystem`) when the file cannot be read or ends early.
    func forEachChunk(at offset: Int64, count: Int, chunkSize: Int, _ body: (UnsafeRawBufferPointer) throws -> Void)
        throws
    {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, min(count, chunkSize)), alignment: 16)
        defer { buffer.deallocate() }
        var done = 0
        while done < count {
            let piece = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<min(buffer.count, count - done)])
            let filled = try fill(piece, from: offset + Int64(done))
            guard filled == piece.count else {
                throw AzureClientError(
                    .fileSystem,
                    "'\(path)' ended at byte \(offset + Int64(done + filled)) while uploading it (was it truncated?)")
            }
            try body(UnsafeRawBufferPointer(piece))
            done += filled
        }
    }

    /// Fills `buffer` from `offset`; returns how many bytes were read (fewer only at the end of the file).
    private func fill(_ buffer: UnsafeMutableRawBufferPointer, from offset: Int64) throws -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var filled = 0
        while filled < buffer.count {
            let result = pread(descriptor, base + filled, buffer.count - filled, off_t(offset) + off_t(filled))
            if result < 0 {
                if errno == EINTR { continue }
                throw AzureClientError.fileSystem(path, "read at offset \(offset + Int64(filled))", errno: errno)
            }
            if result == 0 { break }
            filled += result
        }
        return filled
    }
}
