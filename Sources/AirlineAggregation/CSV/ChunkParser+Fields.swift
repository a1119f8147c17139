extension ChunkParser {

    @inline(__always)
    func decode(slot: Int, _ start: UnsafePointer<UInt8>, count: Int, offset: Int) throws(ChunkFailure) {
        if tracksSpelling[slot] {
            spellings[slot] = start
            spellingLengths[slot] = count
        }
        // Fast path: a plain integer of up to 8 digits (keys, delays), parsed branch-free with SWAR.
        if count > 0, count <= 9, numericSlot[slot], !hasTextFilters[slot] {
            let negative = start[0] == UInt8(ascii: "-")
            let digits = negative ? count &- 1 : count
            if digits > 0, digits <= 8, let value = NumberParser.eightDigits(start + (negative ? 1 : 0), count: digits)
            {
                isNull[slot] = false
                isDouble[slot] = false
                isText[slot] = false
                integers[slot] = negative ? 0 &- Int64(value) : Int64(value)
                return
            }
        }
        // Fast path: an unquoted text key of up to 8 bytes that cannot be a number (airports, carriers, tail
        // numbers) is interned here, without the general path's checks.
        if count > 0, count <= 8, internsShortText[slot] {
            let first = start[0]
            if first != plan.quote, first &- 48 > 9, first != UInt8(ascii: "-"), first != UInt8(ascii: "+"),
                first != UInt8(ascii: ".")
            {
                let prefix = TextPool.prefix(start, count)
                if !isShortNullToken(prefix, count) {
                    setTextKey(slot, id: currentTable.texts.intern(start, count: count, prefix: prefix))
                    return
                }
            }
        }
        try decodeGeneral(slot: slot, start, count: count, offset: offset)
    }

    /// A text key, interned in the worker's table: stored as an id above the INT32 range.
    @inline(__always)
    func setTextKey(_ slot: Int, id: Int) {
        isNull[slot] = false
        isDouble[slot] = false
        isText[slot] = true
        textIds[slot] = id
        integers[slot] = GroupTable.textBase + Int64(id)
    }

    /// Whether a field of at most eight bytes, given as its prefix word, is a null token.
    @inline(__always)
    func isShortNullToken(_ prefix: UInt64, _ count: Int) -> Bool {
        for index in 0..<shortNullCount where shortNullLengths[index] == count && shortNullWords[index] == prefix {
            return true
        }
        return false
    }

    func decodeGeneral(
        slot: Int, _ start: UnsafePointer<UInt8>, count: Int, offset: Int, unquoted: Bool = false
    ) throws(ChunkFailure) {
        if !unquoted, count > 0, start[0] == plan.quote {
            try decodeQuoted(slot: slot, start, count: count, offset: offset)
            return
        }
        if hasTextFilters[slot] { applyTextFilters(slot, start, count) }
        if count == 0 {
            if plan.emptyIsNull {
                isNull[slot] = true
                return
            }
        } else if numericSlot[slot] {
            let first = start[0]
            if first &- 48 <= 9 || first == UInt8(ascii: "-") || first == UInt8(ascii: "+")
                || first == UInt8(ascii: ".")
            {
                switch NumberParser.parse(start, count: count) {
                case .integer(let value)
                where !isKeySlot[slot] || (value >= Int64(Int32.min) && value <= Int64(Int32.max)):
                    isNull[slot] = false
                    isDouble[slot] = false
                    isText[slot] = false
                    integers[slot] = value
                    return
                case .double(let value) where !isKeySlot[slot]:
                    isNull[slot] = false
                    isDouble[slot] = true
                    isText[slot] = false
                    doubles[slot] = value
                    return
                default:
                    break  // not a number, or a key that is not an INT32: text below
                }
            }
        }
        if isNullToken(start, count) {
            isNull[slot] = true
            return
        }
        if isKeySlot[slot] {
            setTextKey(slot, id: currentTable.texts.intern(start, count: count))
            return
        }
        if allowsText[slot] {
            // A min/max/count(DISTINCT) input that is not a number: text.
            isNull[slot] = false
            isText[slot] = true
            if internsText[slot] { textIds[slot] = currentTable.texts.intern(start, count: count) }
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
    func decodeQuoted(slot: Int, _ start: UnsafePointer<UInt8>, count: Int, offset: Int) throws(ChunkFailure) {
        // `"a""b"` → `a"b`; a field that is not wrapped in quotes (e.g. `"12"x`) is kept as is.
        let value = ReferenceTokenizer.unquote(
            Array(UnsafeBufferPointer(start: start, count: count)), quote: plan.quote)
        if tracksSpelling[slot] { keepSpelling(value, slot: slot) }
        try value.withUnsafeBufferPointer { (buffer: UnsafeBufferPointer<UInt8>) throws(ChunkFailure) in
            try decodeGeneral(
                slot: slot, buffer.baseAddress ?? start, count: buffer.count, offset: offset, unquoted: true)
        }
    }

    /// Copies an unquoted spelling into the slot's own storage: it must outlive `value` until the row is added.
    private func keepSpelling(_ value: [UInt8], slot: Int) {
        if value.count > unquotedCapacities[slot] {
            unquotedSpellings[slot].deallocate()
            unquotedCapacities[slot] = value.count * 2
            unquotedSpellings[slot] = .allocate(capacity: value.count * 2)
        }
        value.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { unquotedSpellings[slot].update(from: base, count: buffer.count) }
        }
        spellings[slot] = UnsafePointer(unquotedSpellings[slot])
        spellingLengths[slot] = value.count
    }

    func invalid(_ slot: Int, _ shown: String, offset: Int) throws(ChunkFailure) {
        if plan.skipMalformed {
            rowBad = true
            return
        }
        throw ChunkFailure(
            kind: .invalidNumber, offset: offset, column: plan.slots[slot].name,
            message: "\"\(shown.prefix(64))\" is not a number")
    }

    @inline(__always)
    func isNullToken(_ start: UnsafePointer<UInt8>, _ count: Int) -> Bool {
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

    /// Evaluates the text-literal comparisons on this field: on the plain AND path a failure rejects the row, with
    /// an OR tree each result is kept for ``filterPasses(_:)``.
    func applyTextFilters(_ slot: Int, _ start: UnsafePointer<UInt8>, _ count: Int) {
        let isNullValue = (count == 0 && plan.emptyIsNull) || isNullToken(start, count)
        var fieldNumber: ParsedNumber?
        for position in rowFilter.textTestStart[slot]..<rowFilter.textTestStart[slot &+ 1] {
            let filter = rowFilter.textTestOrder[position]
            let test = rowFilter.textTests[filter]
            let literal = UnsafeBufferPointer(start: test.literal, count: test.literalCount)
            let literalNumber = test.number
            var holds = false
            switch test.op {
            case .isNull: holds = isNullValue
            case .isNotNull: holds = !isNullValue
            case .startsWith, .notStartsWith:
                let prefixed =
                    count >= literal.count
                    && literal.elementsEqual(UnsafeBufferPointer(start: start, count: literal.count))
                holds = !isNullValue && prefixed == (test.op == .startsWith)
            default: break
            }
            if !isNullValue, test.isOrdering {
                let ordering: Int
                if literalNumber != .invalid,
                    case let number = fieldNumber ?? NumberParser.parse(start, count: count), number != .invalid
                {
                    // A numeric literal in quotes against a numeric field: compare values, not spellings.
                    fieldNumber = number
                    ordering = Self.compare(number, literalNumber)
                } else {
                    let value = UnsafeBufferPointer(start: start, count: count)
                    ordering = value.lexicographicallyPrecedes(literal) ? -1 : (value.elementsEqual(literal) ? 0 : 1)
                }
                holds = test.op.matches(ordering)
            }
            if !hasFilterTree {
                if !holds { rowRejected = true }
            } else {
                textResults[filter] = holds
            }
        }
    }

    /// Orders two parsed numbers: exactly when both are integers, as doubles otherwise.
    static func compare(_ left: ParsedNumber, _ right: ParsedNumber) -> Int {
        switch (left, right) {
        case (.integer(let a), .integer(let b)): return a < b ? -1 : (a == b ? 0 : 1)
        case (.integer(let a), .double(let b)): return compare(Double(a), b)
        case (.double(let a), .integer(let b)): return compare(a, Double(b))
        case (.double(let a), .double(let b)): return compare(a, b)
        default: return 1
        }
    }
}
