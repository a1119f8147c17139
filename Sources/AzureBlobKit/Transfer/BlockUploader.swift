import AzureKitCore
import Foundation
import Logging

/// Yields a blob's bytes one block at a time, in order.
protocol BlockSource {
    /// The next block of at most `size` bytes (exactly `size` unless it is the last), or `nil` at the end.
    mutating func nextBlock(size: Int) async throws -> UploadBlock?
}

/// Staged upload: bounded parallel Put Block, then Put Block List with the ids in byte order.
///
/// A block is taken from its source only when a slot is free. A block of a file is a region that is read while
/// its checksum is computed and again while it is sent, so the engine holds one chunk per block in flight, and a
/// retried attempt (500, 503, dropped connection) re-reads its region. A block of in-memory bytes or of a one-shot
/// sequence is held until the service accepted it, so at most `maxConcurrency` blocks are in memory. Nothing is
/// committed unless every block succeeded; uncommitted blocks expire on their own.
struct BlockUploader {
    let blob: BlobClient
    let options: BlobUploadOptions
    let transfer: BlobTransferOptions
    let logger: Logger

    /// Block ids: base64 of a 32-digit zero-padded index, so every id of a blob has the same length.
    static func blockID(_ index: Int) -> String {
        let digits = String(index)
        return Data((String(repeating: "0", count: max(0, 32 - digits.count)) + digits).utf8).base64EncodedString()
    }

    func upload(from source: inout some BlockSource) async throws -> BlobWriteResult {
        let monitor = options.monitor
        let blob = blob
        let transfer = transfer
        let logger = logger
        var ids: [String] = []
        var total: Int64 = 0
        var exhausted = false
        try await withBoundedTaskGroup(maxInFlight: transfer.maxConcurrency) {
            () -> (id: String, block: UploadBlock)? in
            guard !exhausted else { return nil }
            guard let block = try await source.nextBlock(size: transfer.blockSize), block.length > 0 else {
                exhausted = true
                return nil
            }
            guard ids.count < BlobTransferOptions.maxBlocks else {
                throw AzureClientError(
                    .tooManyBlocks,
                    "uploading '\(blob.blobName)' needs more than \(BlobTransferOptions.maxBlocks) blocks of \(transfer.blockSize) bytes; raise blockSize"
                )
            }
            monitor?.reserve(block.heldBytes)
            let id = Self.blockID(ids.count)
            ids.append(id)
            total += Int64(block.length)
            return (id, block)
        } run: { work in
            do {
                try await Self.putBlock(
                    blob: blob, id: work.id, block: work.block, checksum: transfer.checksum, logger: logger)
                monitor?.release(work.block.heldBytes, completing: work.block.length)
            } catch {
                monitor?.release(work.block.heldBytes, completing: 0)
                throw error
            }
        } handle: { _ in
        }
        return try await commit(ids: ids, total: total)
    }

    static func putBlock(blob: BlobClient, id: String, block: UploadBlock, checksum: TransferChecksum, logger: Logger)
        async throws
    {
        var headers: HTTPHeaders = ["Content-Type": "application/octet-stream"]
        if let name = checksum.headerName, let value = try block.checksumHeader(checksum) { headers[name] = value }
        _ = try await blob.send(
            .put, query: [("comp", "block"), ("blockid", id)], headers: headers, body: try block.body(),
            operation: "Blob_PutBlock", accepting: { $0 == 201 }, logger: logger)
    }
    func commit(ids: [String], total: Int64) async throws -> BlobWriteResult {
        let body = BlockListXML.body(blockIDs: ids)
        var headers: HTTPHeaders = ["Content-Type": "application/xml"]
        if let name = transfer.checksum.headerName, let value = transfer.checksum.headerValue(for: body) {
            headers[name] = value
        }
        options.applyBlobHeaders(to: &headers)
        let response = try await blob.send(
            .put, query: [("comp", "blocklist")], headers: headers, body: .data(body),
            operation: "Blob_PutBlockList", accepting: { $0 == 201 }, logger: logger)
        return BlobWriteResult(
            etag: response.headers["ETag"] ?? "",
            lastModified: response.headers["Last-Modified"].flatMap(HTTPDate.parse),
            blockCount: ids.count, length: total, versionID: response.headers["x-ms-version-id"])
    }
}

extension BlobUploadOptions {
    /// The blob-level headers shared by Put Blob and Put Block List.
    func applyBlobHeaders(to headers: inout HTTPHeaders) {
        if let contentType { headers["x-ms-blob-content-type"] = contentType }
        if let contentEncoding { headers["x-ms-blob-content-encoding"] = contentEncoding }
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) { headers["x-ms-meta-\(key)"] = value }
        if let accessTier { headers["x-ms-access-tier"] = accessTier.rawValue }
        conditions.apply(to: &headers)
    }
}
