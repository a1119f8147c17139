import ArgumentParser
import AzureKitCore
import AzureRegistryKit
import ContainerImageKit
import Foundation

/// `PublishImage`: builds AirlineAnalytics in release, assembles its image without a container engine and pushes
/// it to a registry, then prints the `AIRLINE_IMAGE=…@sha256:…` line for SubmitYears.
///
/// ```
/// swift run -c release PublishImage --registry myregistry.azurecr.io --entra          # Entra ID (az login, workload identity…)
/// AZURE_REGISTRY_USERNAME=… AZURE_REGISTRY_PASSWORD=… swift run -c release PublishImage --registry myregistry.azurecr.io
/// swift run -c release PublishImage --dry-run                                          # layers, sizes and digests only
/// ```
public struct PublishImageCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "PublishImage",
        abstract: "Build the AirlineAnalytics task image and push it to a container registry, without Docker.",
        discussion: """
            Credentials: --entra uses Entra ID (DefaultAzureCredential: environment, workload identity, managed identity, \
            Azure CLI) with ACR's token exchange; otherwise AZURE_REGISTRY_USERNAME and AZURE_REGISTRY_PASSWORD (ACR admin \
            user, ACR token or service principal) when set; otherwise anonymous. Loopback registries are reached over http.
            """)

    @Option(help: "Registry to push to: myregistry.azurecr.io, localhost:5000, any OCI distribution registry.")
    public var registry: String?

    @Option(help: "Repository in the registry.")
    public var repository = "airline-analytics"

    @Option(help: "Tag to push.")
    public var tag = "latest"

    @Option(help: "Use this AirlineAnalytics executable instead of building it in release.")
    public var binary: String?

    @Option(help: "Package to build AirlineAnalytics from.")
    public var packagePath = "."

    @Option(
        help:
            "Base image to build on, pinned by digest (e.g. docker.io/library/debian@sha256:…); default: FROM scratch with the binary's libraries."
    )
    public var baseImage: String?

    @Flag(help: "Authenticate with Entra ID (ACR only).")
    public var entra = false

    @Option(help: "gzip level of the layer, 1 (fastest) to 9 (smallest); 0 pushes an uncompressed tar layer.")
    public var compressionLevel = 6

    @Option(
        name: .customLong("chunk-mib"),
        help: "Upload blobs in PATCH chunks of this many MiB (default: one PUT per blob).")
    public var chunkMiB: Int?

    @Flag(help: "Show the layers, sizes and digests that would be pushed, and push nothing.")
    public var dryRun = false

    public init() {}

    public func validate() throws {
        guard dryRun || registry != nil else { throw ValidationError("--registry is required (or pass --dry-run)") }
        guard (0...9).contains(compressionLevel) else {
            throw ValidationError("--compression-level must be 0…9, got \(compressionLevel)")
        }
        if let chunkMiB, chunkMiB < 1 { throw ValidationError("--chunk-mib must be at least 1, got \(chunkMiB)") }
    }

    public func run() async throws {
        do {
            _ = try await PublishImageRun(options: self).execute { print($0) }
        } catch let failure as PublishImageFailure {
            FileHandle.standardError.write(Data("PublishImage: \(failure)\n".utf8))
            throw ExitCode.failure
        }
    }
}

extension PublishImageCommand {
    /// Parses `CommandLine.arguments`, runs, and exits (see AirlineAnalyticsCommand's `runAsMain()`).
    public static func runAsMain() async {
        await main()
    }
}
