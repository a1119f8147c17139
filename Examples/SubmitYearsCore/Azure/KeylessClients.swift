import AzureBatchKit
import AzureKitCore
import Foundation

/// The clients keyless mode adds: the Batch management API (which attaches the identity to the pool) and the RBAC
/// preflight. Everything authenticates with the submitter's Entra ID; no key, SAS or password exists.
public struct KeylessClients: Sendable {
    public var settings: KeylessSettings
    public var management: BatchManagementClient
    public var preflight: KeylessPreflight

    public init(settings: KeylessSettings, management: BatchManagementClient, preflight: KeylessPreflight) {
        self.settings = settings
        self.management = management
        self.preflight = preflight
    }

    /// All of keyless mode's clients with ``AzureKitCore/DefaultAzureCredential``: the Batch data plane at
    /// `AZURE_BATCH_ENDPOINT`, or at the endpoint the management API reports for the account.
    public static func make(
        settings: AzureSettings, submit: SubmitSettings, keyless: KeylessSettings,
        core: ServiceClientOptions = .init()
    ) async throws -> AzureClients {
        let credential = try DefaultAzureCredential()
        let management = try BatchManagementClient(
            account: keyless.account, credential: credential, options: .init(core: core))
        let endpoint: URL
        if let configured = try settings.batch?.endpoint {
            endpoint = configured
        } else {
            do { endpoint = try await management.accountEndpoint() } catch {
                throw SubmitYearsFailure(
                    wrapping: error,
                    context:
                        "cannot find the endpoint of Batch account \(keyless.account.accountName) (set AZURE_BATCH_ENDPOINT)"
                )
            }
        }
        let batch = try BatchClient(
            endpoint: endpoint, credential: credential, options: BatchClientOptions(core: core))
        let registry = try submit.registryAccess.map { try $0.client(options: .init(core: core)) }
        let preflight = KeylessPreflight(
            resourceManager: management.resourceManager, identity: keyless.identity,
            subscriptionID: keyless.account.subscriptionID)
        return AzureClients(
            batch: batch, registry: registry, sasIssuer: nil,
            keyless: KeylessClients(settings: keyless, management: management, preflight: preflight))
    }
}
