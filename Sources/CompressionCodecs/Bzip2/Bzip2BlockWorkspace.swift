/// The large arrays one bzip2 block needs only while it is being decoded (8.1 MB for a 900 kB block).
///
/// Kept apart from `Bzip2BlockDecoder`, whose decoded bytes must outlive the decode until the block is committed:
/// the parallel pipeline keeps one decoder per block slot but only one workspace per worker thread.
final class Bzip2BlockWorkspace: @unchecked Sendable {
    /// bzip2's `tt`: low byte = the BWT column symbol, high 24 bits = the forward inverse-BWT link.
    let tt = UnsafeMutablePointer<UInt32>.allocate(capacity: Bzip2Constants.maxBlockSize)
    /// The inverse of `tt`'s links: previous row << 8 | the row's BWT symbol, for the backward half of the walk.
    let lastToFirst = UnsafeMutablePointer<UInt32>.allocate(capacity: Bzip2Constants.maxBlockSize)
    /// The BWT-decoded symbols of a block, before RLE1 is undone.
    let bwtOutput = UnsafeMutablePointer<UInt8>.allocate(capacity: Bzip2Constants.maxBlockSize)

    deinit {
        tt.deallocate()
        lastToFirst.deallocate()
        bwtOutput.deallocate()
    }
}
