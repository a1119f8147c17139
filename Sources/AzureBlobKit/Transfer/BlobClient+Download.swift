import AzureKitCore
import Foundation
import Logging

extension BlobClient {
    /// Downloads the blob (or a range of it) into memory with parallel ranged GETs, each verified.
    ///
    /// The result is allocated once at its final size and each range is streamed into its place as it arrives,
    /// so nothing is held twice.
    ///
    /// ```swift
    /// let bytes = try await blob.downloadData()
    /// let header = try await blob.downloadData(options: .init(offset: 0, length: 1024))
    /// ```
    /// - Throws: ``AzureKitCore/AzureServiceError`` (404 `BlobNotFound`; 412 `ConditionNotMet` when the blob
    ///   changed during the download), ``AzureKitCore/AzureClientError`` when a range stays wrong after re-fetching.
    public func downloadData(options: BlobDownloadOptions = .init(), logger: Logger = .azureDisabled) async throws
        -> Data
    {
        try await operation("downloadData") {
            let downloader = try RangeDownloader(blob: self, options: options, logger: logger)
            let plan = try await downloader.begin()
            guard !plan.ranges.isEmpty else { return plan.first }
            let buffer = DownloadBuffer(count: Int(plan.total))
            try buffer.write(plan.first, at: 0)
            try await fetchRanges(plan, downloader: downloader, monitor: options.monitor, into: buffer)
            return buffer.take()
        }
    }

    /// Downloads the blob to `path` atomically: bytes go to a temporary file in the same folder, which is
    /// synced and renamed to `path` only after every range arrived and checked out. On failure the temporary
    /// file is removed and `path` is untouched.
    ///
    /// Each range is written to the file as its bytes arrive (and checked as they pass), so memory stays at about
    /// one ``AzureKitCore/HTTPBody/chunkSize`` per range in flight, whatever the range size.
    ///
    /// ```swift
    /// let properties = try await input.download(toFile: "/mnt/data/2007.csv.bz2")
    /// ```
    /// - Returns: the blob's properties (ETag, length, content type, metadata) as of the download.
    @discardableResult
    public func download(toFile path: String, options: BlobDownloadOptions = .init(), logger: Logger = .azureDisabled)
        async throws -> BlobProperties
    {
        try await operation("download") { try await downloadTraced(toFile: path, options: options, logger: logger) }
    }

    private func downloadTraced(toFile path: String, options: BlobDownloadOptions, logger: Logger) async throws
        -> BlobProperties
    {
        let downloader = try RangeDownloader(blob: self, options: options, logger: logger)
        let file = try AtomicFile(path: path)
        do {
            let plan = try await downloader.begin()
            try file.write(plan.first, at: 0)
            try await fetchRanges(plan, downloader: downloader, monitor: options.monitor, into: file)
            try file.commit()
            return plan.properties
        } catch {
            file.discard()
            throw error
        }
    }

    /// Streams the plan's remaining ranges into `destination`, at most `maxConcurrency` at once. Each range holds
    /// one chunk's worth of memory in `monitor` while in flight.
    func fetchRanges(
        _ plan: RangeDownloader.Plan, downloader: RangeDownloader, monitor: TransferMonitor?,
        into destination: some DownloadDestination
    ) async throws {
        let etag = plan.properties.etag
        var next = 0
        try await withBoundedTaskGroup(maxInFlight: downloader.transfer.maxConcurrency) {
            () -> (offset: Int64, length: Int)? in
            guard next < plan.ranges.count else { return nil }
            let range = plan.ranges[next]
            next += 1
            monitor?.reserve(min(range.length, HTTPBody.chunkSize))
            return range
        } run: { range in
            let held = min(range.length, HTTPBody.chunkSize)
            do {
                let base = range.offset - plan.start
                try await downloader.fetchRange(offset: range.offset, length: range.length, etag: etag) {
                    chunk, position in
                    try destination.write(chunk, at: base + Int64(position))
                }
                monitor?.release(held, completing: range.length)
            } catch {
                monitor?.release(held, completing: 0)
                throw error
            }
        } handle: { _ in
        }
    }
}
