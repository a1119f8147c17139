import AzureKitCore
import Foundation

/// One block (or the whole body of a single-shot upload): bytes already in memory, or a region of a file that
/// is read only while its checksum is computed and while the transport sends it.
///
/// A file region is never held whole: its checksum is computed in ``HTTPBody/chunkSize`` pieces, and the body
/// streams from the file, so a retried attempt reads the region again. A file changed under the upload no longer
/// matches the checksum and the service refuses it (400 `Crc64Mismatch` / `Md5Mismatch`).
struct UploadBlock: Sendable {
    enum Content: Sendable {
        case bytes(Data)
        case file(ReadableFile, offset: Int64)
    }

    let content: Content
    let length: Int

    static func bytes(_ data: Data) -> UploadBlock { UploadBlock(content: .bytes(data), length: data.count) }

    static func file(_ file: ReadableFile, offset: Int64, length: Int) -> UploadBlock {
        UploadBlock(content: .file(file, offset: offset), length: length)
    }

    /// The memory the engine holds for the block while it is in flight: all of it for bytes, one chunk for a file
    /// region.
    var heldBytes: Int {
        switch content {
        case .bytes: return length
        case .file: return min(length, HTTPBody.chunkSize)
        }
    }

    /// The `checksum` header value for the block's bytes, or `nil` for ``TransferChecksum/none``.
    func checksumHeader(_ checksum: TransferChecksum) throws -> String? {
        guard checksum.headerName != nil else { return nil }
        switch content {
        case .bytes(let data):
            return checksum.headerValue(for: data)
        case .file(let file, let offset):
            var running = checksum.running()
            try file.forEachChunk(at: offset, count: length, chunkSize: HTTPBody.chunkSize) { running.update($0) }
            return running.headerValue
        }
    }

    /// The request body: replayable either way (a file region is read again on every attempt).
    func body() throws -> HTTPBody {
        switch content {
        case .bytes(let data): return .data(data)
        case .file(let file, let offset):
            return try .file(at: URL(fileURLWithPath: file.path), offset: offset, length: Int64(length))
        }
    }
}
