import AzureRegistryKit
import Foundation

/// An assembled image, ready to push: its layers, its configuration blob and its manifest, with digests.
///
/// Everything is deterministic: the same base, layers and runtime settings give the same manifest digest.
///
/// ```swift
/// let image = try ContainerImage(layers: [layer], runtime: .init(user: "10001:10001", cmd: ["/app/AirlineAnalytics", "--help"]))
/// print(image.digest)          // sha256:…, what `…@sha256:…` references pin
/// ```
public struct ContainerImage: Sendable, Equatable {
    /// Base layers first, then the layers added on top.
    public let layers: [ImageLayer]
    public let configuration: ImageConfiguration
    /// The configuration as pushed (canonical JSON).
    public let configurationBytes: Data
    public let manifest: ImageManifest
    /// The manifest as pushed (canonical JSON); its SHA-256 is ``digest``.
    public let manifestBytes: Data

    /// Assembles an image `FROM scratch` (no `base`) or on top of `base`.
    ///
    /// - Parameters:
    ///   - base: a pulled base image: its layers come first and its runtime settings are the defaults that
    ///     `runtime` overrides field by field (`env` entries are merged by variable name).
    ///   - layers: the layers to add, in order.
    ///   - runtime: user, environment, entrypoint, command, working directory, labels.
    ///   - platform: used FROM scratch; a base image's platform wins.
    public init(
        base: BaseImage? = nil, layers added: [ImageLayer], runtime: ImageConfiguration.Runtime,
        platform: ImagePlatform = .current
    ) throws {
        let layers = (base?.layers ?? []) + added
        var settings = base?.configuration.config ?? .init()
        if let user = runtime.user { settings.user = user }
        if let env = runtime.env { settings.env = Self.merge(env: settings.env ?? [], with: env) }
        if let entrypoint = runtime.entrypoint { settings.entrypoint = entrypoint }
        if let cmd = runtime.cmd { settings.cmd = cmd }
        if let workingDir = runtime.workingDir { settings.workingDir = workingDir }
        if let labels = runtime.labels { settings.labels = (settings.labels ?? [:]).merging(labels) { $1 } }
        let configuration = ImageConfiguration(
            platform: base?.configuration.platform ?? platform, config: settings,
            diffIDs: layers.map(\.diffID))
        let configurationBytes = try CanonicalJSON.encode(configuration)
        let manifest = ImageManifest(
            config: ContentDescriptor(
                mediaType: ImageMediaType.config, digest: .sha256(of: configurationBytes),
                size: configurationBytes.count),
            layers: layers.map(\.descriptor))
        self.layers = layers
        self.configuration = configuration
        self.configurationBytes = configurationBytes
        self.manifest = manifest
        self.manifestBytes = try CanonicalJSON.encode(manifest)
    }

    /// The manifest digest: the image's identity.
    public var digest: ImageDigest { .sha256(of: manifestBytes) }

    /// What a pull transfers: the compressed layers, the configuration and the manifest.
    public var compressedSize: Int {
        layers.reduce(0) { $0 + $1.descriptor.size } + configurationBytes.count + manifestBytes.count
    }

    /// `NAME=value` entries: a later entry for a name replaces the earlier one in place; new names are appended.
    static func merge(env base: [String], with overrides: [String]) -> [String] {
        func name(_ entry: String) -> Substring { entry.prefix { $0 != "=" } }
        var merged = base
        for entry in overrides {
            if let index = merged.firstIndex(where: { name($0) == name(entry) }) {
                merged[index] = entry
            } else {
                merged.append(entry)
            }
        }
        return merged
    }
}
