import AzureKitCore
import Foundation

/// Where a download's ranges land: bytes written at positions counted from the download's first byte, by
/// several range tasks at once (each into its own region).
protocol DownloadDestination: Sendable {
    func write(_ data: Data, at position: Int64) throws
}

extension AtomicFile: DownloadDestination {}

/// The result of ``BlobClient/downloadData(options:logger:)``, allocated once at its final size and filled in
/// place by the range tasks, then handed over as `Data` without a copy.
final class DownloadBuffer: DownloadDestination, @unchecked Sendable {
    // Range tasks write disjoint regions; `take()` runs after every write finished.
    private let bytes: UnsafeMutableRawBufferPointer
    private var taken = false

    init(count: Int) {
        bytes = .allocate(byteCount: max(1, count), alignment: 16)
        self.count = count
    }

    let count: Int

    deinit { if !taken { bytes.deallocate() } }

    func write(_ data: Data, at position: Int64) throws {
        let start = Int(position)
        guard start >= 0, start + data.count <= count else {
            throw AzureClientError(
                .unexpectedRange, "bytes \(start)..<\(start + data.count) lie outside the \(count)-byte download")
        }
        data.withUnsafeBytes { source in
            guard let base = source.baseAddress else { return }
            (bytes.baseAddress! + start).copyMemory(from: base, byteCount: source.count)
        }
    }

    /// The bytes as `Data`, which takes over the memory; call once, after the last write.
    func take() -> Data {
        taken = true
        guard count > 0, let base = bytes.baseAddress else {
            bytes.deallocate()
            return Data()
        }
        return Data(bytesNoCopy: base, count: count, deallocator: .custom { pointer, _ in pointer.deallocate() })
    }
}
