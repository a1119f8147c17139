/// The hot loop, in two stages per window of the chunk (simdjson style):
/// 1. structural indexing: 64-byte SIMD blocks become bitmasks; separators outside quotes are flattened into an
///    array of offsets, and each record end is stored as its ordinal in that array;
/// 2. rows: a record with the expected field count finds every projected field by direct indexing (field k
///    spans `separators[k-1]+1 ..< separators[k]`), so unprojected fields cost nothing beyond stage 1.
///
/// Each chunk starts at a record boundary outside quotes and ends with a newline outside quotes (the reader
/// guarantees both); the buffer must have 64 readable bytes past the end.
final class ChunkParser {
    /// Bytes indexed per stage-1 window: small enough that the index stays in L1/L2.
    static let window = 16 << 10

    let plan: QueryPlan
    let fieldCount: Int
    /// Projected (field, slot) pairs in field order.
    let projectedFields: UnsafeMutablePointer<Int>
    let projectedSlots: UnsafeMutablePointer<Int>
    let projectedCount: Int
    let keySlots: UnsafeMutablePointer<Int>
    let keyCount: Int
    let valueSlots: UnsafeMutablePointer<Int>
    let valueCount: Int
    let isNull: UnsafeMutablePointer<Bool>
    let isDouble: UnsafeMutablePointer<Bool>
    let integers: UnsafeMutablePointer<Int64>
    let doubles: UnsafeMutablePointer<Double>
    let keyBuffer: UnsafeMutablePointer<Int64>
    let numericSlot: UnsafeMutablePointer<Bool>
    let hasTextFilters: UnsafeMutablePointer<Bool>
    let slotCount: Int
    let hasNumericFilters: Bool
    /// Stage-1 output: separator offsets (chunk-relative) and record-end ordinals into `separators`.
    var separators: UnsafeMutablePointer<Int32>
    var separatorCapacity: Int
    var recordEnds: UnsafeMutablePointer<Int32>
    var recordEndCapacity: Int
    var rowRejected = false
    var rowBad = false

    init(plan: QueryPlan) {
        self.plan = plan
        fieldCount = plan.fieldCount
        slotCount = plan.slots.count
        let pairs = plan.slots.enumerated().map { ($0.element.field, $0.offset) }.sorted { $0.0 < $1.0 }
        projectedCount = pairs.count
        projectedFields = .allocate(capacity: max(1, pairs.count))
        projectedSlots = .allocate(capacity: max(1, pairs.count))
        for (index, pair) in pairs.enumerated() {
            projectedFields[index] = pair.0
            projectedSlots[index] = pair.1
        }
        keyCount = plan.keySlots.count
        keySlots = .allocate(capacity: max(1, keyCount))
        for (index, slot) in plan.keySlots.enumerated() { keySlots[index] = slot }
        keyBuffer = .allocate(capacity: max(1, keyCount))
        keyBuffer.initialize(repeating: 0, count: max(1, keyCount))
        valueCount = plan.valueSlots.count
        valueSlots = .allocate(capacity: max(1, valueCount))
        for (index, slot) in plan.valueSlots.enumerated() { valueSlots[index] = slot }
        let slots = max(slotCount, 1)
        isNull = .allocate(capacity: slots)
        isNull.initialize(repeating: true, count: slots)
        isDouble = .allocate(capacity: slots)
        isDouble.initialize(repeating: false, count: slots)
        integers = .allocate(capacity: slots)
        integers.initialize(repeating: 0, count: slots)
        doubles = .allocate(capacity: slots)
        doubles.initialize(repeating: 0, count: slots)
        numericSlot = .allocate(capacity: slots)
        numericSlot.initialize(repeating: false, count: slots)
        hasTextFilters = .allocate(capacity: slots)
        hasTextFilters.initialize(repeating: false, count: slots)
        for (index, slot) in plan.slots.enumerated() {
            numericSlot[index] = slot.numeric
            hasTextFilters[index] = !slot.textFilters.isEmpty
        }
        hasNumericFilters = !plan.numericFilters.isEmpty
        separatorCapacity = Self.window + 64
        separators = .allocate(capacity: separatorCapacity)
        recordEnds = .allocate(capacity: Self.window + 64)
        recordEndCapacity = Self.window + 64
    }

    deinit {
        projectedFields.deallocate()
        projectedSlots.deallocate()
        keySlots.deallocate()
        keyBuffer.deallocate()
        valueSlots.deallocate()
        isNull.deallocate()
        isDouble.deallocate()
        integers.deallocate()
        doubles.deallocate()
        numericSlot.deallocate()
        hasTextFilters.deallocate()
        separators.deallocate()
        recordEnds.deallocate()
    }

    /// Parses `count` bytes at `base` into `table`.
    func parse(_ base: UnsafePointer<UInt8>, count: Int, into table: inout GroupTable) throws(ChunkFailure)
        -> ChunkCounts
    {
        var counts = ChunkCounts()
        let delimiter = plan.delimiter
        let quote = plan.quote
        var inside: UInt64 = 0
        var carried = 0  // separators of the unfinished record, already at the front of `separators`
        var rowStart = 0
        var windowStart = 0
        while windowStart < count {
            let windowEnd = min(count, windowStart + Self.window)
            if carried + Self.window + 64 > separatorCapacity { growSeparators(to: (carried + Self.window + 64) * 2) }
            // Stage 1.
            var separatorCount = carried
            var recordCount = 0
            var blockStart = windowStart
            let out = separators
            let ends = recordEnds
            while blockStart < windowEnd {
                let masks = BlockClassifier.classify(UnsafeRawPointer(base + blockStart), delimiter: delimiter, quote: quote)
                var structural = masks.separators
                var newlines = masks.newlines
                let remaining = windowEnd &- blockStart
                if remaining < 64 {
                    let valid: UInt64 = (1 << UInt64(remaining)) &- 1
                    structural &= valid
                    newlines &= valid
                }
                let quotes = remaining < 64 ? masks.quotes & ((1 << UInt64(remaining)) &- 1) : masks.quotes
                if quotes != 0 || inside != 0 {
                    let quoted = BlockClassifier.prefixXor(quotes) ^ inside
                    inside = UInt64(bitPattern: Int64(bitPattern: quoted) >> 63)
                    // Newlines inside quotes are not record ends, but they are lines (for error positions).
                    counts.newlines &+= (newlines & quoted).nonzeroBitCount
                    structural &= ~quoted
                    newlines &= ~quoted
                }
                // Flatten: every separator's offset; a newline also closes a record (branch-free bookkeeping).
                let offset = Int32(truncatingIfNeeded: blockStart)
                while structural != 0 {
                    let bit = structural.trailingZeroBitCount
                    out[separatorCount] = offset &+ Int32(truncatingIfNeeded: bit)
                    ends[recordCount] = Int32(truncatingIfNeeded: separatorCount)
                    recordCount &+= Int(truncatingIfNeeded: (newlines &>> UInt64(bit)) & 1)
                    separatorCount &+= 1
                    structural &= structural &- 1
                }
                blockStart &+= 64
            }
            counts.newlines &+= recordCount
            // Stage 2.
            var previous = -1  // ordinal of the previous record's newline
            for record in 0..<recordCount {
                let end = Int(recordEnds[record])
                try row(
                    base, firstSeparator: previous + 1, endSeparator: end, start: rowStart, table: &table, counts: &counts)
                rowStart = Int(separators[end]) &+ 1
                previous = end
            }
            carried = separatorCount - (previous + 1)
            if carried > 0, previous >= 0 {
                separators.update(from: separators + previous + 1, count: carried)
            }
            windowStart = windowEnd
        }
        return counts
    }

    private func growSeparators(to capacity: Int) {
        let grown = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
        grown.update(from: separators, count: separatorCapacity)
        separators.deallocate()
        separators = grown
        separatorCapacity = capacity
        // Stage 1 writes a (provisional) record end per separator, so both arrays grow together.
        recordEnds.deallocate()
        recordEnds = .allocate(capacity: capacity)
        recordEndCapacity = capacity
    }
}
