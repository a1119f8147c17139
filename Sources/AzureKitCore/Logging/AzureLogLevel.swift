import Foundation
import Logging

/// How much the SDK logs, spelled as every Azure SDK spells it in `AZURE_LOG_LEVEL`: `error`, `warning`, `info`,
/// `verbose`.
///
/// `info` gives one line per HTTP attempt (method, redacted URL, status, duration, attempt, client request id,
/// `x-ms-request-id`) plus retries, token acquisitions, SAS issuance and pool/job/task steps; `verbose` adds the
/// allow-listed request and response headers.
///
/// ```swift
/// AzureLogging.level = .verbose                  // or AZURE_LOG_LEVEL=verbose in the environment
/// let level = try AzureLogLevel(parsing: "info")
/// ```
public struct AzureLogLevel: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    /// The swift-log level the SDK's logger is set to.
    public let loggerLevel: Logger.Level

    public init?(rawValue: String) {
        guard let level = Self.all.first(where: { $0.rawValue == rawValue.lowercased() }) else { return nil }
        self = level
    }

    private init(_ rawValue: String, _ loggerLevel: Logger.Level) {
        self.rawValue = rawValue
        self.loggerLevel = loggerLevel
    }

    public static let error = AzureLogLevel("error", .error)
    public static let warning = AzureLogLevel("warning", .warning)
    public static let info = AzureLogLevel("info", .info)
    /// swift-log's `.debug`: adds headers (allow-listed, everything else `REDACTED`).
    public static let verbose = AzureLogLevel("verbose", .debug)

    public static let all: [AzureLogLevel] = [.error, .warning, .info, .verbose]

    /// The name of the environment variable every Azure SDK reads.
    public static let environmentVariable = "AZURE_LOG_LEVEL"

    /// - Throws: ``AzureClientError`` (`.invalidConfiguration`) naming the accepted values.
    public init(parsing text: String) throws {
        guard let level = AzureLogLevel(rawValue: text.trimmingCharacters(in: .whitespaces)) else {
            throw AzureClientError(
                .invalidConfiguration,
                "log level '\(text)' is not one of \(Self.all.map(\.rawValue).joined(separator: ", "))")
        }
        self = level
    }

    /// `AZURE_LOG_LEVEL`, or `nil` when it is unset.
    /// - Throws: ``AzureClientError`` when it is set to something else than the four names.
    public static func fromEnvironment(_ environment: EnvironmentVariables = .process) throws -> AzureLogLevel? {
        guard let text = environment[environmentVariable] else { return nil }
        do { return try AzureLogLevel(parsing: text) } catch {
            throw AzureClientError(
                .invalidConfiguration,
                "\(environmentVariable)='\(text)' is not one of \(all.map(\.rawValue).joined(separator: ", "))")
        }
    }

    public var description: String { rawValue }
}
