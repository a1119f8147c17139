import AzureKitCore
import Foundation

/// The per-request transport checksum for uploads and ranged downloads.
///
/// The service checks it on every Put Blob / Put Block (400 `Md5Mismatch` / `Crc64Mismatch`) and returns it for
/// ranged reads of 4 MiB or less. MD5 and CRC64 are never sent together (the service rejects that).
public struct TransferChecksum: ExtensibleStringValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// No checksum: TLS still protects the bytes in transit.
    public static let none = TransferChecksum(rawValue: "none")
    /// `Content-MD5` (base64 of the MD5 digest).
    public static let md5 = TransferChecksum(rawValue: "md5")
    /// `x-ms-content-crc64` (Azure's CRC64, base64 of the little-endian bytes); faster than MD5.
    public static let crc64 = TransferChecksum(rawValue: "crc64")

    /// The header that carries this checksum on requests and responses, or `nil` for ``none``.
    public var headerName: String? {
        switch self {
        case .md5: return "Content-MD5"
        case .crc64: return "x-ms-content-crc64"
        default: return nil
        }
    }

    /// The header asking a ranged GET to return this checksum (ranges of 4 MiB or less only).
    var rangeRequestHeader: String? {
        switch self {
        case .md5: return "x-ms-range-get-content-md5"
        case .crc64: return "x-ms-range-get-content-crc64"
        default: return nil
        }
    }

    /// The header value for `data`, or `nil` for ``none``.
    public func headerValue(for data: Data) -> String? {
        var checksum = running()
        checksum.update(data)
        return checksum.headerValue
    }

    /// The largest range for which the service returns a range checksum.
    static let maxValidatedRange = 4 << 20
}
