import AzureKitCore
import AzureRegistryKit
import ContainerImageKit
import Foundation

/// The steps of PublishImage, callable in process (the tests drive it with a prebuilt binary and a loopback
/// registry): get the binary, optionally pull the base image, assemble, then print or push.
public struct PublishImageRun {
    public var options: PublishImageCommand
    public var environment: [String: String]
    public var clientOptions: ServiceClientOptions

    public init(
        options: PublishImageCommand, environment: [String: String] = ProcessInfo.processInfo.environment,
        clientOptions: ServiceClientOptions = .init()
    ) {
        self.options = options
        self.environment = environment
        self.clientOptions = clientOptions
    }

    /// What a run produced: the image, and the push report unless it was a dry run.
    public struct Result: Sendable {
        public var image: ContainerImage
        public var report: PublishReport?
        /// The line to paste for SubmitYears (pushes only).
        public var airlineImageLine: String? { report.map { "AIRLINE_IMAGE=\($0.pinnedReference)" } }
    }

    public func execute(print: (String) -> Void) async throws -> Result {
        let binary: URL
        var strippedCopy: URL?
        if let path = options.binary {
            binary = URL(fileURLWithPath: path)
        } else {
            do {
                binary = try await ReleaseBinaryBuilder(packagePath: URL(fileURLWithPath: options.packagePath)).build(
                    log: print)
                strippedCopy = binary
            } catch let failure as PublishImageFailure { throw failure } catch {
                throw PublishImageFailure(wrapping: error, context: "cannot build AirlineAnalytics")
            }
        }
        // The stripped copy lives in its own temporary folder; it is in the layer once the image is assembled.
        defer {
            if let strippedCopy { try? FileManager.default.removeItem(at: strippedCopy.deletingLastPathComponent()) }
        }
        let target = try options.registry.map(targetClient)
        let base = try await pullBase(target: target)
        let image: ContainerImage
        let clock = ContinuousClock()
        let assembling = clock.now
        do {
            image = try await AirlineAnalyticsImage.assemble(
                binary: binary, base: base,
                compression: options.compressionLevel == 0 ? .none : .gzip(level: options.compressionLevel))
        } catch {
            throw PublishImageFailure(wrapping: error, context: "cannot assemble the image")
        }
        describe(image, base: base, print: print)
        print("Assembled in \(Self.seconds(clock.now - assembling))")
        guard let target, !options.dryRun else {
            print(
                "Dry run: nothing pushed\(options.registry.map { " to \($0)/\(options.repository):\(options.tag)" } ?? "")."
            )
            return Result(image: image, report: nil)
        }
        let publisher = ImagePublisher(
            client: target, repository: options.repository,
            uploadOptions: BlobUploadOptions(chunkSize: options.chunkMiB.map { $0 << 20 }))
        let report: PublishReport
        let pushing = clock.now
        do { report = try await publisher.publish(image, tag: options.tag) } catch {
            throw PublishImageFailure(
                wrapping: error, context: "cannot push to \(target.loginServer)/\(options.repository)")
        }
        for blob in report.blobs { print("  \(blob)") }
        print(
            "Pushed \(report.taggedReference) in \(Self.seconds(clock.now - pushing)) (\(report.blobsUploaded) blob(s), \(Self.megabytes(report.bytesUploaded)) uploaded)"
        )
        print("Digest: \(image.digest)")
        print("AIRLINE_IMAGE=\(report.pinnedReference)")
        return Result(image: image, report: report)
    }

    func describe(_ image: ContainerImage, base: BaseImage?, print: (String) -> Void) {
        print(
            "Image \(image.digest) for \(image.configuration.platform)\(base.map { " on \($0.reference)" } ?? " FROM scratch")"
        )
        for layer in image.layers {
            let origin = if case .baseImage = layer.source { "base" } else { "built" }
            print("  layer \(layer.descriptor.digest)  \(Self.megabytes(layer.descriptor.size))  \(origin)")
        }
        print("  config \(image.manifest.config.digest)  \(image.configurationBytes.count) bytes")
        print("Compressed size: \(Self.megabytes(image.compressedSize)) (\(image.compressedSize) bytes)")
    }

    func targetClient(_ registry: String) throws -> ContainerRegistryClient {
        let credential: RegistryCredential
        if options.entra {
            do { credential = .entraID(try DefaultAzureCredential()) } catch {
                throw PublishImageFailure(wrapping: error, context: "--entra")
            }
        } else if let username = environment["AZURE_REGISTRY_USERNAME"],
            let password = environment["AZURE_REGISTRY_PASSWORD"]
        {
            credential = .basic(username: username, password: password)
        } else {
            credential = .anonymous
        }
        do {
            return try ContainerRegistryClient(
                loginServer: registry, credential: credential, options: .init(core: clientOptions))
        } catch {
            throw PublishImageFailure(wrapping: error, context: "--registry \(registry)")
        }
    }

    /// The base image, read with the target's credential when it lives in the same registry, else anonymously.
    func pullBase(target: ContainerRegistryClient?) async throws -> BaseImage? {
        guard let text = options.baseImage else { return nil }
        do {
            let reference = try ContainerImageReference(parsing: text)
            let client =
                try target.flatMap {
                    ContainerRegistryClient.normalizedServer(reference.registry) == $0.loginServer.lowercased()
                        ? $0 : nil
                }
                ?? ContainerRegistryClient(registryOf: reference, options: .init(core: clientOptions))
            return try await BaseImage.pull(reference, client: client)
        } catch {
            throw PublishImageFailure(wrapping: error, context: "cannot read base image \(text)")
        }
    }

    static func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_000_000) }

    static func seconds(_ duration: Duration) -> String {
        String(format: "%.1f s", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }
}
