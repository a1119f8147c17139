import AzureBlobKit
import AzureKitCore
import Foundation

/// How AirlineAnalytics authenticates to Blob Storage, never from a file baked into the image:
///
/// 1. a SAS in the URL itself (what SubmitYears gives each task: read-only input, create/write-only output);
/// 1b. otherwise, in keyless mode (``identityClientID``, `--identity-client-id`), the node's user-assigned managed
///    identity: `Authorization: Bearer` tokens from the instance metadata endpoint, no SAS, no key;
/// 2. otherwise the Storage settings of ``AzureKitCore/AzureSettings`` (`AZURE_STORAGE_CONNECTION_STRING`, or
///    `AZURE_STORAGE_ACCOUNT` with `AZURE_STORAGE_KEY` / `AZURE_STORAGE_SAS_TOKEN`) when they name the same account;
/// 3. otherwise Entra ID through ``AzureKitCore/DefaultAzureCredential`` when `AZURE_CLIENT_ID` or
///    `AZURE_FEDERATED_TOKEN_FILE` is set (service principal, workload or managed identity);
/// 4. otherwise anonymous (public containers, or an emulator that allows it).
public struct BlobAccess: Sendable {
    public var environment: EnvironmentVariables
    /// Client options (retry, transport); tests inject a loopback or fixture transport here.
    public var options: BlobClientOptions
    /// Keyless mode: the client id of the pool's user-assigned identity.
    public let identityClientID: String?
    /// One credential for every blob of the run, so input and output share its token cache.
    let identityCredential: ManagedIdentityCredential?

    /// - Parameter identityClientID: use the machine's user-assigned managed identity with this client id (from the
    ///   instance metadata endpoint, or `AZURE_POD_IDENTITY_AUTHORITY_HOST`) for blobs without a SAS.
    public init(
        environment: EnvironmentVariables = .process, options: BlobClientOptions = .init(),
        identityClientID: String? = nil
    ) {
        self.environment = environment
        self.options = options
        self.identityClientID = identityClientID
        // Not a probe in a chain: this identity is the only way in, so the metadata endpoint gets the usual retries.
        identityCredential = identityClientID.map {
            ManagedIdentityCredential(
                clientID: $0, environment: environment, probeTimeout: .seconds(30), retry: RetryOptions())
        }
    }

    /// A client for `url` with the first credential that applies.
    public func client(for url: BlobURL) throws -> BlobClient {
        // Plain http:// stays refused except for loopback emulators (the runtime's rule): never relaxed here.
        let options = self.options
        if url.sasToken != nil { return try BlobClient(url: url.urlWithSAS, options: options) }
        if let identityCredential {
            return try BlobClient(url: url.url, credential: .token(identityCredential), options: options)
        }
        let settings = try AzureSettings.load(environment: environment)
        if let storage = try settings.storage,
            storage.accountName == nil || storage.accountName == url.endpoint.accountName
        {
            return try BlobClient(url: url.urlWithSAS, credential: storage.credential, options: options)
        }
        if environment["AZURE_CLIENT_ID"] != nil || environment["AZURE_FEDERATED_TOKEN_FILE"] != nil {
            let credential = try DefaultAzureCredential(environment: environment)
            return try BlobClient(url: url.urlWithSAS, credential: .token(credential), options: options)
        }
        return try BlobClient(url: url.urlWithSAS, credential: .anonymous, options: options)
    }
}
