import AzureKitCore
import AzureRegistryKit
import CompressionCodecs
import Foundation
import TestSupport
import Testing

@testable import ContainerImageKit

struct ImageAssemblyTests {
    static func contents(_ text: String = "hello") throws -> LayerContents {
        var contents = LayerContents()
        try contents.addFile("/app/greeting", contents: Data(text.utf8))
        try contents.addDirectory("/tmp", mode: 0o1777)
        return contents
    }

    @Test(arguments: [ImageLayer.Compression.gzip(level: 1), .gzip(level: 6), .none])
    func layerDigestsDescribeTheBytes(compression: ImageLayer.Compression) throws {
        let contents = try Self.contents()
        let layer = try ImageLayer(contents: contents, compression: compression)
        guard case .bytes(let bytes) = layer.source else {
            Issue.record("a built layer holds its bytes")
            return
        }
        let tar = try contents.tarArchive()
        #expect(layer.diffID == .sha256(of: tar))
        #expect(layer.descriptor.digest == .sha256(of: bytes))
        #expect(layer.descriptor.size == bytes.count)
        switch compression {
        case .gzip:
            #expect(layer.descriptor.mediaType == "application/vnd.oci.image.layer.v1.tar+gzip")
            #expect(try Gzip.decompress(Array(bytes)) == tar)
        case .none:
            #expect(layer.descriptor.mediaType == "application/vnd.oci.image.layer.v1.tar")
            #expect(Array(bytes) == tar)
        }
    }

    @Test func sameInputsGiveTheSameDigestAndOtherInputsAnother() throws {
        let runtime = ImageConfiguration.Runtime(user: "10001:10001", cmd: ["/app/run"])
        let first = try ContainerImage(layers: [try ImageLayer(contents: Self.contents())], runtime: runtime)
        let second = try ContainerImage(layers: [try ImageLayer(contents: Self.contents())], runtime: runtime)
        #expect(first.digest == second.digest)
        #expect(first.manifestBytes == second.manifestBytes)
        let changed = try ContainerImage(layers: [try ImageLayer(contents: Self.contents("hello!"))], runtime: runtime)
        #expect(changed.digest != first.digest)
        let otherCommand = try ContainerImage(
            layers: first.layers, runtime: .init(user: "10001:10001", cmd: ["/app/other"]))
        #expect(otherCommand.digest != first.digest)
    }

    @Test func configurationAndManifestAreOCI() throws {
        let layer = try ImageLayer(contents: Self.contents())
        let image = try ContainerImage(
            layers: [layer],
            runtime: .init(
                user: "10001:10001", env: ["PATH=/usr/local/bin"], cmd: ["app", "--help"], workingDir: "/work"),
            platform: ImagePlatform(os: "linux", architecture: "amd64"))
        let config = try #require(try JSONSerialization.jsonObject(with: image.configurationBytes) as? [String: Any])
        #expect(config["architecture"] as? String == "amd64")
        #expect(config["os"] as? String == "linux")
        let runtime = try #require(config["config"] as? [String: Any])
        #expect(runtime["User"] as? String == "10001:10001")
        #expect(runtime["Cmd"] as? [String] == ["app", "--help"])
        #expect(runtime["WorkingDir"] as? String == "/work")
        let rootfs = try #require(config["rootfs"] as? [String: Any])
        #expect(rootfs["type"] as? String == "layers")
        #expect(rootfs["diff_ids"] as? [String] == [layer.diffID.description])

        let manifest = try #require(try JSONSerialization.jsonObject(with: image.manifestBytes) as? [String: Any])
        #expect(manifest["schemaVersion"] as? Int == 2)
        #expect(manifest["mediaType"] as? String == "application/vnd.oci.image.manifest.v1+json")
        let configDescriptor = try #require(manifest["config"] as? [String: Any])
        #expect(configDescriptor["mediaType"] as? String == "application/vnd.oci.image.config.v1+json")
        #expect(configDescriptor["digest"] as? String == ImageDigest.sha256(of: image.configurationBytes).description)
        #expect(configDescriptor["size"] as? Int == image.configurationBytes.count)
        let layers = try #require(manifest["layers"] as? [[String: Any]])
        #expect(layers.map { $0["digest"] as? String } == [layer.descriptor.digest.description])
        #expect(!String(decoding: image.manifestBytes, as: UTF8.self).contains("\\/"))
    }

    @Test func baseSettingsAreOverriddenFieldByField() throws {
        let baseLayer = try ImageLayer(contents: Self.contents("base"))
        let baseConfiguration = ImageConfiguration(
            platform: .init(os: "linux", architecture: "arm64", variant: "v8"),
            config: .init(user: "root", env: ["PATH=/bin", "LANG=C.UTF-8"], cmd: ["/bin/sh"], workingDir: "/"),
            diffIDs: [baseLayer.diffID])
        let base = BaseImage(
            reference: try ContainerImageReference(
                parsing: "localhost:5000/base@sha256:" + String(repeating: "a", count: 64)),
            manifestDigest: try ImageDigest(parsing: "sha256:" + String(repeating: "a", count: 64)),
            configuration: baseConfiguration,
            layers: [
                ImageLayer(
                    descriptor: baseLayer.descriptor, diffID: baseLayer.diffID,
                    source: .baseImage(registry: "localhost:5000", repository: "base"))
            ])
        let added = try ImageLayer(contents: Self.contents())
        let image = try ContainerImage(
            base: base, layers: [added], runtime: .init(user: "10001:10001", env: ["PATH=/usr/local/bin:/bin"]))
        #expect(image.configuration.platform == ImagePlatform(os: "linux", architecture: "arm64", variant: "v8"))
        #expect(image.configuration.config.env == ["PATH=/usr/local/bin:/bin", "LANG=C.UTF-8"])
        #expect(image.configuration.config.cmd == ["/bin/sh"])
        #expect(image.configuration.config.user == "10001:10001")
        #expect(image.configuration.rootfs.diffIDs == [baseLayer.diffID, added.diffID])
        #expect(image.manifest.layers.map(\.digest) == [baseLayer.descriptor.digest, added.descriptor.digest])
    }

    @Test func lddOutputIsParsed() throws {
        let output = """
            \tlinux-vdso.so.1 (0x00007ffd8a5e6000)
            \tlibcurl.so.4 => /lib/x86_64-linux-gnu/libcurl.so.4 (0x00007f1c2d0e0000)
            \tlibstdc++.so.6 => /lib/x86_64-linux-gnu/libstdc++.so.6 (0x00007f1c2ce00000)
            \tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f1c2cc1f000)
            \t/lib64/ld-linux-x86-64.so.2 (0x00007f1c2d1a1000)
            """
        let dependencies = try SharedLibraryDependencies.parse(lddOutput: output)
        #expect(dependencies.loader == "/lib64/ld-linux-x86-64.so.2")
        #expect(
            dependencies.libraries == [
                "/lib/x86_64-linux-gnu/libcurl.so.4", "/lib/x86_64-linux-gnu/libstdc++.so.6",
                "/lib/x86_64-linux-gnu/libc.so.6",
            ])
        let missing = try #require(throws: AzureClientError.self) {
            try SharedLibraryDependencies.parse(lddOutput: "\tlibgone.so.1 => not found\n")
        }
        #expect(missing.kind == .sharedLibraryResolution)
        #expect(missing.message.contains("libgone.so.1"))
    }

    @Test func executableContentsCarryLibrariesLoaderCertificatesAndUser() async throws {
        // This test binary's own interpreter and libraries: whatever ldd reports must be in the layer.
        let executable = URL(fileURLWithPath: "/bin/ls")
        let dependencies = try await SharedLibraryDependencies.of(executable: executable)
        let certificates = FileManager.default.temporaryDirectory.appendingPathComponent("ca-\(UUID().uuidString).crt")
        try Data("-----BEGIN CERTIFICATE-----\n".utf8).write(to: certificates)
        defer { try? FileManager.default.removeItem(at: certificates) }
        let contents = try await ExecutableImageContents(
            executable: executable, installPath: "/usr/local/bin/ls",
            caCertificates: certificates
        ).layerContents()
        let paths = Set(contents.entries.keys)
        #expect(paths.contains("usr/local/bin/ls"))
        for library in dependencies.libraries { #expect(paths.contains(String(library.dropFirst()))) }
        #expect(dependencies.loader.map { paths.contains(String($0.dropFirst())) } == true)
        #expect(paths.isSuperset(of: ["etc/ssl/certs/ca-certificates.crt", "etc/passwd", "etc/group", "tmp", "work"]))
        #expect(contents.entries["tmp"]?.mode == 0o1777)
        #expect(contents.entries["work"]?.uid == 10001)
        guard case .file(let passwd) = contents.entries["etc/passwd"]?.kind else {
            Issue.record("no /etc/passwd")
            return
        }
        #expect(String(decoding: passwd, as: UTF8.self).contains("app:x:10001:10001:app:/work:/sbin/nologin"))
    }
}

extension ImageAssemblyTests {
    /// gzip(1) reads the layer: the encoder's output is standard gzip, not only what our own decoder accepts.
    @Test func gzipToolDecompressesTheLayer() async throws {
        var contents = LayerContents()
        var generator = SeededRandom(seed: 11)
        try contents.addFile(
            "/data/mixed.bin",
            contents: Data(
                (0..<200_000).map { index in
                    index % 3 == 0 ? UInt8.random(in: 0...255, using: &generator) : UInt8(truncatingIfNeeded: index / 7)
                }))
        let layer = try ImageLayer(contents: contents, compression: .gzip(level: 6))
        guard case .bytes(let bytes) = layer.source else {
            Issue.record("a built layer holds its bytes")
            return
        }
        guard let gzip = ChildProcess.find("gzip") else {
            print("⚠️ SKIPPED gzipToolDecompressesTheLayer: gzip is not installed")
            return
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("layer-\(UUID().uuidString).tar.gz")
        try bytes.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let decoded = FileManager.default.temporaryDirectory.appendingPathComponent("layer-\(UUID().uuidString).tar")
        defer { try? FileManager.default.removeItem(at: decoded) }
        let result = try await ChildProcess(
            URL(fileURLWithPath: "/bin/sh"), ["-c", "\(gzip.path) -dc '\(file.path)' > '\(decoded.path)'"]
        ).run()
        #expect(result.succeeded, "\(result.standardErrorText)")
        #expect(try Data(contentsOf: decoded) == Data(try contents.tarArchive()))
        #expect(ImageDigest.sha256(of: try Data(contentsOf: decoded)) == layer.diffID)
    }
}
