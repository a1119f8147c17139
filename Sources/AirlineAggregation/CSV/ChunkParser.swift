/// The hot loop, per batch of records (simdjson style, in C where the CPU's instructions matter):
/// 1. ``RecordScanner`` classifies 64-byte blocks into bitmasks of separators (delimiters and newlines), newlines
///    and quotes, clears what is inside quotes, and for each record reports its end, its field count and the
///    offsets of the separators around projected fields (`popcount` over whole blocks skips the others);
/// 2. rows: each record's projected fields are decoded and added to the group table.
///
/// Each chunk starts at a record boundary outside quotes and ends with a newline outside quotes (the reader
/// guarantees both); the buffer must have 64 readable bytes past the end.
final class ChunkParser {
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
    /// Group key slots that may hold text: numbers that fit INT32 are kept as numbers, anything else is interned.
    let isKeySlot: UnsafeMutablePointer<Bool>
    /// Per slot: the value is text (not a number); set by decoding for slots that allow text values and keys.
    let isText: UnsafeMutablePointer<Bool>
    /// Per slot: the text's id in the current table's pool (distinct inputs and text keys).
    let textIds: UnsafeMutablePointer<Int>
    /// Per slot: min/max/count(DISTINCT) inputs that may hold text (see ``QueryPlan/Slot/allowsText``).
    let allowsText: UnsafeMutablePointer<Bool>
    /// Per slot: distinct inputs, whose text values are interned while decoding.
    let internsText: UnsafeMutablePointer<Bool>
    /// Per slot: the value's spelling (unquoted) is kept for a text min/max: where it is and how long.
    let tracksSpelling: UnsafeMutablePointer<Bool>
    let spellings: UnsafeMutablePointer<UnsafePointer<UInt8>>
    let spellingLengths: UnsafeMutablePointer<Int>
    /// Per slot: storage for an unquoted spelling (a quoted field's content is not in the chunk as is).
    let unquotedSpellings: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>>
    let unquotedCapacities: UnsafeMutablePointer<Int>
    /// Text min/max columns: their slot, and per value column its text column or -1.
    let textColumnSlots: UnsafeMutablePointer<Int>
    let textColumnCount: Int
    let textColumnOfValue: UnsafeMutablePointer<Int>
    /// count(DISTINCT) inputs: their slots.
    let distinctSlots: UnsafeMutablePointer<Int>
    let distinctCount: Int
    /// The table being filled (text keys are interned in its pool); set by ``parse(_:count:into:speculative:)``.
    var currentTable: GroupTable
    let hasTextFilters: UnsafeMutablePointer<Bool>
    let slotCount: Int
    /// Per text filter, whether it held for the current record (used only with an OR tree).
    let textResults: UnsafeMutablePointer<Bool>
    /// The WHERE compiled for this parser (see ``RowFilter``); `hasFilterTree` when it uses OR or expressions.
    let rowFilter: RowFilter
    let hasFilterTree: Bool
    /// Stage 1: records and the separators around projected fields.
    var scanner: RecordScanner
    /// Per projected field (in field order): the index among the scanner's boundaries of the separator before it
    /// (-1 for field 0: the record's start) and after it.
    let fieldStartBoundaries: UnsafeMutablePointer<Int>
    let fieldEndBoundaries: UnsafeMutablePointer<Int>
    var rowRejected = false
    var rowBad = false
    /// Key runs: when the key fields lead the projection and nothing filters rows, a record whose key bytes equal
    /// the previous accepted record's joins that record's group without decoding its keys (sorted input, like
    /// the airline files ordered by date, changes keys every few thousand rows).
    let keyRunFields: Int
    /// The previous accepted record's key bytes (in the current chunk) and group; `runLength` -1 when none.
    var runStart = 0
    var runLength = -1
    var runGroup = 0
    /// Per slot: a key without text filters, whose unquoted texts of up to eight bytes are interned by ``decode``
    /// itself.
    let internsShortText: UnsafeMutablePointer<Bool>
    /// The null tokens of one to eight bytes as ``TextPool/prefix(_:_:)`` words, and their lengths (a field of at
    /// most eight bytes can only equal these).
    let shortNullWords: UnsafeMutablePointer<UInt64>
    let shortNullLengths: UnsafeMutablePointer<Int>
    let shortNullCount: Int
    /// The projected index of the query's first key that may be text, else -1: rows are parsed with a lookahead
    /// on it (``parseWithLookahead(_:records:found:offsets:stride:table:counts:)``) once the pool is large.
    let lookaheadField: Int
    /// Per record of the batch, for the lookahead: the key field's start and length, its text hash (0: none)
    /// and its text id (-1: not known).
    let lookaheadStarts: UnsafeMutablePointer<Int>
    let lookaheadLengths: UnsafeMutablePointer<Int>
    let lookaheadHashes: UnsafeMutablePointer<UInt64>
    let lookaheadIds: UnsafeMutablePointer<Int>

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
        isKeySlot = .allocate(capacity: slots)
        isKeySlot.initialize(repeating: false, count: slots)
        currentTable = GroupTable(keyCount: 0, valueCount: 0)
        hasTextFilters = .allocate(capacity: slots)
        hasTextFilters.initialize(repeating: false, count: slots)
        isText = .allocate(capacity: slots)
        isText.initialize(repeating: false, count: slots)
        textIds = .allocate(capacity: slots)
        textIds.initialize(repeating: 0, count: slots)
        allowsText = .allocate(capacity: slots)
        internsText = .allocate(capacity: slots)
        tracksSpelling = .allocate(capacity: slots)
        spellings = .allocate(capacity: slots)
        spellingLengths = .allocate(capacity: slots)
        spellingLengths.initialize(repeating: 0, count: slots)
        unquotedSpellings = .allocate(capacity: slots)
        unquotedCapacities = .allocate(capacity: slots)
        for (index, slot) in plan.slots.enumerated() {
            numericSlot[index] = slot.numeric
            isKeySlot[index] = slot.textKey
            hasTextFilters[index] = !slot.textFilters.isEmpty
            allowsText[index] = slot.allowsText
            internsText[index] = slot.distinctInput
            tracksSpelling[index] = slot.tracksSpelling
        }
        let empty = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)
        for index in 0..<slots {
            if index >= plan.slots.count {
                allowsText[index] = false
                internsText[index] = false
                tracksSpelling[index] = false
            }
            spellings[index] = UnsafePointer(empty)
            unquotedSpellings[index] = index == 0 ? empty : .allocate(capacity: 64)
            unquotedCapacities[index] = 64
        }
        textColumnCount = plan.textValueColumns.count
        textColumnSlots = .allocate(capacity: max(1, textColumnCount))
        textColumnOfValue = .allocate(capacity: max(1, plan.valueSlots.count))
        textColumnOfValue.initialize(repeating: -1, count: max(1, plan.valueSlots.count))
        for (index, column) in plan.textValueColumns.enumerated() {
            textColumnSlots[index] = plan.valueSlots[column]
            textColumnOfValue[column] = index
        }
        distinctCount = plan.distinctSlots.count
        distinctSlots = .allocate(capacity: max(1, distinctCount))
        for (index, slot) in plan.distinctSlots.enumerated() { distinctSlots[index] = slot }
        rowFilter = RowFilter(plan: plan)
        hasFilterTree = plan.filterTree != nil
        textResults = .allocate(capacity: max(1, plan.textFilters.count))
        textResults.initialize(repeating: false, count: max(1, plan.textFilters.count))
        let leadingKeys = pairs.prefix { plan.slots[$0.1].isKey }.count
        // Runs need the keys to lead the projection, no row filters, and a separator (not the newline) after them.
        let lastKey = leadingKeys > 0 ? pairs[leadingKeys - 1].0 : fieldCount
        keyRunFields =
            leadingKeys == keyCount && keyCount > 0 && lastKey < fieldCount - 1
                && plan.numericFilters.isEmpty && plan.textFilters.isEmpty && plan.expressionFilters.isEmpty
            ? keyCount : 0
        let boundaries = Array(Set(pairs.flatMap { $0.0 > 0 ? [$0.0 - 1, $0.0] : [$0.0] })).sorted()
        fieldStartBoundaries = .allocate(capacity: max(1, pairs.count))
        fieldEndBoundaries = .allocate(capacity: max(1, pairs.count))
        for (index, pair) in pairs.enumerated() {
            fieldStartBoundaries[index] = pair.0 > 0 ? boundaries.firstIndex(of: pair.0 - 1)! : -1
            fieldEndBoundaries[index] = boundaries.firstIndex(of: pair.0)!
        }
        scanner = RecordScanner(boundaries: boundaries, delimiter: plan.delimiter, quote: plan.quote)
        // The first key that may be text (with several keys, only its pool line is worth requesting ahead: the
        // group is found by the whole key).
        let lookaheadSlot = plan.keySlots.first { plan.slots[$0].textKey }
        lookaheadField = lookaheadSlot.flatMap { slot in pairs.firstIndex { $0.1 == slot } } ?? -1
        internsShortText = .allocate(capacity: slots)
        for index in 0..<slots { internsShortText[index] = isKeySlot[index] && !hasTextFilters[index] }
        let shortNulls = plan.nullTokens.filter { $0.count <= 8 }
        shortNullCount = shortNulls.count
        shortNullWords = .allocate(capacity: max(1, shortNulls.count))
        shortNullLengths = .allocate(capacity: max(1, shortNulls.count))
        for (index, token) in shortNulls.enumerated() {
            shortNullLengths[index] = token.count
            shortNullWords[index] = token.enumerated().reduce(0) { $0 | UInt64($1.element) << UInt64($1.offset * 8) }
        }
        let batch = Int(RecordScanner.batchCapacity)
        lookaheadStarts = .allocate(capacity: batch)
        lookaheadLengths = .allocate(capacity: batch)
        lookaheadHashes = .allocate(capacity: batch)
        lookaheadIds = .allocate(capacity: batch)
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
        isKeySlot.deallocate()
        hasTextFilters.deallocate()
        textResults.deallocate()
        rowFilter.deallocate()
        scanner.deallocate()
        fieldStartBoundaries.deallocate()
        fieldEndBoundaries.deallocate()
        isText.deallocate()
        textIds.deallocate()
        allowsText.deallocate()
        internsText.deallocate()
        tracksSpelling.deallocate()
        spellings.deallocate()
        spellingLengths.deallocate()
        for index in 0..<max(slotCount, 1) { unquotedSpellings[index].deallocate() }
        unquotedSpellings.deallocate()
        unquotedCapacities.deallocate()
        textColumnSlots.deallocate()
        textColumnOfValue.deallocate()
        distinctSlots.deallocate()
        lookaheadStarts.deallocate()
        internsShortText.deallocate()
        shortNullWords.deallocate()
        shortNullLengths.deallocate()
        lookaheadLengths.deallocate()
        lookaheadHashes.deallocate()
        lookaheadIds.deallocate()
    }

    /// Parses `count` bytes at `base` into `table`. A `speculative` chunk fails with
    /// ``ChunkFailure/speculationFailed`` at the first batch of records that holds a quote byte.
    func parse(_ base: UnsafePointer<UInt8>, count: Int, into table: GroupTable, speculative: Bool = false)
        throws(ChunkFailure) -> ChunkCounts
    {
        var counts = ChunkCounts()
        currentTable = table
        runLength = -1  // a run never spans chunks: the bytes it points at belong to the previous one
        scanner.reset(base, count: count)
        let records = scanner.records
        let offsets = scanner.offsets
        let stride = scanner.boundaryCount
        var rowStart = 0
        while rowStart < count {
            let (found, resume) = scanner.next(from: rowStart)
            if speculative && scanner.sawQuote {
                throw ChunkFailure(
                    kind: ChunkFailure.speculationFailed, offset: rowStart, column: nil,
                    message: "quote in a speculative chunk")
            }
            guard found > 0 else {
                throw ChunkFailure(
                    kind: .malformedRow, offset: rowStart, column: nil, message: "record has no end of line")
            }
            counts.newlines &+= found
            if lookaheadField >= 0, table.texts.count >= Self.lookaheadMinimumTexts {
                try parseWithLookahead(
                    base, records: records, found: found, offsets: offsets, stride: stride, table: table,
                    counts: &counts)
            } else {
                for index in 0..<found {
                    try row(
                        base, record: records[index], offsets: offsets + index &* stride, table: table, counts: &counts)
                }
            }
            rowStart = resume
        }
        counts.newlines &+= scanner.quotedLineFeeds
        return counts
    }
}
