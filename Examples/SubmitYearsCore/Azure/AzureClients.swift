import AzureBatchKit
import AzureBlobKit
import AzureKitCore
import AzureRegistryKit
import Foundation

/// The service clients the Azure path uses, built from settings or injected by tests (fixture transports).
public struct AzureClients: Sendable {
    public var batch: BatchClient
    /// Checks the image before anything is created; `nil` skips the check (not recommended).
    public var registry: ContainerRegistryClient?
    /// Issues each task's read-only input SAS and create/write output SAS; `nil` in keyless mode.
    public var sasIssuer: BlobSASIssuer?
    /// Keyless mode: the pool is created through the management API with the identity, after an RBAC preflight.
    public var keyless: KeylessClients?
    /// Lists the inputs of `--one-answer` (their sizes plan the map tasks); `nil` when not configured.
    public var blobService: BlobServiceClient?

    public init(
        batch: BatchClient, registry: ContainerRegistryClient?, sasIssuer: BlobSASIssuer?,
        keyless: KeylessClients? = nil, blobService: BlobServiceClient? = nil
    ) {
        self.batch = batch
        self.registry = registry
        self.sasIssuer = sasIssuer
        self.keyless = keyless
        self.blobService = blobService
    }

    /// Clients from ``AzureKitCore/AzureSettings`` and the registry access in ``SubmitSettings``.
    ///
    /// Batch uses its Shared Key when configured, else Entra ID (``AzureKitCore/DefaultAzureCredential``). SAS
    /// tokens are signed with the Storage account key when configured, else with a user delegation key obtained
    /// with Entra ID: the tasks never receive an account key either way.
    public static func make(
        settings: AzureSettings, submit: SubmitSettings, validFor: Duration,
        core: ServiceClientOptions = .init()
    ) async throws -> AzureClients {
        if let keyless = submit.keyless {
            return try await KeylessClients.make(settings: settings, submit: submit, keyless: keyless, core: core)
        }
        guard let batchSettings = try settings.batch else {
            throw SubmitYearsFailure(
                "AZURE_BATCH_ENDPOINT is not set (e.g. https://<account>.<region>.batch.azure.com)")
        }
        guard let storage = try settings.storage else {
            throw SubmitYearsFailure(
                "no Storage account: set AZURE_STORAGE_CONNECTION_STRING or AZURE_STORAGE_ACCOUNT (with AZURE_STORAGE_KEY, or Entra ID)"
            )
        }
        let batchOptions = BatchClientOptions(core: core)
        let batch: BatchClient
        if let key = batchSettings.sharedKey {
            batch = try BatchClient(endpoint: batchSettings.endpoint, credential: key, options: batchOptions)
        } else {
            batch = try BatchClient(
                endpoint: batchSettings.endpoint, credential: try DefaultAzureCredential(), options: batchOptions)
        }
        // Shared Key signs locally; Entra ID fetches a user delegation key. Either way no key reaches a task.
        let credential =
            storage.credential.sharedKey != nil || storage.credential.tokenCredential != nil
            ? storage.credential : .token(try DefaultAzureCredential())
        let service = try BlobServiceClient(
            endpoint: storage.blobEndpoint, credential: credential,
            options: BlobClientOptions(core: core))
        let issuer = try await service.sasIssuer(validFor: validFor)
        let registry = try submit.registryAccess.map { try $0.client(options: .init(core: core)) }
        return AzureClients(batch: batch, registry: registry, sasIssuer: issuer, blobService: service)
    }
}
