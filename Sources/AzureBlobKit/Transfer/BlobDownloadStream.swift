import AzureKitCore
import Foundation
import Logging

extension BlobClient {
    /// The blob's bytes as an async sequence of chunks, in order, for consumers that decode as they read.
    ///
    /// Up to `maxConcurrency` ranges are fetched ahead in parallel; a range is requested only when fewer than
    /// that many are in flight or waiting, so memory stays at `maxConcurrency × range size` however slow the
    /// consumer is. Every range is verified and pinned to the first range's ETag. Nothing is requested until
    /// the first `next()`; leaving the loop early cancels the prefetches.
    ///
    /// ```swift
    /// for try await chunk in input.downloadStream() {
    ///     try decoder.feed(chunk)          // e.g. a bzip2 decoder feeding the CSV kernel
    /// }
    /// ```
    public func downloadStream(options: BlobDownloadOptions = .init(), logger: Logger = .azureDisabled)
        -> BlobDownloadStream
    {
        BlobDownloadStream(blob: self, options: options, logger: logger)
    }
}

/// An ordered, prefetching stream of a blob's bytes; see ``BlobClient/downloadStream(options:logger:)``.
public struct BlobDownloadStream: AsyncSequence, Sendable {
    public typealias Element = Data
    let blob: BlobClient
    let options: BlobDownloadOptions
    let logger: Logger

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(state: Prefetcher(blob: blob, options: options, logger: logger))
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let state: Prefetcher

        public mutating func next() async throws -> Data? { try await state.next() }
    }

    /// The iterator's state: the plan and the in-flight range tasks. Owned by one iterator, never shared.
    final class Prefetcher {
        let blob: BlobClient
        let options: BlobDownloadOptions
        let logger: Logger
        var plan: RangeDownloader.Plan?
        var downloader: RangeDownloader?
        var pending: [Int: Task<Data, any Error>] = [:]
        var nextIndex = 0
        var launched = 0
        var finished = false

        init(blob: BlobClient, options: BlobDownloadOptions, logger: Logger) {
            self.blob = blob
            self.options = options
            self.logger = logger
        }

        deinit { for task in pending.values { task.cancel() } }

        func next() async throws -> Data? {
            guard !finished else { return nil }
            do {
                guard let plan, let downloader else { return try await start() }
                guard nextIndex < plan.ranges.count else {
                    finished = true
                    return nil
                }
                launch(plan: plan, downloader: downloader)
                guard let task = pending.removeValue(forKey: nextIndex) else {
                    finished = true
                    return nil
                }
                let length = plan.ranges[nextIndex].length
                nextIndex += 1
                let chunk = try await withTaskCancellationHandler {
                    try await task.value
                } onCancel: {
                    task.cancel()
                }
                options.monitor?.release(length)
                launch(plan: plan, downloader: downloader)
                return chunk
            } catch {
                finished = true
                for task in pending.values { task.cancel() }
                pending.removeAll()
                throw error
            }
        }

        private func start() async throws -> Data? {
            let downloader = try RangeDownloader(blob: blob, options: options, logger: logger)
            let plan = try await downloader.begin()
            self.downloader = downloader
            self.plan = plan
            launch(plan: plan, downloader: downloader)
            if plan.first.isEmpty {
                return try await next()
            }
            return plan.first
        }

        /// Starts ranges until `maxConcurrency` are in flight or waiting for the consumer.
        private func launch(plan: RangeDownloader.Plan, downloader: RangeDownloader) {
            let etag = plan.properties.etag
            let monitor = options.monitor
            while pending.count < downloader.transfer.maxConcurrency, launched < plan.ranges.count {
                let range = plan.ranges[launched]
                monitor?.reserve(range.length)
                pending[launched] = Task {
                    do {
                        // The consumer takes ranges in order, so a range fetched ahead is held whole until then.
                        var bytes = Data()
                        bytes.reserveCapacity(range.length)
                        try await downloader.fetchRange(offset: range.offset, length: range.length, etag: etag) {
                            chunk, position in
                            if position == 0 { bytes.removeAll(keepingCapacity: true) }
                            bytes.append(chunk)
                        }
                        return bytes
                    } catch {
                        monitor?.release(range.length, completed: false)
                        throw error
                    }
                }
                launched += 1
            }
        }
    }
}
