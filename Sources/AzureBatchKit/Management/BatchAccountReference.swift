import AzureKitCore

/// A Batch account as Azure Resource Manager names it: subscription, resource group and account name.
///
/// ```swift
/// let account = try BatchAccountReference(subscriptionID: sub, resourceGroup: "rg-batch", accountName: "jobs")
/// account.resourceID   // /subscriptions/<sub>/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/jobs
/// ```
public struct BatchAccountReference: Hashable, Sendable, CustomStringConvertible {
    public let subscriptionID: String
    public let resourceGroup: String
    public let accountName: String

    /// - Throws: ``AzureKitCore/AzureClientError`` (`.invalidArgument`) naming an empty or malformed part.
    public init(subscriptionID: String, resourceGroup: String, accountName: String) throws {
        for (name, value) in [
            ("subscription id", subscriptionID), ("resource group", resourceGroup), ("Batch account name", accountName),
        ] {
            guard !value.isEmpty, !value.contains("/"), !value.contains("?"), !value.contains("#") else {
                throw AzureClientError(.invalidArgument, "the \(name) '\(value)' is empty or contains '/', '?' or '#'")
            }
        }
        self.subscriptionID = subscriptionID
        self.resourceGroup = resourceGroup
        self.accountName = accountName
    }

    /// The account's ARM id.
    public var resourceID: String {
        "/subscriptions/\(subscriptionID)/resourceGroups/\(resourceGroup)/providers/Microsoft.Batch/batchAccounts/\(accountName)"
    }

    /// The ARM path of one of its pools.
    public func poolPath(_ poolName: String) -> String { resourceID + "/pools/" + poolName }

    public var description: String { resourceID }
}
