import AzureKitCore

/// Why an AirlineAnalytics run failed, as the one line the command prints before exiting non-zero.
///
/// Lower-layer errors (the kernel's ``AirlineAggregation/AggregationError`` with file, line and byte offset, Blob
/// service errors with their codes) are wrapped with their own description, scrubbed of secrets.
public struct AnalyticsFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// One line, secret-free.
    public let message: String

    public init(_ message: String) {
        self.message = Redaction.scrub(text: message).split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// Wraps any error; an ``AnalyticsFailure`` stays as it is.
    public init(wrapping error: any Error, context: String? = nil) {
        if let failure = error as? AnalyticsFailure, context == nil {
            self = failure
            return
        }
        let text = String(describing: error)
        self.init(context.map { "\($0): \(text)" } ?? text)
    }

    public var description: String { message }
}
