import AzureKitCore
import Foundation

/// Counts HTTP attempts of the operations run inside ``AttemptCounter/counting(_:)``, so the bulk path can tell a
/// request the pipeline retried (and which the service may already have applied) from one sent once.
final class AttemptCounter: @unchecked Sendable {
    @TaskLocal static var current: AttemptCounter?

    // Guarded by `lock`.
    private let lock = NSLock()
    private var attempts = 0

    var count: Int { lock.withLock { attempts } }

    func increment() { lock.withLock { attempts += 1 } }

    /// Runs `body` with a fresh counter and returns its result and the attempts it made.
    static func counting<T: Sendable>(_ body: () async throws -> T) async throws -> (value: T, attempts: Int) {
        let counter = AttemptCounter()
        let value = try await $current.withValue(counter) { try await body() }
        return (value, counter.count)
    }
}

/// A per-attempt policy that feeds ``AttemptCounter``; a no-op outside a counting scope.
struct AttemptCountingPolicy: HTTPPolicy {
    func send(_ request: HTTPRequest, context: PipelineContext, next: PipelineNext) async throws -> HTTPResponse {
        AttemptCounter.current?.increment()
        return try await next(request, context)
    }
}
