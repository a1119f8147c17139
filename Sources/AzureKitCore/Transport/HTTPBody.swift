import Foundation

/// A request body that knows whether it can be sent again.
///
/// Retries re-send the body, so the pipeline refuses to retry a body that cannot be replayed rather than
/// silently sending an empty or partial one.
///
/// ```swift
/// let body = HTTPBody.data(Data("hello".utf8))                       // replayable
/// let file = HTTPBody.replayable(length: size) { try Data(contentsOf: url) }
/// ```
public struct HTTPBody: Sendable {
    private enum Storage: Sendable {
        case data(Data)
        case factory(@Sendable () async throws -> Data)
        case oneShot(OneShot)
    }

    private final class OneShot: @unchecked Sendable {
        // Guarded by `lock`: a one-shot body may be read at most once.
        private let lock = NSLock()
        private var make: (@Sendable () async throws -> Data)?
        init(_ make: @escaping @Sendable () async throws -> Data) { self.make = make }
        func take() -> (@Sendable () async throws -> Data)? {
            lock.lock(); defer { lock.unlock() }
            let value = make
            make = nil
            return value
        }
    }

    private let storage: Storage
    /// The length in bytes when known before the body is produced.
    public let knownLength: Int?

    private init(_ storage: Storage, knownLength: Int?) {
        self.storage = storage
        self.knownLength = knownLength
    }

    /// No body.
    public static let empty = HTTPBody(.data(Data()), knownLength: 0)

    /// In-memory bytes: always replayable.
    public static func data(_ data: Data) -> HTTPBody { HTTPBody(.data(data), knownLength: data.count) }

    /// In-memory bytes: always replayable.
    public static func bytes(_ bytes: [UInt8]) -> HTTPBody { .data(Data(bytes)) }

    /// A body produced on demand by `make`, which may be called once per attempt.
    public static func replayable(length: Int?, _ make: @escaping @Sendable () async throws -> Data) -> HTTPBody {
        HTTPBody(.factory(make), knownLength: length)
    }

    /// A body that can be produced only once (for example a pipe); a request carrying it is never retried.
    public static func oneShot(length: Int?, _ make: @escaping @Sendable () async throws -> Data) -> HTTPBody {
        HTTPBody(.oneShot(OneShot(make)), knownLength: length)
    }

    /// Whether the body can be sent again on a retry.
    public var isReplayable: Bool {
        if case .oneShot = storage { return false }
        return true
    }

    /// Whether the body is known to be empty.
    public var isEmpty: Bool { knownLength == 0 }

    /// The body's bytes for one attempt.
    /// - Throws: ``AzureClientError`` when a one-shot body is read a second time, or the producer's error.
    public func collect() async throws -> Data {
        switch storage {
        case .data(let data): return data
        case .factory(let make): return try await make()
        case .oneShot(let once):
            guard let make = once.take() else { throw AzureClientError.bodyNotReplayable() }
            return try await make()
        }
    }
}

extension HTTPBody: CustomStringConvertible {
    /// The length and kind, never the bytes.
    public var description: String {
        let length = knownLength.map { "\($0) bytes" } ?? "unknown length"
        return isReplayable ? length : "\(length), one-shot"
    }
}
