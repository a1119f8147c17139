/// Progress of a job's tasks as an `AsyncSequence`: from ``BatchClient/taskProgress(job:options:logger:)``
/// (one Get Task Counts request per poll) or from ``LocalBatchRunner/progress``.
///
/// Yields when the counts change and finishes after yielding the snapshot where every task has completed.
/// Breaking out of the loop stops polling; no background task outlives it.
///
/// ```swift
/// for try await progress in batch.taskProgress(job: "job-1") { print(progress) }
/// ```
public struct TaskProgressSequence: AsyncSequence, Sendable {
    public typealias Element = TaskProgress

    enum Source: Sendable {
        case polling(fetch: @Sendable () async throws -> TaskProgress, options: TaskProgressOptions)
        case stream(AsyncThrowingStream<TaskProgress, any Error>)
    }

    let source: Source

    /// Progress from polling `fetch`.
    public init(options: TaskProgressOptions = .init(), fetch: @escaping @Sendable () async throws -> TaskProgress) {
        source = .polling(fetch: fetch, options: options)
    }

    /// Progress pushed by a local producer.
    public init(stream: AsyncThrowingStream<TaskProgress, any Error>) { source = .stream(stream) }

    public struct AsyncIterator: AsyncIteratorProtocol {
        var source: Source
        var streamIterator: AsyncThrowingStream<TaskProgress, any Error>.AsyncIterator?
        var last: TaskProgress?
        var finished = false

        public mutating func next() async throws -> TaskProgress? {
            guard !finished else { return nil }
            switch source {
            case .stream:
                let value = try await streamIterator?.next()
                if value == nil || value?.isComplete == true { finished = true }
                return value
            case .polling(let fetch, let options):
                while true {
                    try Task.checkCancellation()
                    if last != nil { try await options.clock.sleep(options.nextDelay()) }
                    let progress = try await fetch()
                    defer { last = progress }
                    if progress.isComplete {
                        finished = true
                        return progress
                    }
                    if options.yieldsUnchanged || progress != last { return progress }
                }
            }
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        switch source {
        case .stream(let stream): return AsyncIterator(source: source, streamIterator: stream.makeAsyncIterator())
        case .polling: return AsyncIterator(source: source)
        }
    }
}
