/// A text column given ready dictionary-encoded: its distinct texts and one index per row.
///
/// A caller that already holds each distinct text once with a dense id (an interning pool, a
/// categorical column) passes the ids instead of a `String` per row: the writer then neither builds
/// nor hashes millions of strings. Each column chunk keeps only the dictionary entries its rows use,
/// renumbered in first-use order, so the file is the one ``ParquetColumnValues/string(_:)`` would write.
///
/// ```swift
/// let carriers = try ParquetStringDictionary(dictionary: ["AA", "WN"], indices: [1, 0, -1, 1])
/// try writer.write([.dictionaryString(carriers), .double(delays)])   // rows: WN, AA, null, WN
/// ```
public struct ParquetStringDictionary: Sendable, Hashable {
    /// The index of a null row.
    public static let nullIndex: Int32 = -1

    /// The texts rows refer to; entries no row uses are allowed (and left out of the file).
    public let dictionary: [String]
    /// Per row, a position in ``dictionary`` or ``nullIndex``.
    public let indices: [Int32]
    /// PLAIN size of each dictionary entry (4-byte length + UTF-8 bytes).
    let plainSizes: [Int]

    /// Checks every index: ``ParquetError/invalidOption(name:reason:)`` names the first row out of range.
    public init(dictionary: [String], indices: [Int32]) throws(ParquetError) {
        let count = dictionary.count
        if let row = indices.firstIndex(where: { $0 != Self.nullIndex && ($0 < 0 || Int($0) >= count) }) {
            throw .invalidOption(
                name: "indices", reason: "row \(row) refers to entry \(indices[row]) of a \(count)-entry dictionary")
        }
        self.dictionary = dictionary
        self.indices = indices
        plainSizes = dictionary.map { 4 + $0.utf8.count }
    }

    /// Number of rows, nulls included.
    public var count: Int { indices.count }

    /// The text of `row`, `nil` for a null.
    public subscript(row: Int) -> String? {
        let index = indices[row]
        return index == Self.nullIndex ? nil : dictionary[Int(index)]
    }

    /// The rows as strings (one `String` per row: what this type exists to avoid; for readers and tests).
    public var strings: [String?] { indices.map { $0 == Self.nullIndex ? nil : dictionary[Int($0)] } }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.strings == rhs.strings }
    public func hash(into hasher: inout Hasher) { hasher.combine(strings) }
}
