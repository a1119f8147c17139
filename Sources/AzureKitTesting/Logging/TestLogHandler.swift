import Foundation
import Logging

/// A swift-log handler that keeps every message and its metadata in memory, for tests that check what the SDK
/// logs (and, above all, what it never logs).
///
/// ```swift
/// let (logger, log) = TestLogHandler.logger(level: .trace)
/// _ = try await client.execute(request, operation: "Blob_Get", logger: logger)
/// #expect(!log.text.contains(accountKey))
/// #expect(log.entries.contains { $0.metadata["az-attempt"] == "2" })
/// ```
public struct TestLogHandler: LogHandler {
    /// One logged message, with metadata (handler, logger and per-message, merged) as strings.
    public struct Entry: Sendable, CustomStringConvertible {
        public var level: Logger.Level
        public var message: String
        public var metadata: [String: String]
        public var source: String

        /// The message followed by every metadata pair, sorted: what a text log line would contain.
        public var description: String {
            ([message] + metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }).joined(separator: " ")
        }
    }

    /// The shared, thread-safe list of entries every copy of the handler appends to.
    public final class Store: @unchecked Sendable {
        // Guarded by `lock`.
        private let lock = NSLock()
        private var stored: [Entry] = []

        public init() {}

        public var entries: [Entry] { lock.withLock { stored } }

        /// Every entry's ``Entry/description``, one per line.
        public var text: String { entries.map(\.description).joined(separator: "\n") }

        /// Entries whose message is `message`.
        public func entries(withMessage message: String) -> [Entry] { entries.filter { $0.message == message } }

        public func removeAll() { lock.withLock { stored.removeAll() } }

        func append(_ entry: Entry) { lock.withLock { stored.append(entry) } }
    }

    public let store: Store
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?

    public init(store: Store, level: Logger.Level = .trace) {
        self.store = store
        self.logLevel = level
    }

    /// A logger writing to a new store.
    public static func logger(label: String = "test", level: Logger.Level = .trace) -> (Logger, Store) {
        let store = Store()
        var logger = Logger(label: label) { _ in TestLogHandler(store: store, level: level) }
        logger.logLevel = level
        return (logger, store)
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        store.append(
            Entry(
                level: event.level, message: event.message.description,
                metadata: merged.mapValues { $0.description }, source: event.source))
    }
}
