import AirlineAnalyticsCore
import AzureKitCore

/// Why SubmitYears stopped, as the one secret-free line it prints before exiting non-zero.
public struct SubmitYearsFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = Redaction.scrub(text: message).split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    public init(wrapping error: any Error, context: String) {
        self.init("\(context): \(error)")
    }

    public var description: String { message }
}
