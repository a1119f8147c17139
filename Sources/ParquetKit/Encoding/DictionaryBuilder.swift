/// Dictionary encoding of one column chunk: the distinct non-null values in
/// first-seen order and one index per non-null value.
///
/// Building stops (returns `nil`) as soon as the dictionary page would exceed
/// `maximumBytes`, which bounds the work on high-cardinality columns.
public struct DictionaryBuilder<Value: ParquetPrimitive>: Sendable {
    /// Distinct values, written PLAIN on the dictionary page.
    public private(set) var values: [Value] = []
    /// One index into ``values`` per non-null input value, in row order.
    public private(set) var indices: [UInt32] = []
    /// Byte size of the PLAIN dictionary page payload.
    public private(set) var dictionaryPlainSize = 0
    /// Byte size the same values take PLAIN-encoded without a dictionary.
    public private(set) var plainSize = 0

    /// Values seen between checks of the distinct ratio.
    static var ratioCheckInterval: Int { 4096 }

    /// Builds the dictionary of `input`'s non-null values, or returns `nil` once it would
    /// exceed `maximumBytes`.
    ///
    /// - Parameter abandonWhenMostlyDistinct: also give up when, at a periodic check, more
    ///   than 3/4 of the values seen so far were distinct: such a dictionary cannot beat
    ///   PLAIN by much, and building it is the expensive part of writing a unique column.
    public init?(_ input: ArraySlice<Value?>, maximumBytes: Int, abandonWhenMostlyDistinct: Bool = false) {
        var positions: [Value.DictionaryKey: UInt32] = [:]
        var numbers = BitsIndex()
        indices.reserveCapacity(input.count)
        for value in input {
            guard let value else { continue }
            if abandonWhenMostlyDistinct, indices.count % Self.ratioCheckInterval == Self.ratioCheckInterval - 1,
                values.count * 4 > indices.count * 3
            {
                return nil
            }
            let size = value.plainSize
            plainSize += size
            let index = UInt32(truncatingIfNeeded: values.count)
            if let bits = value.dictionaryBits {
                let (found, inserted) = numbers.position(of: bits, insertingAt: index)
                if !inserted {
                    indices.append(found)
                    continue
                }
            } else if let found = positions[value.dictionaryKey] {
                indices.append(found)
                continue
            } else {
                positions[value.dictionaryKey] = index
            }
            dictionaryPlainSize += size
            guard dictionaryPlainSize <= maximumBytes, values.count < Int32.max else { return nil }
            values.append(value)
            indices.append(index)
        }
    }

    /// A dictionary built elsewhere (see ``ColumnChunkWriter/chunkDictionary(_:rows:overLimit:)``).
    init(values: [Value], indices: [UInt32], dictionaryPlainSize: Int, plainSize: Int) {
        self.values = values
        self.indices = indices
        self.dictionaryPlainSize = dictionaryPlainSize
        self.plainSize = plainSize
    }

    /// Bit width of the indices (0 for a one-entry dictionary).
    public var indexBitWidth: Int { RLEHybridEncoder.bitWidth(forMaxValue: values.count - 1) }

    /// Rough size of the dictionary-encoded chunk: dictionary page plus bit-packed indices.
    public var estimatedEncodedSize: Int {
        dictionaryPlainSize + (indices.count * indexBitWidth + 7) / 8 + 1
    }
}
