/// What a blob-service SAS grants access to.
public struct BlobSASResource: Sendable, Hashable, CustomStringConvertible {
    enum Kind: Sendable, Hashable {
        case container
        case blob
        case snapshot(String)
        case version(String)
    }

    /// The container name.
    public let container: String
    /// The blob name, unencoded (`dir one/report ü.csv`); `nil` for a container SAS.
    public let blobName: String?
    let kind: Kind

    /// A container SAS (`sr=c`).
    public static func container(_ name: String) -> Self {
        Self(container: name, blobName: nil, kind: .container)
    }

    /// A blob SAS (`sr=b`). `name` is the blob name as stored, not percent-encoded.
    public static func blob(container: String, name: String) -> Self {
        Self(container: container, blobName: name, kind: .blob)
    }

    /// A SAS for one snapshot of a blob (`sr=bs`). The request URL must carry `snapshot=<snapshot>`;
    /// like the Python SDK, the token itself does not repeat it.
    public static func blobSnapshot(container: String, name: String, snapshot: String) -> Self {
        Self(container: container, blobName: name, kind: .snapshot(snapshot))
    }

    /// A SAS for one version of a blob (`sr=bv`). The request URL must carry `versionid=<id>`.
    public static func blobVersion(container: String, name: String, versionID: String) -> Self {
        Self(container: container, blobName: name, kind: .version(versionID))
    }

    /// The `sr` value.
    public var signedResource: String {
        switch kind {
        case .container: "c"
        case .blob: "b"
        case .snapshot: "bs"
        case .version: "bv"
        }
    }

    /// The snapshot time or version id signed in the `snapshotTime` line ("" otherwise).
    var snapshotTime: String {
        switch kind {
        case .snapshot(let value), .version(let value): value
        case .container, .blob: ""
        }
    }

    /// `/blob/<account>/<container>[/<blob>]` with the blob name unencoded.
    func canonicalizedResource(account: String) -> String {
        "/blob/" + account + "/" + container + (blobName.map { "/" + $0 } ?? "")
    }

    func validate() throws(SigningError) {
        guard !container.isEmpty else {
            throw SigningError(.invalidSASParameter, "The container name of the SAS resource is empty.")
        }
        if let blobName, blobName.isEmpty {
            throw SigningError(.invalidSASParameter, "The blob name of the SAS resource is empty.")
        }
        if snapshotTime.isEmpty, kind != .container, kind != .blob {
            throw SigningError(.invalidSASParameter, "The snapshot or version id of the SAS resource is empty.")
        }
    }

    public var description: String {
        "\(signedResource):\(container)" + (blobName.map { "/" + $0 } ?? "")
    }
}
