import AzureKitCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The bookkeeping of a bulk submission, free of I/O so every path can be tested directly: which tasks wait,
/// how they are packed into chunks, and what each answer means for them.
///
/// Rules (after azure-batch's `_TaskWorkflowManager`): chunks of at most `maxTasksPerRequest` tasks and under
/// `maxRequestBytes`; `RequestBodyTooLarge` halves the chunk limit and requeues the chunk; a per-task
/// `servererror` (or a task missing from the answer) is requeued up to `maxResubmissions` times; `TaskExists`
/// for a task already sent once counts as added; any other client error is final.
struct AddTasksPlanner {
    struct Chunk: Sendable {
        var indices: [Int]
        var body: Data
    }

    let ids: [String]
    let bodies: [Data]
    let options: AddTasksOptions
    private(set) var queue: [Int]
    private var queueHead = 0
    private(set) var chunkLimit: Int
    private var sends: [Int]
    private(set) var added: [Int] = []
    private(set) var failures: [TaskAddFailure] = []
    private(set) var resubmissions = 0
    private(set) var stopped = false

    /// Envelope `{"value":[` + `]}`.
    static let envelopeBytes = 12

    init(ids: [String], bodies: [Data], options: AddTasksOptions) {
        self.ids = ids
        self.bodies = bodies
        self.options = options
        self.queue = Array(ids.indices)
        self.chunkLimit = options.maxTasksPerRequest
        self.sends = Array(repeating: 0, count: ids.count)
    }

    var hasQueued: Bool { queueHead < queue.count }
    var settledCount: Int { added.count + failures.count }

    /// The next chunk to send, or `nil` when nothing waits (or the run stopped).
    mutating func nextChunk() -> Chunk? {
        guard !stopped else { return nil }
        var indices: [Int] = []
        var size = Self.envelopeBytes
        while queueHead < queue.count, indices.count < chunkLimit {
            let index = queue[queueHead]
            let taskSize = bodies[index].count + (indices.isEmpty ? 0 : 1)
            if size + taskSize > options.maxRequestBytes {
                if indices.isEmpty {
                    // This task alone is over the limit: the service would reject any request carrying it.
                    queueHead += 1
                    failures.append(
                        TaskAddFailure(
                            taskID: ids[index], status: .clientError, code: .requestBodyTooLarge,
                            message:
                                "the task's JSON is \(bodies[index].count) bytes, over the \(options.maxRequestBytes)-byte request limit"
                        ))
                    continue
                }
                break
            }
            indices.append(index)
            size += taskSize
            queueHead += 1
        }
        compactQueue()
        guard !indices.isEmpty else { return nil }
        var body = Data("{\"value\":[".utf8)
        body.reserveCapacity(size)
        for (position, index) in indices.enumerated() {
            if position > 0 { body.append(UInt8(ascii: ",")) }
            body.append(bodies[index])
            sends[index] += 1
        }
        body.append(contentsOf: Array("]}".utf8))
        return Chunk(indices: indices, body: body)
    }

    /// Applies the service's per-task answers for `chunk`. `retriedOnTheWire` is true when the pipeline sent the
    /// request more than once, so the first attempt may already have added some tasks.
    mutating func handle(results: [TaskAddResult], for chunk: Chunk, retriedOnTheWire: Bool) {
        var byID: [String: TaskAddResult] = [:]
        for result in results { byID[result.taskId.lowercased()] = result }
        for index in chunk.indices {
            guard let result = byID[ids[index].lowercased()] else {
                requeueOrFail(index, code: nil, message: "the service returned no result for this task")
                continue
            }
            switch result.status {
            case .success:
                added.append(index)
            case .serverError:
                requeueOrFail(
                    index, code: result.error?.errorCode, message: result.error?.summary ?? "server error",
                    details: Self.details(result.error))
            default:
                if result.error?.errorCode == .taskExists, sends[index] > 1 || retriedOnTheWire {
                    added.append(index)
                } else {
                    failures.append(
                        TaskAddFailure(
                            taskID: ids[index], status: result.status, code: result.error?.errorCode,
                            message: result.error?.summary ?? "rejected",
                            details: Self.details(result.error)))
                }
            }
        }
    }

    /// The whole chunk was over the size limit: halve the limit and send its tasks again in smaller chunks.
    mutating func handleTooLarge(_ chunk: Chunk, error: AzureServiceError) {
        if chunk.indices.count == 1, let index = chunk.indices.first {
            failures.append(
                TaskAddFailure(taskID: ids[index], status: .clientError, code: error.code, message: error.message))
            return
        }
        chunkLimit = max(1, min(chunkLimit, chunk.indices.count) / 2)
        for index in chunk.indices { sends[index] -= 1 }
        queue.insert(contentsOf: chunk.indices, at: queueHead)
    }

    /// The request failed in a way that says nothing good about the rest (e.g. `JobNotFound`, retries exhausted):
    /// stop handing out chunks and mark this chunk's tasks and every waiting task as failed.
    mutating func stop(_ chunk: Chunk, error: any Error) {
        stopped = true
        let service = error as? AzureServiceError
        let message =
            service.map { $0.message.split(separator: "\n").first.map(String.init) ?? $0.message }
            ?? String(describing: error)
        for index in chunk.indices + queue[queueHead...] {
            failures.append(
                TaskAddFailure(
                    taskID: ids[index], status: nil, code: service?.code, message: message,
                    details: service?.details ?? [:]))
        }
        queueHead = queue.count
    }

    private mutating func requeueOrFail(
        _ index: Int, code: ServiceErrorCode?, message: String, details: [String: String] = [:]
    ) {
        if sends[index] <= options.maxResubmissions {
            queue.append(index)
            resubmissions += 1
        } else {
            failures.append(
                TaskAddFailure(
                    taskID: ids[index], status: .serverError, code: code,
                    message: "\(message) (after \(sends[index]) submissions)", details: details))
        }
    }

    private mutating func compactQueue() {
        if queueHead > 4096, queueHead * 2 > queue.count {
            queue.removeFirst(queueHead)
            queueHead = 0
        }
    }

    private static func details(_ error: BatchErrorBody?) -> [String: String] {
        var details: [String: String] = [:]
        for value in error?.values ?? [] { if let key = value.key { details[key] = value.value ?? "" } }
        return details
    }
}
