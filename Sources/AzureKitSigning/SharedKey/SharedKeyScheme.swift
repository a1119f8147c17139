/// Which service's Shared Key canonicalization to apply.
///
/// Storage and Batch share the string-to-sign layout but differ in the details:
///
/// | rule | ``storage`` | ``batch`` |
/// | --- | --- | --- |
/// | canonicalized headers | `x-ms-*` | `ocp-*` |
/// | header order | the service's collation (``StorageHeaderCollation``) | ordinal |
/// | `Content-Length: 0` | signed as an empty line (x-ms-version 2015-02-21 and later) | signed as `0` |
/// | repeated query parameter | values sorted, joined with `,` | values in request order, joined with `,` |
public struct SharedKeyScheme: Sendable, Hashable, CustomStringConvertible {
    enum Kind: Sendable, Hashable {
        case storage
        case batch
    }

    let kind: Kind

    /// Azure Storage (Blob, Queue, File, Table): `Authorization: SharedKey` with `x-ms-*` headers.
    public static let storage = SharedKeyScheme(kind: .storage)
    /// Azure Batch data plane: `Authorization: SharedKey` with `ocp-*` headers.
    public static let batch = SharedKeyScheme(kind: .batch)

    /// The prefix (lower case) of the headers that go into the canonicalized-headers block.
    var canonicalHeaderPrefix: String {
        switch kind {
        case .storage: "x-ms-"
        case .batch: "ocp-"
        }
    }

    /// The header that carries the request time for this service (`x-ms-date` or `ocp-date`),
    /// stamped with ``AzureDateFormat/rfc1123(_:)`` on every attempt before signing.
    public var dateHeaderName: String {
        switch kind {
        case .storage: "x-ms-date"
        case .batch: "ocp-date"
        }
    }

    public var description: String {
        switch kind {
        case .storage: "storage"
        case .batch: "batch"
        }
    }
}
