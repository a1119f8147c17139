import AzureKitCore
import Foundation
import Logging

extension BlobClient {
    /// Downloads the blob (or a range of it) into memory with parallel ranged GETs, each verified.
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
            var data = Data(count: Int(plan.total))
            data.replaceSubrange(0..<plan.first.count, with: plan.first)
            try await fetchRanges(plan, downloader: downloader, monitor: options.monitor) { offset, chunk in
                let start = Int(offset - plan.start)
                data.replaceSubrange(start..<start + chunk.count, with: chunk)
            }
            return data
        }
    }

    /// Downloads the blob to `path` atomically: bytes go to a temporary file in the same folder, which is
    /// synced and renamed to `path` only after every range arrived and checked out. On failure the temporary
    /// file is removed and `path` is untouched.
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
            try await fetchRanges(
                plan, downloader: downloader, monitor: options.monitor,
                writesInTask: { offset, chunk in
                    try file.write(chunk, at: offset - plan.start)
                }, deliver: { _, _ in })
            try file.commit()
            return plan.properties
        } catch {
            file.discard()
            throw error
        }
    }

    /// Runs the plan's remaining ranges with at most `maxConcurrency` in flight; `writesInTask` runs in the
    /// range's task (file writes), `deliver` in the caller's (in-memory assembly). Each range's bytes stay
    /// reserved in `monitor` until written.
    func fetchRanges(
        _ plan: RangeDownloader.Plan, downloader: RangeDownloader, monitor: TransferMonitor?,
        writesInTask: (@Sendable (Int64, Data) throws -> Void)? = nil, deliver: (Int64, Data) throws -> Void
    ) async throws {
        let limit = downloader.transfer.maxConcurrency
        let etag = plan.properties.etag
        var next = 0
        try await withBoundedTaskGroup(maxInFlight: limit) { () -> (offset: Int64, length: Int)? in
            guard next < plan.ranges.count else { return nil }
            let range = plan.ranges[next]
            next += 1
            monitor?.reserve(range.length)
            return range
        } run: { range in
            do {
                let chunk = try await downloader.fetchRange(offset: range.offset, length: range.length, etag: etag)
                if let writesInTask {
                    try writesInTask(range.offset, chunk)
                    monitor?.release(range.length)
                    return (range.offset, Data())
                }
                return (range.offset, chunk)
            } catch {
                monitor?.release(range.length, completed: false)
                throw error
            }
        } handle: { fetched in
            let (offset, chunk) = fetched
            if writesInTask == nil {
                try deliver(offset, chunk)
                monitor?.release(chunk.count)
            }
        }
    }
}
