import AzureKitCore
import Foundation
import Logging

extension BlobClient {
    /// Uploads `data`: one Put Blob up to ``BlobTransferOptions/singleShotLimit``, else parallel Put Block
    /// requests and a Put Block List, each carrying the configured checksum.
    ///
    /// ```swift
    /// let result = try await blob.upload(Data("hello".utf8), options: .init(contentType: "text/plain"))
    /// print(result.etag)
    /// ```
    /// - Throws: ``AzureKitCore/AzureServiceError`` (409 `BlobAlreadyExists` with `.ifNotExists`, 412
    ///   `ConditionNotMet` with `.ifMatch`), ``AzureKitCore/AzureClientError`` for invalid options.
    @discardableResult
    public func upload(_ data: Data, options: BlobUploadOptions = .init(), logger: Logger = .azureDisabled) async throws
        -> BlobWriteResult
    {
        try await operation("upload") {
            let transfer = try (options.transfer ?? pipeline.options.transfer).validated()
            if data.count <= transfer.singleShotLimit {
                return try await putBlob(.bytes(data), options: options, transfer: transfer, logger: logger)
            }
            var source = DataBlockSource(data)
            return try await BlockUploader(blob: self, options: options, transfer: transfer, logger: logger).upload(
                from: &source)
        }
    }

    /// Uploads a local file, streamed from disk: each block is a region of the file that is read for its checksum
    /// and again as it is sent (and once more if an attempt is retried), so memory stays at about one
    /// ``AzureKitCore/HTTPBody/chunkSize`` per block in flight, whatever the block size.
    ///
    /// ```swift
    /// try await output.upload(file: "out/2007.parquet",
    ///                         options: .init(contentType: "application/vnd.apache.parquet", conditions: .ifNotExists))
    /// ```
    @discardableResult
    public func upload(file path: String, options: BlobUploadOptions = .init(), logger: Logger = .azureDisabled)
        async throws -> BlobWriteResult
    {
        try await operation("upload") {
            let transfer = try (options.transfer ?? pipeline.options.transfer).validated()
            let file = try ReadableFile(path: path)
            if file.size <= Int64(transfer.singleShotLimit) {
                return try await putBlob(
                    .file(file, offset: 0, length: Int(file.size)), options: options, transfer: transfer, logger: logger
                )
            }
            var source = FileBlockSource(file: file)
            return try await BlockUploader(blob: self, options: options, transfer: transfer, logger: logger).upload(
                from: &source)
        }
    }

    /// Uploads the bytes of an async sequence of chunks (any chunk sizes), e.g. an encoder's output.
    ///
    /// Chunks are buffered up to ``BlobTransferOptions/singleShotLimit``: a sequence that ends by then becomes one
    /// Put Blob, a longer one is staged in blocks. The sequence is read once and never replayed: blocks are kept
    /// in memory until the service accepted them.
    @discardableResult
    public func upload<Chunks: AsyncSequence>(
        chunks: Chunks, options: BlobUploadOptions = .init(), logger: Logger = .azureDisabled
    ) async throws -> BlobWriteResult where Chunks.Element == Data {
        try await operation("upload") {
            let transfer = try (options.transfer ?? pipeline.options.transfer).validated()
            var source = ChunkBlockSource(iterator: chunks.makeAsyncIterator())
            if try await source.fill(beyond: transfer.singleShotLimit) {
                return try await putBlob(.bytes(source.buffer), options: options, transfer: transfer, logger: logger)
            }
            return try await BlockUploader(blob: self, options: options, transfer: transfer, logger: logger).upload(
                from: &source)
        }
    }

    /// Put Blob: the whole body in one request.
    func putBlob(_ block: UploadBlock, options: BlobUploadOptions, transfer: BlobTransferOptions, logger: Logger)
        async throws -> BlobWriteResult
    {
        var headers: HTTPHeaders = [
            "x-ms-blob-type": BlobType.blockBlob.rawValue, "Content-Type": "application/octet-stream",
        ]
        options.monitor?.reserve(block.heldBytes)
        var completed = 0
        defer { options.monitor?.release(block.heldBytes, completing: completed) }
        if let name = transfer.checksum.headerName, let value = try block.checksumHeader(transfer.checksum) {
            headers[name] = value
        }
        options.applyBlobHeaders(to: &headers)
        let response = try await send(
            .put, headers: headers, body: try block.body(), operation: "Blob_Upload",
            accepting: { $0 == 201 }, logger: logger)
        completed = block.length
        return BlobWriteResult(
            etag: response.headers["ETag"] ?? "",
            lastModified: response.headers["Last-Modified"].flatMap(HTTPDate.parse),
            blockCount: 1, length: Int64(block.length), versionID: response.headers["x-ms-version-id"])
    }
}
