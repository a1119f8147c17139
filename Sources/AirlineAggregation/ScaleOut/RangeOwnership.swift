import Foundation

/// What a range task found out while reading: where the records it owns start and end in the input, and how long
/// the header it put in front of them is. Written by the reading task, read once the scan is over.
final class RangeOwnership: @unchecked Sendable {
    private let lock = NSLock()
    private var start: Int?
    private var end: Int?
    private var header = 0
    private var body: Int?

    /// Where the owned records start (a byte offset, or a block's bit offset for bzip2).
    var ownedStart: Int? { lock.withLock { start } }
    /// Where the next range's records start.
    var ownedEnd: Int? { lock.withLock { end } }
    /// Bytes of the header record handed to the parser before the owned records.
    var headerLength: Int { lock.withLock { header } }
    /// The input offset of the first owned byte (plain CSV only), to report error offsets in input terms.
    var bodyOffset: Int? { lock.withLock { body } }

    func began(at offset: Int, headerLength: Int, bodyOffset: Int?) {
        lock.withLock {
            start = offset
            header = headerLength
            body = bodyOffset
        }
    }

    func ended(at offset: Int) { lock.withLock { end = offset } }
}
