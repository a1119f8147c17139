import AzureKitCore
import AzureRegistryKit
import ContainerImageKit
import Foundation
import PublishImageCore
import TestSupport
import Testing

/// The end-to-end proof that the image works: PublishImage assembles the AirlineAnalytics image (FROM scratch:
/// the binary, the libraries and loader `ldd` lists, CA certificates, `/tmp`, a non-root user) and pushes it to a
/// real registry on loopback; podman pulls it by digest and runs AirlineAnalytics on a mounted CSV; the Parquet
/// file must be byte-identical to the one the same binary writes on the host.
///
/// To keep CI time down it packs the debug AirlineAnalytics that `swift test` has already built (with the
/// Swift runtime libraries it loads) instead of building a release binary; `swift run PublishImage` builds the
/// release one. Needs docker-registry, podman and runc (`.ci/run` installs them); says loudly when skipped.
@Suite(.serialized)
struct ImageRunsInPodmanTests {
    @Test func publishedImageRunsAirlineAnalyticsUnderPodman() async throws {
        guard let podman = PodmanSandbox.makeIfRunnable() else { return }
        defer { podman.remove() }
        guard let registry = try await LocalRegistry.startIfInstalled() else { return }
        defer { registry.stop() }

        let binary = try BuiltProducts.executable("AirlineAnalytics")
        var lines: [String] = []
        let options = try PublishImageCommand.parse([
            "--registry", registry.host, "--repository", "tests/airline-analytics", "--tag", "podman",
            // Uncompressed: the debug-built deflate encoder needs minutes for the ~130 MB debug layer on a loaded
            // 2-core machine (gzip layers are checked against gzip(1) and pulled by skopeo in ContainerImageKitTests).
            "--binary", binary.path, "--compression-level", "0",
        ])
        let clock = ContinuousClock()
        let started = clock.now
        let result = try await PublishImageRun(options: options, environment: [:]).execute { lines.append($0) }
        let published = clock.now
        let report = try #require(result.report)
        let airlineImage = try #require(lines.first { $0.hasPrefix("AIRLINE_IMAGE=") })
        #expect(airlineImage == "AIRLINE_IMAGE=\(registry.host)/tests/airline-analytics@\(result.image.digest)")
        #expect(lines.contains("Digest: \(result.image.digest)"))
        #expect(report.pinnedReference.digest == result.image.digest)

        // Input and outputs in a folder the container's non-root user (10001) can write to.
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: directory.path)
        try FileManager.default.copyItem(
            at: try Fixtures.url("sample.csv.gz"), to: directory.appendingPathComponent("sample.csv.gz"))

        let host = try await runProcess(
            binary,
            [
                "--input", directory.appendingPathComponent("sample.csv.gz").path,
                "--output", directory.appendingPathComponent("host.parquet").path,
            ])
        try #require(host.status == 0, "host run failed: \(host.stderr)")

        let run = try await podman.run([
            "run", "--rm", "--tls-verify=false", "--network", "none", "-v", "\(directory.path):/data",
            report.pinnedReference.description,
            "AirlineAnalytics", "--input", "/data/sample.csv.gz", "--output", "/data/container.parquet",
        ])
        let ran = clock.now
        try #require(run.status == 0, "podman run failed (\(run.status)): \(run.standardErrorText.suffix(2000))")
        let fromContainer = try Data(contentsOf: directory.appendingPathComponent("container.parquet"))
        let fromHost = try Data(contentsOf: directory.appendingPathComponent("host.parquet"))
        #expect(fromContainer.count > 0)
        #expect(fromContainer == fromHost)

        // The container ran as the image's non-root user. (Its default command, AirlineAnalytics --help, is not run:
        // with vfs storage every container copies the ~130 MB root file system, ~20 s here.)
        let owner = try FileManager.default.attributesOfItem(
            atPath: directory.appendingPathComponent("container.parquet").path)[.ownerAccountID]
        #expect((owner as? NSNumber)?.intValue == 10001)
        #expect(result.image.configuration.config.cmd == ["AirlineAnalytics", "--help"])
        print(
            "PublishImage test image: \(result.image.compressedSize) bytes pushed (uncompressed debug binary and its Swift runtime);",
            "assemble+push \(published - started), podman pull+run \(ran - published)",
            lines.filter { $0.hasPrefix("Assembled") || $0.hasPrefix("Pushed") })
    }
}

extension ImageRunsInPodmanTests {
    /// podman unpacks a gzip layer written by CompressionCodecs' encoder: a small FROM-scratch image of the
    /// host's `/bin/cat` (with its libc and loader) prints the image's own `/etc/passwd`.
    @Test func gzipLayerOfAHostProgramRunsUnderPodman() async throws {
        guard let podman = PodmanSandbox.makeIfRunnable() else { return }
        defer { podman.remove() }
        guard let registry = try await LocalRegistry.startIfInstalled() else { return }
        defer { registry.stop() }
        let user = ExecutableImageContents.User(name: "cat", uid: 4242, home: "/home/cat")
        let contents = try await ExecutableImageContents(
            executable: URL(fileURLWithPath: "/bin/cat"), installPath: "/bin/cat",
            user: user, caCertificates: nil
        ).layerContents()
        let image = try ContainerImage(
            layers: [try ImageLayer(contents: contents, compression: .gzip(level: 6))],
            runtime: .init(user: user.configValue, cmd: ["/bin/cat", "/etc/passwd"]))
        let client = try ContainerRegistryClient(loginServer: registry.host)
        let report = try await ImagePublisher(client: client, repository: "tests/cat").publish(image, tag: "gzip")
        let run = try await podman.run([
            "run", "--rm", "--tls-verify=false", "--network", "none", report.pinnedReference.description,
        ])
        try #require(run.status == 0, "podman run failed (\(run.status)): \(run.standardErrorText.suffix(2000))")
        #expect(run.standardOutputText.contains("cat:x:4242:4242:cat:/home/cat:/sbin/nologin"))
    }
}

/// podman with this VM's tested configuration (../shared/reference/containers-and-browser.md): runc, cgroupfs,
/// explicit nofile/nproc ulimits (root here cannot raise rlimits), vfs storage, all in a private folder named
/// by CONTAINERS_CONF and CONTAINERS_STORAGE_CONF, so nothing under /etc is touched.
struct PodmanSandbox {
    let podman: URL
    let directory: URL
    let environment: [String: String]

    /// A sandbox when podman and runc are installed and a container actually starts; otherwise prints why and
    /// returns `nil`.
    static func makeIfRunnable(test: String = #function) -> PodmanSandbox? {
        guard let podman = ChildProcess.find("podman"), ChildProcess.find("runc") != nil else {
            print(
                "⚠️ SKIPPED \(test): podman and runc are not installed (apt-get install -y podman runc; .ci/run does this)"
            )
            return nil
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("podman-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let containers = directory.appendingPathComponent("containers.conf")
            try """
            [containers]
            default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]
            netns = "none"
            [engine]
            runtime = "runc"
            cgroup_manager = "cgroupfs"
            events_logger = "file"
            """.write(to: containers, atomically: true, encoding: .utf8)
            let storage = directory.appendingPathComponent("storage.conf")
            try """
            [storage]
            driver = "vfs"
            runroot = "\(directory.appendingPathComponent("run").path)"
            graphroot = "\(directory.appendingPathComponent("storage").path)"
            """.write(to: storage, atomically: true, encoding: .utf8)
            var environment = ProcessInfo.processInfo.environment
            environment["CONTAINERS_CONF"] = containers.path
            environment["CONTAINERS_STORAGE_CONF"] = storage.path
            environment["TMPDIR"] = directory.path
            return PodmanSandbox(podman: podman, directory: directory, environment: environment)
        } catch {
            print("⚠️ SKIPPED \(test): cannot write the podman configuration: \(error)")
            return nil
        }
    }

    func run(_ arguments: [String]) async throws -> ChildProcess.Result {
        try await ChildProcess(podman, arguments, environment: environment).run()
    }

    /// Deletes the containers' storage (vfs copies every layer, so it is large).
    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}
