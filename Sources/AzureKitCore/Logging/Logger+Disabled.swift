import Logging

extension Logger {
    /// The default `logger:` argument of every SDK call. It means "no logger of the call's own": the operation
    /// logs through ``ServiceClientOptions/logger`` or ``AzureLogging/logger``, which are off unless the
    /// application or `AZURE_LOG_LEVEL` turns them on. On its own it drops everything.
    public static let azureDisabled = Logger(label: disabledLabel) { _ in SwiftLogNoOpLogHandler() }

    static let disabledLabel = "azure-sdk.disabled"

    /// Whether this is ``azureDisabled`` (or a copy of it).
    public var isAzureDisabled: Bool { label == Self.disabledLabel }
}
