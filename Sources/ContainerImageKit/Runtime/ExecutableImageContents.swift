import AzureKitCore
import Foundation

/// A layer that runs one Linux executable FROM scratch: the binary, the shared libraries and loader `ldd`
/// lists (unless the binary is static), the host's CA certificates (HTTPS to Blob Storage), `/tmp` (`1777`),
/// and `/etc/passwd` and `/etc/group` entries for root and one non-root user.
///
/// ```swift
/// let contents = try await ExecutableImageContents(executable: binary, installPath: "/usr/local/bin/AirlineAnalytics").layerContents()
/// let layer = try ImageLayer(contents: contents)
/// ```
public struct ExecutableImageContents: Sendable {
    /// The non-root account the image runs as.
    public struct User: Sendable, Equatable {
        public var name: String
        public var uid: Int
        public var home: String
        public init(name: String = "app", uid: Int = 10001, home: String = "/work") {
            self.name = name
            self.uid = uid
            self.home = home
        }
        /// `uid:gid` as the image configuration's `User` takes it.
        public var configValue: String { "\(uid):\(uid)" }
    }

    public var executable: URL
    public var installPath: String
    public var user: User
    /// Collect `ldd`'s libraries and loader; off when a base image provides them (or the binary is static).
    public var includeSharedLibraries: Bool
    /// The host CA bundle copied to `/etc/ssl/certs/ca-certificates.crt`; `nil` leaves certificates out.
    public var caCertificates: URL?
    /// Write `/etc/passwd` and `/etc/group` (root and ``user``); off on a base image, whose accounts would be
    /// replaced.
    public var includeAccounts: Bool

    /// Where Debian, Ubuntu and Alpine keep the CA bundle (and where OpenSSL and libcurl look for it).
    public static let caBundlePath = "/etc/ssl/certs/ca-certificates.crt"

    public init(
        executable: URL, installPath: String, user: User = User(), includeSharedLibraries: Bool = true,
        caCertificates: URL? = URL(fileURLWithPath: ExecutableImageContents.caBundlePath), includeAccounts: Bool = true
    ) {
        self.executable = executable
        self.installPath = installPath
        self.user = user
        self.includeSharedLibraries = includeSharedLibraries
        self.caCertificates = caCertificates
        self.includeAccounts = includeAccounts
    }

    /// The contents for a layer on top of a base image: the binary, `/tmp` and the home directory only; the
    /// base provides libraries, certificates and accounts.
    public static func onBaseImage(executable: URL, installPath: String, user: User = User()) -> ExecutableImageContents
    {
        ExecutableImageContents(
            executable: executable, installPath: installPath, user: user, includeSharedLibraries: false,
            caCertificates: nil, includeAccounts: false)
    }

    /// The files of the layer.
    ///
    /// - Throws: ``AzureKitCore/AzureClientError`` when a file cannot be read or `ldd` fails.
    public func layerContents() async throws -> LayerContents {
        var contents = LayerContents()
        try contents.addFile(installPath, copying: executable, mode: 0o755)
        if includeSharedLibraries {
            let dependencies = try await SharedLibraryDependencies.of(executable: executable)
            // Each file goes where ldd found it (the path the loader searches), with the resolved file's bytes:
            // the links between library names are not needed at run time.
            for library in dependencies.libraries {
                try contents.addFile(library, copying: URL(fileURLWithPath: library), mode: 0o755)
            }
            if let loader = dependencies.loader {
                try contents.addFile(loader, copying: URL(fileURLWithPath: loader), mode: 0o755)
            }
        }
        if let caCertificates {
            try contents.addFile(Self.caBundlePath, copying: caCertificates, mode: 0o644)
        }
        try contents.addDirectory("/tmp", mode: 0o1777)
        try contents.addDirectory(user.home, mode: 0o755, uid: user.uid, gid: user.uid)
        guard includeAccounts else { return contents }
        try contents.addFile(
            "/etc/passwd",
            contents: Data(
                """
                root:x:0:0:root:/root:/sbin/nologin
                \(user.name):x:\(user.uid):\(user.uid):\(user.name):\(user.home):/sbin/nologin

                """.utf8))
        try contents.addFile("/etc/group", contents: Data("root:x:0:\n\(user.name):x:\(user.uid):\n".utf8))
        return contents
    }
}
