import Foundation
import ParquetKit

/// A text column of a ``ResultTable`` held as a dictionary (each distinct text once, an index per row), with its
/// `[String?]` spelled out once, on the first read of ``ResultTable/Column/values``: the Parquet writer never needs
/// it, a caller reading the table in Swift pays for it once.
final class TextColumn: @unchecked Sendable {
    let dictionary: ParquetStringDictionary
    private let lock = NSLock()
    private var spelled: [String?]?

    init(_ dictionary: ParquetStringDictionary) { self.dictionary = dictionary }

    var count: Int { dictionary.count }

    var strings: [String?] {
        lock.withLock {
            if let spelled { return spelled }
            let strings = dictionary.strings
            spelled = strings
            return strings
        }
    }
}
