import AzureKitCore
import AzureRegistryKit

/// The job's own settings on top of ``AzureKitCore/AzureSettings``, from the same config file or the environment
/// (command-line options override both):
///
/// | variable | meaning |
/// | --- | --- |
/// | `AIRLINE_IMAGE` | the task image, e.g. `myregistry.azurecr.io/airline-analytics:1.0` |
/// | `AZURE_REGISTRY_USERNAME`, `AZURE_REGISTRY_PASSWORD` | registry login for the preflight and the pool (ACR admin user or token) |
/// | `AZURE_REGISTRY_IDENTITY_ID` | instead of a password: the ARM id of the pool's user-assigned identity with AcrPull |
/// | `AIRLINE_INPUT_PREFIX` | where `<year>.csv.bz2` are, default `wasbs://demo@<storage account>.blob.core.windows.net/raw/airlines/` |
/// | `AIRLINE_OUTPUT_PREFIX` | where `<year>.parquet` go, default `…/aggregated/airlines/` in the same container |
/// | `AIRLINE_POOL_ID` | default `airlines` |
public struct SubmitSettings: Sendable {
    public var image: String
    public var registryAccess: RegistryAccess?
    public var inputPrefix: String
    public var outputPrefix: String
    public var poolID: String
    /// Keyless mode (``KeylessSettings``): the pool identity pulls and reads/writes, tasks carry no SAS.
    public var keyless: KeylessSettings?

    public init(
        image: String, registryAccess: RegistryAccess?, inputPrefix: String, outputPrefix: String,
        poolID: String = "airlines",
        keyless: KeylessSettings? = nil
    ) {
        self.image = image
        self.registryAccess = registryAccess
        self.inputPrefix = inputPrefix
        self.outputPrefix = outputPrefix
        self.poolID = poolID
        self.keyless = keyless
    }

    /// Reads the variables above; `overrides` are the command-line values (`nil` when not given).
    /// - Throws: ``SubmitYearsFailure`` for a missing image or an image reference that does not parse.
    public static func load(
        from settings: AzureSettings, environment: EnvironmentVariables = .process, image: String? = nil,
        inputPrefix: String? = nil, outputPrefix: String? = nil, poolID: String? = nil,
        keyless: KeylessSettings? = nil
    ) throws -> SubmitSettings {
        // AzureSettings keeps only AZURE_* variables from the environment; the AIRLINE_* ones are read here.
        var values = settings.values
        for name in ["AIRLINE_IMAGE", "AIRLINE_INPUT_PREFIX", "AIRLINE_OUTPUT_PREFIX", "AIRLINE_POOL_ID"] {
            if let value = environment[name], !value.isEmpty { values[name] = value }
        }
        guard let imageText = image ?? values["AIRLINE_IMAGE"] else {
            throw SubmitYearsFailure(
                "no task image: set AIRLINE_IMAGE or pass --image (e.g. myregistry.azurecr.io/airline-analytics:1.0; publish it with `swift run -c release PublishImage --registry myregistry.azurecr.io`)"
            )
        }
        let reference: ContainerImageReference
        do { reference = try ContainerImageReference(parsing: imageText) } catch {
            throw SubmitYearsFailure(wrapping: error, context: "--image '\(imageText)'")
        }
        let server = reference.registry
        var access: RegistryAccess?
        if let keyless, server.lowercased().contains(".azurecr.") {
            // Keyless: the nodes pull with the pool identity, the preflight checks the image as the submitter.
            do {
                access = try RegistryAccess.managedIdentity(
                    loginServer: server, identityResourceID: keyless.identity.rawValue,
                    preflight: try DefaultAzureCredential())
            } catch { throw SubmitYearsFailure(wrapping: error, context: "--identity") }
        } else if keyless != nil {
            access = .anonymous(loginServer: server)
        } else if let identity = values["AZURE_REGISTRY_IDENTITY_ID"] {
            do {
                access = try RegistryAccess.managedIdentity(
                    loginServer: server, identityResourceID: identity,
                    preflight: try DefaultAzureCredential())
            } catch { throw SubmitYearsFailure(wrapping: error, context: "AZURE_REGISTRY_IDENTITY_ID") }
        } else if let username = values["AZURE_REGISTRY_USERNAME"], let password = values["AZURE_REGISTRY_PASSWORD"] {
            access = .adminUser(loginServer: server, username: username, password: password)
        } else {
            access = .anonymous(loginServer: server)
        }
        let account = try settings.storage?.accountName ?? "<storage-account>"
        let base = "wasbs://demo@\(account).blob.core.windows.net/"
        return SubmitSettings(
            image: reference.description, registryAccess: access,
            inputPrefix: inputPrefix ?? values["AIRLINE_INPUT_PREFIX"] ?? base + "raw/airlines/",
            outputPrefix: outputPrefix ?? values["AIRLINE_OUTPUT_PREFIX"] ?? base + "aggregated/airlines/",
            poolID: poolID ?? values["AIRLINE_POOL_ID"] ?? "airlines", keyless: keyless)
    }
}
