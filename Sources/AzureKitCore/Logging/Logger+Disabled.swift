import Logging

extension Logger {
    /// A logger that drops everything: the default for every SDK call, so logging is opt-in per call.
    public static let azureDisabled = Logger(label: "azure-sdk.disabled") { _ in SwiftLogNoOpLogHandler() }
}
