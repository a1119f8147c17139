import AzureKitCore
import AzureRegistryKit
import Foundation
import TestSupport
import Testing

@testable import ContainerImageKit

/// Pushes to a real OCI registry (Debian's `docker-registry`, the CNCF distribution registry) started on
/// 127.0.0.1 for each test, and reads the result back with the client and with `skopeo`.
@Suite(.serialized)
struct LocalRegistryPushTests {
    /// Two layers: a small one, and one of ~300 KB of seeded random bytes (incompressible, so its chunks are real).
    static func image(seed: UInt64 = 7, command: String = "/app/run") throws -> ContainerImage {
        var small = LayerContents()
        try small.addFile("/etc/motd", contents: Data("built without a container engine\n".utf8))
        var generator = SeededRandom(seed: seed)
        var large = LayerContents()
        try large.addFile(
            "/app/data.bin", contents: Data((0..<300_000).map { _ in UInt8.random(in: 0...255, using: &generator) }))
        try large.addFile("/app/run", contents: Data("#!/bin/true\n".utf8), mode: 0o755)
        return try ContainerImage(
            layers: [try ImageLayer(contents: small), try ImageLayer(contents: large, compression: .gzip(level: 1))],
            runtime: .init(user: "10001:10001", env: ["PATH=/app"], cmd: [command], workingDir: "/app"),
            platform: ImagePlatform(os: "linux", architecture: "amd64"))
    }

    static func client(_ registry: LocalRegistry) throws -> ContainerRegistryClient {
        try ContainerRegistryClient(
            loginServer: registry.host,
            options: .init(
                core: ServiceClientOptions(
                    retry: RetryOptions(maxRetries: 2, baseDelay: .milliseconds(20)), timeout: .seconds(30))))
    }

    @Test func pushTwiceSendsEachBlobOnceAndReadsBack() async throws {
        guard let registry = try await LocalRegistry.startIfInstalled() else { return }
        defer { registry.stop() }
        let client = try Self.client(registry)
        let image = try Self.image()
        // 64 KiB chunks: the large layer goes up in several PATCHes, the small ones in one PUT each.
        let publisher = ImagePublisher(
            client: client, repository: "tests/app", uploadOptions: .init(chunkSize: 64 << 10))

        let first = try await publisher.publish(image, tag: "1.0")
        #expect(first.blobs.count == 3)
        #expect(first.blobs.allSatisfy { $0.wasUploaded })
        #expect(first.pinnedReference.description == "\(registry.host)/tests/app@\(image.digest)")
        let largeSize = image.layers[1].descriptor.size
        #expect(
            registry.requests(method: "PATCH", containing: "/v2/tests/app/blobs/uploads/").count == (largeSize + 65535)
                / 65536)
        let uploadsAfterFirst = registry.requests(containing: "/blobs/uploads/")

        let second = try await publisher.publish(image, tag: "1.0")
        #expect(second.blobs.allSatisfy { $0.outcome == .alreadyPresent })
        #expect(second.bytesUploaded == 0)
        #expect(second.pinnedReference == first.pinnedReference)
        // The registry saw no upload request at all the second time: only HEADs and the manifest PUT.
        #expect(registry.requests(containing: "/blobs/uploads/") == uploadsAfterFirst)

        let byDigest = try await client.manifest(of: first.pinnedReference)
        #expect(byDigest.bytes == image.manifestBytes)
        #expect(byDigest.mediaType == .ociManifest)
        let byTag = try await client.manifest(of: first.taggedReference)
        #expect(byTag.digest == image.digest)
        #expect(try await client.blob(image.manifest.config.digest, in: "tests/app") == image.configurationBytes)
        guard case .bytes(let largeBytes) = image.layers[1].source else {
            Issue.record("built layer without bytes")
            return
        }
        #expect(try await client.blob(image.layers[1].descriptor.digest, in: "tests/app") == largeBytes)

        try await Self.skopeoVerifies(image, at: "\(registry.host)/tests/app:1.0")
    }

    @Test func sameInputsPushTheSameDigestTwice() async throws {
        guard let registry = try await LocalRegistry.startIfInstalled() else { return }
        defer { registry.stop() }
        let publisher = ImagePublisher(client: try Self.client(registry), repository: "tests/repro")
        let first = try await publisher.publish(try Self.image(), tag: "a")
        let second = try await publisher.publish(try Self.image(), tag: "b")  // assembled again from the same inputs
        #expect(first.digest == second.digest)
        let changed = try await publisher.publish(try Self.image(command: "/app/other"), tag: "c")
        #expect(changed.digest != first.digest)
        #expect(changed.blobs.filter(\.wasUploaded).count == 1)  // only the new configuration
    }

    @Test func baseImageLayersAreMountedFromTheBaseRepository() async throws {
        guard let registry = try await LocalRegistry.startIfInstalled() else { return }
        defer { registry.stop() }
        let client = try Self.client(registry)
        let baseImage = try Self.image()
        let pushedBase = try await ImagePublisher(client: client, repository: "tests/base").publish(baseImage, tag: "1")
        let pinned = try #require(pushedBase.pinnedReference.digest)
        let base = try await BaseImage.pull(
            pushedBase.pinnedReference, client: client,
            platform: ImagePlatform(os: "linux", architecture: "amd64"))
        #expect(base.manifestDigest == pinned)
        #expect(base.layers.map(\.descriptor) == baseImage.manifest.layers)

        var extra = LayerContents()
        try extra.addFile("/app/VERSION", contents: Data("2\n".utf8))
        let derived = try ContainerImage(
            base: base, layers: [try ImageLayer(contents: extra)], runtime: .init(cmd: ["/app/run", "--v2"]))
        let report = try await ImagePublisher(client: client, repository: "tests/derived").publish(derived, tag: "2")
        #expect(report.blobs.prefix(2).allSatisfy { $0.outcome == .mounted(from: "tests/base") })
        #expect(report.blobs.dropFirst(2).allSatisfy { $0.wasUploaded })
        #expect(registry.requests(method: "POST", containing: "mount=").count == 2)
        #expect(derived.configuration.config.user == "10001:10001")  // inherited from the base
        try await Self.skopeoVerifies(derived, at: "\(registry.host)/tests/derived:2")
    }

    /// `skopeo inspect` (manifest, configuration and the summary) must describe exactly what was built.
    static func skopeoVerifies(_ image: ContainerImage, at reference: String) async throws {
        guard let skopeo = ChildProcess.find("skopeo") else {
            print(
                "⚠️ SKIPPED skopeo check of \(reference): skopeo is not installed (apt-get install -y skopeo; .ci/run does this)"
            )
            return
        }
        let inspect = { (arguments: [String]) in try await ChildProcess(skopeo, ["inspect"] + arguments).run() }
        let raw = try await inspect(["--tls-verify=false", "--raw", "docker://\(reference)"])
        try #require(raw.succeeded, "skopeo inspect --raw failed: \(raw.standardErrorText)")
        #expect(raw.standardOutput == image.manifestBytes)
        let config = try await inspect(["--tls-verify=false", "--config", "--raw", "docker://\(reference)"])
        try #require(config.succeeded, "skopeo inspect --config failed: \(config.standardErrorText)")
        #expect(config.standardOutput == image.configurationBytes)
        let summary = try await inspect(["--tls-verify=false", "docker://\(reference)"])
        try #require(summary.succeeded, "skopeo inspect failed: \(summary.standardErrorText)")
        let json = try #require(try JSONSerialization.jsonObject(with: summary.standardOutput) as? [String: Any])
        #expect(json["Digest"] as? String == image.digest.description)
        #expect(json["Layers"] as? [String] == image.manifest.layers.map(\.digest.description))
        #expect(json["Architecture"] as? String == image.configuration.architecture)
        #expect(json["Os"] as? String == "linux")
    }
}
