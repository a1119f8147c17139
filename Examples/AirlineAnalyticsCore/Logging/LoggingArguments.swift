import ArgumentParser
import AzureKitCore
import Logging

/// `--verbose` and `--log-level`, shared by the examples: they set the SDK's level (``AzureKitCore/AzureLogging``)
/// over `AZURE_LOG_LEVEL` and send every log line to standard error.
///
/// ```
/// SubmitYears --verbose                 # every HTTP attempt with its allow-listed headers
/// SubmitYears --log-level info          # one line per HTTP attempt, retries, tokens, SAS, job steps
/// AZURE_LOG_LEVEL=warning SubmitYears
/// ```
public struct LoggingArguments: ParsableArguments {
    @Flag(
        help: "Log every Azure request with its allow-listed headers to standard error (same as --log-level verbose).")
    public var verbose = false

    @Option(
        help:
            "Azure SDK log level on standard error: error, warning, info, verbose (default: AZURE_LOG_LEVEL, else off)."
    )
    public var logLevel: String?

    public init() {}

    public func validate() throws {
        if let logLevel {
            do { _ = try AzureLogLevel(parsing: logLevel) } catch { throw ValidationError("--log-level: \(error)") }
        }
        if verbose, let logLevel, logLevel.lowercased() != AzureLogLevel.verbose.rawValue {
            throw ValidationError("--verbose and --log-level \(logLevel) contradict each other; give one")
        }
    }

    /// The level these arguments ask for over the environment's; `nil` leaves `AZURE_LOG_LEVEL` in charge.
    /// - Throws: ``AzureKitCore/AzureClientError`` for an unknown `--log-level`.
    public func requestedLevel() throws -> AzureLogLevel? {
        if verbose { return .verbose }
        return try logLevel.map { try AzureLogLevel(parsing: $0) }
    }

    /// Sends log lines to standard error and applies the requested level. Returns the program's own logger: at the
    /// SDK's level when one is set, else at `defaultLevel`.
    /// - Throws: ``AzureKitCore/AzureClientError`` for an unknown `--log-level` or `AZURE_LOG_LEVEL`.
    @discardableResult
    public func bootstrap(
        label: String, defaultLevel: Logger.Level = .warning,
        environment: EnvironmentVariables = .process
    ) throws -> Logger {
        StandardErrorLogging.bootstrapOnce()
        let level = try requestedLevel() ?? AzureLogLevel.fromEnvironment(environment)
        if let level { AzureLogging.level = level }
        var logger = Logger(label: label)
        logger.logLevel = level?.loggerLevel ?? defaultLevel
        return logger
    }
}

/// swift-log accepts one bootstrap per process; the examples' entry points may share a process in tests.
enum StandardErrorLogging {
    private static let done = Locked(false)

    static func bootstrapOnce() {
        done.withLock { done in
            guard !done else { return }
            done = true
            LoggingSystem.bootstrap(StreamLogHandler.standardError)
        }
    }
}
