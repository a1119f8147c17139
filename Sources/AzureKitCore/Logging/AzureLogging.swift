import Foundation
import Logging

/// The SDK's process-wide logging switch: off unless `AZURE_LOG_LEVEL` is set or ``level`` is assigned.
///
/// Which logger an operation uses, first match wins: the `logger:` argument of the call (when it is not the
/// default ``Logging/Logger/azureDisabled``), ``ServiceClientOptions/logger``, then ``logger`` here. Lines go to
/// whatever handler the application bootstrapped with `LoggingSystem.bootstrap` (swift-log's default writes to
/// standard error).
///
/// ```swift
/// LoggingSystem.bootstrap(StreamLogHandler.standardError)
/// AzureLogging.level = .info           // one line per HTTP attempt, retries, tokens, SAS, job steps
/// ```
public enum AzureLogging {
    /// The label of the SDK's default logger.
    public static let label = "azure"

    private static let state = Locked(State())

    private struct State {
        var resolved = false
        var level: AzureLogLevel?
        var logger = Logger.azureDisabled
    }

    /// The level of the default logger; `nil` is off. Starts as `AZURE_LOG_LEVEL` (an unknown value is reported
    /// once on standard error and leaves logging off, as the other Azure SDKs do).
    public static var level: AzureLogLevel? {
        get { state.withLock { resolve(&$0).level } }
        set { state.withLock { set(newValue, in: &$0) } }
    }

    /// The logger clients use when neither the call nor the client names one.
    public static var logger: Logger { state.withLock { resolve(&$0).logger } }

    /// The logger for one operation: the call's own unless it is the default `.azureDisabled`, then the client's,
    /// then the process-wide one.
    public static func logger(for callLogger: Logger, client: Logger?) -> Logger {
        if !callLogger.isAzureDisabled { return callLogger }
        return client ?? logger
    }

    private static func resolve(_ state: inout State) -> State {
        if !state.resolved {
            state.resolved = true
            do {
                set(try AzureLogLevel.fromEnvironment(), in: &state)
            } catch {
                FileHandle.standardError.write(Data("azure: \(error); SDK logging stays off\n".utf8))
            }
        }
        return state
    }

    private static func set(_ level: AzureLogLevel?, in state: inout State) {
        state.resolved = true
        state.level = level
        guard let level else {
            state.logger = .azureDisabled
            return
        }
        var logger = Logger(label: label)
        logger.logLevel = level.loggerLevel
        state.logger = logger
    }
}

/// A value behind a lock, for the little state the SDK shares between tasks (process-wide settings, counters).
///
/// ```swift
/// let seen = Locked(0)
/// seen.withLock { $0 += 1 }
/// ```
public final class Locked<Value>: @unchecked Sendable {
    // Guarded by `lock`.
    private var value: Value
    private let lock = NSLock()

    public init(_ value: Value) { self.value = value }

    public func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
