import ContainerImageKit
import Foundation

/// What goes into the AirlineAnalytics task image, in one place: where the binary lives, who runs it, and the
/// environment. Batch runs each task's command line (`AirlineAnalytics --input … --output …`) in the image, so
/// there is no entrypoint and the binary is on `PATH`.
public enum AirlineAnalyticsImage {
    public static let installPath = "/usr/local/bin/AirlineAnalytics"
    public static let user = ExecutableImageContents.User(name: "airline", uid: 10001, home: "/work")

    public static let runtime = ImageConfiguration.Runtime(
        user: user.configValue,
        env: ["PATH=/usr/local/bin:/usr/bin:/bin", "SSL_CERT_FILE=\(ExecutableImageContents.caBundlePath)"],
        cmd: ["AirlineAnalytics", "--help"],
        workingDir: user.home,
        labels: [
            "org.opencontainers.image.title": "airline-analytics",
            "org.opencontainers.image.description":
                "AirlineAnalytics: CSV -> group-by -> Parquet for Azure Batch tasks",
        ])

    /// Assembles the image around `binary`: FROM scratch with the binary's shared libraries, loader, CA
    /// certificates and accounts, or on `base` (which then provides them).
    public static func assemble(
        binary: URL, base: BaseImage? = nil, compression: ImageLayer.Compression = .gzip(level: 6),
        caCertificates: URL? = URL(fileURLWithPath: ExecutableImageContents.caBundlePath)
    ) async throws -> ContainerImage {
        let contents =
            base == nil
            ? ExecutableImageContents(
                executable: binary, installPath: installPath, user: user, caCertificates: caCertificates)
            : .onBaseImage(executable: binary, installPath: installPath, user: user)
        let layer = try ImageLayer(contents: try await contents.layerContents(), compression: compression)
        return try ContainerImage(base: base, layers: [layer], runtime: runtime)
    }
}
