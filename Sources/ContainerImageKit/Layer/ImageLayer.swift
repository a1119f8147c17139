import AzureRegistryKit
import CompressionCodecs
import Foundation

/// One layer of an image: its descriptor (compressed media type, digest, size), its `diff_id` (digest of the
/// uncompressed tar) and where its bytes are.
public struct ImageLayer: Sendable, Equatable {
    /// Where the compressed bytes come from.
    public enum Source: Sendable, Equatable {
        /// Built here: the bytes are in memory.
        case bytes(Data)
        /// Inherited from a base image: fetched (or mounted) from that registry's repository when pushed.
        case baseImage(registry: String, repository: String)
    }

    /// How a built layer is compressed.
    public enum Compression: Sendable, Equatable {
        /// gzip with the project's own deflate encoder (CompressionCodecs), `level` 1…9.
        case gzip(level: Int)
        /// A plain tar (`application/vnd.oci.image.layer.v1.tar`): larger, but no compression cost.
        case none
    }

    public let descriptor: ContentDescriptor
    public let diffID: ImageDigest
    public let source: Source

    public init(descriptor: ContentDescriptor, diffID: ImageDigest, source: Source) {
        self.descriptor = descriptor
        self.diffID = diffID
        self.source = source
    }

    /// Builds a layer from `contents`: a reproducible tar (sorted entries, fixed `modificationTime`), then
    /// gzip. The same contents always give the same digest.
    ///
    /// ```swift
    /// let layer = try ImageLayer(contents: contents, compression: .gzip(level: 6))
    /// print(layer.descriptor.digest, layer.descriptor.size)
    /// ```
    public init(contents: LayerContents, compression: Compression = .gzip(level: 6), modificationTime: Int = 0) throws {
        let tar = try contents.tarArchive(modificationTime: modificationTime)
        let diffID = ImageDigest.sha256(of: tar)
        let compressed: Data
        let mediaType: String
        switch compression {
        case .gzip(let level):
            compressed = Data(Gzip.compress(tar, level: level))
            mediaType = ImageMediaType.gzipLayer
        case .none:
            compressed = Data(tar)
            mediaType = ImageMediaType.tarLayer
        }
        self.init(
            descriptor: ContentDescriptor(
                mediaType: mediaType, digest: .sha256(of: compressed), size: compressed.count),
            diffID: diffID, source: .bytes(compressed))
    }

    /// The uncompressed size is not kept; this is the size pushed.
    public var compressedSize: Int { descriptor.size }
}
