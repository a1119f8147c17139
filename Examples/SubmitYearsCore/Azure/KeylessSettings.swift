import AzureBatchKit
import AzureKitCore

/// The command line's keyless options (`--identity` and the Batch account as ARM names it); all `nil` when the
/// run is not keyless.
public struct KeylessOptions: Sendable {
    /// The ARM id of the pool's user-assigned managed identity (`AZURE_POOL_IDENTITY_ID`).
    public var identity: String?
    /// `AZURE_SUBSCRIPTION_ID`; default: the identity's subscription.
    public var subscription: String?
    /// `AZURE_RESOURCE_GROUP`: the Batch account's resource group.
    public var resourceGroup: String?
    /// `AZURE_BATCH_ACCOUNT`, else the first label of `AZURE_BATCH_ENDPOINT`.
    public var batchAccount: String?
    /// `AZURE_POOL_IDENTITY_CLIENT_ID`; normally looked up through ARM, only the dry run needs it given.
    public var identityClientID: String?

    public init(
        identity: String? = nil, subscription: String? = nil, resourceGroup: String? = nil, batchAccount: String? = nil,
        identityClientID: String? = nil
    ) {
        self.identity = identity
        self.subscription = subscription
        self.resourceGroup = resourceGroup
        self.batchAccount = batchAccount
        self.identityClientID = identityClientID
    }
}

/// Keyless mode, resolved from ``KeylessOptions``, the Azure CLI's variables and the settings file: the pool gets
/// the user-assigned identity through the Batch management API, its nodes pull the image and read and write blobs
/// with it, and nothing secret is sent or printed.
public struct KeylessSettings: Sendable {
    public var identity: ResourceID
    public var account: BatchAccountReference
    public var identityClientID: String?

    /// `nil` when no identity is given (flag or `AZURE_POOL_IDENTITY_ID`): the run is not keyless.
    /// - Throws: ``SubmitYearsFailure`` naming the missing or malformed setting and how to give it.
    public static func resolve(
        _ options: KeylessOptions, settings: AzureSettings,
        environment: EnvironmentVariables
    ) throws -> KeylessSettings? {
        func value(_ flag: String?, _ name: String) -> String? { flag ?? environment[name] ?? settings.values[name] }
        guard let identityText = value(options.identity, "AZURE_POOL_IDENTITY_ID") else { return nil }
        let identity: ResourceID
        do { identity = try ResourceID(parsing: identityText) } catch {
            throw SubmitYearsFailure(wrapping: error, context: "--identity")
        }
        guard identity.isResourceType("Microsoft.ManagedIdentity/userAssignedIdentities") else {
            throw SubmitYearsFailure(
                "--identity '\(identityText)' is not a user-assigned managed identity (…/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<name>); create one with `az identity create`"
            )
        }
        let subscription = value(options.subscription, "AZURE_SUBSCRIPTION_ID") ?? identity.subscriptionID
        guard let group = value(options.resourceGroup, "AZURE_RESOURCE_GROUP") else {
            throw SubmitYearsFailure(
                "keyless mode needs the Batch account's resource group: pass --resource-group or set AZURE_RESOURCE_GROUP"
            )
        }
        let endpointAccount = try settings.batch?.endpoint.host?.split(separator: ".").first.map(String.init)
        guard let accountName = options.batchAccount ?? value(nil, "AZURE_BATCH_ACCOUNT") ?? endpointAccount else {
            throw SubmitYearsFailure(
                "keyless mode needs the Batch account name: pass --batch-account or set AZURE_BATCH_ENDPOINT")
        }
        let account: BatchAccountReference
        do {
            account = try BatchAccountReference(
                subscriptionID: subscription, resourceGroup: group, accountName: accountName)
        } catch {
            throw SubmitYearsFailure(wrapping: error, context: "Batch account")
        }
        return KeylessSettings(
            identity: identity, account: account,
            identityClientID: value(options.identityClientID, "AZURE_POOL_IDENTITY_CLIENT_ID"))
    }
}
