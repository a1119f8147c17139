/// Counters of one parsed chunk.
struct ChunkCounts: Sendable {
    var rows = 0
    var skipped = 0
    var filtered = 0
    var newlines = 0

    mutating func add(_ other: ChunkCounts) {
        rows += other.rows
        skipped += other.skipped
        filtered += other.filtered
        newlines += other.newlines
    }
}

/// A failure inside a chunk, located by offset; the pipeline turns it into an ``AggregationError`` with a line.
struct ChunkFailure: Error {
    var kind: AggregationError.Kind
    var offset: Int
    var column: String?
    var message: String
}

/// The hot loop: walks a chunk of whole records with 64-byte structural bitmasks, decodes only projected fields,
/// and feeds rows into a worker's ``GroupTable``.
///
/// Each chunk starts at a record boundary outside quotes and ends with a newline outside quotes (the reader
/// guarantees both); the buffer must have 64 readable bytes past the end.
final class ChunkParser {
    private let plan: QueryPlan
    private let slotOfField: UnsafeMutablePointer<Int32>
    private let isNull: UnsafeMutablePointer<Bool>
    private let isDouble: UnsafeMutablePointer<Bool>
    private let integers: UnsafeMutablePointer<Int64>
    private let doubles: UnsafeMutablePointer<Double>
    private let keyBuffer: UnsafeMutablePointer<Int64>
    private let numericSlot: UnsafeMutablePointer<Bool>
    private let slotCount: Int
    private var rowRejected = false
    private var rowBad = false
    private var unquoted: [UInt8] = []

    init(plan: QueryPlan) {
        self.plan = plan
        slotCount = plan.slots.count
        let limit = Swift.max(plan.projectedLimit, 1)
        slotOfField = .allocate(capacity: limit)
        slotOfField.initialize(repeating: -1, count: limit)
        for (field, slot) in plan.slotOfField.enumerated() { slotOfField[field] = slot }
        let slots = Swift.max(slotCount, 1)
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
        for (index, slot) in plan.slots.enumerated() { numericSlot[index] = slot.numeric }
        keyBuffer = .allocate(capacity: Swift.max(plan.keySlots.count, 1))
        keyBuffer.initialize(repeating: 0, count: Swift.max(plan.keySlots.count, 1))
    }

    deinit {
        slotOfField.deallocate()
        isNull.deallocate()
        isDouble.deallocate()
        integers.deallocate()
        doubles.deallocate()
        numericSlot.deallocate()
        keyBuffer.deallocate()
    }

    /// Parses `count` bytes at `base` into `table`.
    func parse(_ base: UnsafePointer<UInt8>, count: Int, into table: inout GroupTable) throws(ChunkFailure)
        -> ChunkCounts
    {
        var counts = ChunkCounts()
        let limit = plan.projectedLimit
        let delimiter = plan.delimiter
        let quote = plan.quote
        var field = 0
        var fieldStart = 0
        var rowStart = 0
        var inside: UInt64 = 0
        var blockStart = 0
        rowRejected = false
        rowBad = false
        while blockStart < count {
            let masks = BlockClassifier.classify(UnsafeRawPointer(base + blockStart), delimiter: delimiter, quote: quote)
            var separators = masks.separators
            var newlines = masks.newlines
            var quotes = masks.quotes
            let remaining = count &- blockStart
            if remaining < 64 {
                let valid: UInt64 = (1 << UInt64(remaining)) &- 1
                separators &= valid
                newlines &= valid
                quotes &= valid
            }
            counts.newlines &+= newlines.nonzeroBitCount
            if quotes != 0 || inside != 0 {
                let quoted = BlockClassifier.prefixXor(quotes) ^ inside
                inside = UInt64(bitPattern: Int64(bitPattern: quoted) >> 63)
                separators &= ~quoted
                newlines &= ~quoted
            }
            while separators != 0 {
                if field >= limit {
                    // Past the last projected field: only count delimiters up to the end of the record.
                    let pending = newlines & separators
                    if pending == 0 {
                        field &+= separators.nonzeroBitCount
                        separators = 0
                        break
                    }
                    let below = (pending & (0 &- pending)) &- 1
                    field &+= (separators & below).nonzeroBitCount
                    separators &= ~below
                }
                let bit = separators.trailingZeroBitCount
                let end = blockStart &+ bit
                let isNewline = (newlines >> UInt64(bit)) & 1 != 0
                separators &= separators &- 1
                if field < limit {
                    let slot = Int(slotOfField[field])
                    if slot >= 0 {
                        var fieldEnd = end
                        if isNewline, fieldEnd > fieldStart, base[fieldEnd &- 1] == 0x0D { fieldEnd &-= 1 }
                        try decode(slot: slot, base + fieldStart, count: fieldEnd &- fieldStart, offset: fieldStart)
                    }
                }
                if isNewline {
                    try finishRow(fields: field &+ 1, start: rowStart, end: end, base: base, table: &table, counts: &counts)
                    field = 0
                    rowStart = end &+ 1
                } else {
                    field &+= 1
                }
                fieldStart = end &+ 1
            }
            blockStart &+= 64
        }
        return counts
    }

    // MARK: Rows

    @inline(__always)
    private func finishRow(
        fields: Int, start: Int, end: Int, base: UnsafePointer<UInt8>, table: inout GroupTable,
        counts: inout ChunkCounts
    ) throws(ChunkFailure) {
        defer {
            rowRejected = false
            rowBad = false
        }
        if fields != plan.fieldCount {
            if fields == 1, end == start || (end == start &+ 1 && base[start] == 0x0D) { return }  // blank line
            if plan.skipMalformed {
                counts.skipped &+= 1
                return
            }
            throw ChunkFailure(
                kind: .malformedRow, offset: start, column: nil,
                message: "expected \(plan.fieldCount) fields, found \(fields)")
        }
        if rowBad {
            counts.skipped &+= 1
            return
        }
        for (slot, predicate) in plan.numericFilters where !numericFilterPasses(slot, predicate) {
            rowRejected = true
            break
        }
        if rowRejected {
            counts.filtered &+= 1
            return
        }
        for (position, slot) in plan.keySlots.enumerated() {
            if isNull[slot] {
                keyBuffer[position] = GroupTable.nullKey
            } else if !isDouble[slot], integers[slot] >= Int64(Int32.min), integers[slot] <= Int64(Int32.max) {
                keyBuffer[position] = integers[slot]
            } else if plan.skipMalformed {
                counts.skipped &+= 1
                return
            } else {
                let shown = isDouble[slot] ? "\(doubles[slot])" : "\(integers[slot])"
                throw ChunkFailure(
                    kind: .invalidNumber, offset: start, column: plan.slots[slot].name,
                    message: "group key value \(shown) is not an INT32")
            }
        }
        counts.rows &+= 1
        let group = table.group(for: keyBuffer)
        table.countRow(group: group)
        for (column, slot) in plan.valueSlots.enumerated() where !isNull[slot] {
            if !numericSlot[slot] { continue }
            if isDouble[slot] {
                table.add(doubles[slot], group: group, value: column)
            } else {
                table.add(integers[slot], group: group, value: column)
            }
        }
        // count(col) over a non-numeric column only needs the null flag.
        for (column, slot) in plan.valueSlots.enumerated() where !numericSlot[slot] && !isNull[slot] {
            table.add(Int64(0), group: group, value: column)
        }
    }

    private func numericFilterPasses(_ slot: Int, _ predicate: Predicate) -> Bool {
        if isNull[slot] { return false }
        let ordering: Int
        switch predicate.literal {
        case .integer(let literal) where !isDouble[slot]:
            ordering = integers[slot] < literal ? -1 : (integers[slot] == literal ? 0 : 1)
        case .integer(let literal):
            ordering = Self.compare(doubles[slot], Double(literal))
        case .double(let literal):
            ordering = Self.compare(isDouble[slot] ? doubles[slot] : Double(integers[slot]), literal)
        case .text:
            return false
        }
        return predicate.matches(ordering)
    }

    private static func compare(_ left: Double, _ right: Double) -> Int { left < right ? -1 : (left == right ? 0 : 1) }

    // MARK: Fields

    @inline(__always)
    private func decode(slot: Int, _ start: UnsafePointer<UInt8>, count: Int, offset: Int) throws(ChunkFailure) {
        if count > 0, start[0] == plan.quote {
            try decodeQuoted(slot: slot, start, count: count, offset: offset)
            return
        }
        if !plan.slots[slot].textFilters.isEmpty { applyTextFilters(slot, start, count) }
        if count == 0 {
            if plan.emptyIsNull {
                isNull[slot] = true
                return
            }
        } else if numericSlot[slot] {
            let first = start[0]
            if first &- 48 <= 9 || first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".") {
                switch NumberParser.parse(start, count: count) {
                case .integer(let value):
                    isNull[slot] = false
                    isDouble[slot] = false
                    integers[slot] = value
                    return
                case .double(let value):
                    isNull[slot] = false
                    isDouble[slot] = true
                    doubles[slot] = value
                    return
                case .invalid:
                    break
                }
            }
        }
        if isNullToken(start, count) {
            isNull[slot] = true
            return
        }
        if !numericSlot[slot] {
            isNull[slot] = false
            return
        }
        if plan.skipMalformed {
            rowBad = true
            return
        }
        let shown = String(decoding: UnsafeBufferPointer(start: start, count: Swift.min(count, 64)), as: UTF8.self)
        throw ChunkFailure(
            kind: .invalidNumber, offset: offset, column: plan.slots[slot].name,
            message: "\"\(shown)\" is not a number")
    }

    /// A field in quotes: strip them, collapse doubled quotes, decode the content.
    private func decodeQuoted(slot: Int, _ start: UnsafePointer<UInt8>, count: Int, offset: Int) throws(ChunkFailure) {
        let raw = Array(UnsafeBufferPointer(start: start, count: count))
        unquoted = ReferenceTokenizer.unquote(raw, quote: plan.quote)
        if unquoted.count == raw.count {
            // Not a well-formed quoted field (e.g. `"12"x`): keep it as is, it will fail as a number.
            unquoted = raw
        }
        let copy = unquoted
        try copy.withUnsafeBufferPointer { (buffer: UnsafeBufferPointer<UInt8>) throws(ChunkFailure) in
            let pointer = buffer.baseAddress ?? start
            if buffer.isEmpty {
                // `""` is an empty string, not a null token match for NA.
                if !plan.slots[slot].textFilters.isEmpty { applyTextFilters(slot, pointer, 0) }
                isNull[slot] = plan.emptyIsNull
                if !plan.emptyIsNull, numericSlot[slot] { try invalid(slot, "\"\"", offset: offset) }
                return
            }
            if pointer[0] == plan.quote {
                try invalid(slot, String(decoding: buffer, as: UTF8.self), offset: offset)
                return
            }
            try decode(slot: slot, pointer, count: buffer.count, offset: offset)
        }
    }

    private func invalid(_ slot: Int, _ shown: String, offset: Int) throws(ChunkFailure) {
        if plan.skipMalformed {
            rowBad = true
            return
        }
        throw ChunkFailure(
            kind: .invalidNumber, offset: offset, column: plan.slots[slot].name,
            message: "\"\(shown.prefix(64))\" is not a number")
    }

    @inline(__always)
    private func isNullToken(_ start: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        for token in plan.nullTokens where token.count == count {
            var equal = true
            for index in 0..<count where token[index] != start[index] {
                equal = false
                break
            }
            if equal { return true }
        }
        return false
    }

    private func applyTextFilters(_ slot: Int, _ start: UnsafePointer<UInt8>, _ count: Int) {
        let isNullValue = (count == 0 && plan.emptyIsNull) || isNullToken(start, count)
        for filter in plan.slots[slot].textFilters {
            let (predicate, literal) = plan.textFilters[filter]
            if isNullValue {
                rowRejected = true
                continue
            }
            let value = UnsafeBufferPointer(start: start, count: count)
            let ordering = value.lexicographicallyPrecedes(literal) ? -1 : (value.elementsEqual(literal) ? 0 : 1)
            if !predicate.matches(ordering) { rowRejected = true }
        }
    }
}
