import Crypto
import Foundation

/// A ``TransferChecksum`` computed over bytes fed in pieces, so a block read from a file or a range streamed to
/// disk is checked without holding it whole.
///
/// ```swift
/// var running = TransferChecksum.crc64.running()
/// running.update(firstChunk)
/// running.update(secondChunk)
/// running.headerValue      // the same as TransferChecksum.crc64.headerValue(for: firstChunk + secondChunk)
/// ```
struct RunningChecksum {
    private var crc64: CRC64?
    private var md5: Insecure.MD5?

    init(_ checksum: TransferChecksum) {
        switch checksum {
        case .crc64: crc64 = CRC64()
        case .md5: md5 = Insecure.MD5()
        default: break
        }
    }

    mutating func update(_ data: Data) {
        crc64?.update(data)
        md5?.update(data: data)
    }

    mutating func update(_ buffer: UnsafeRawBufferPointer) {
        crc64?.update(buffer)
        md5?.update(bufferPointer: buffer)
    }

    /// The header value for everything fed so far, or `nil` for ``TransferChecksum/none``.
    var headerValue: String? {
        if let crc64 { return crc64.headerValue }
        if let md5 { return Data(md5.finalize()).base64EncodedString() }
        return nil
    }
}

extension TransferChecksum {
    /// A checksum of this kind to feed piece by piece.
    func running() -> RunningChecksum { RunningChecksum(self) }
}
