extension ChunkParser {
    /// One record: bytes `start ... newline` (the newline outside quotes at chunk offset `newline`).
    @inline(__always)
    func row(
        _ base: UnsafePointer<UInt8>, origin: Int, start: Int, newline: Int, table: GroupTable,
        counts: inout ChunkCounts
    ) throws(ChunkFailure) {
        var cursor = SeparatorCursor(masks: separatorMasks, origin: origin, start: start)
        let fields = cursor.count(through: newline)
        if fields != fieldCount {
            if fields == 1, newline == start || (newline == start &+ 1 && base[start] == 0x0D) { return }  // blank line
            if plan.skipMalformed {
                counts.skipped &+= 1
                return
            }
            throw ChunkFailure(
                kind: .malformedRow, offset: start, column: nil,
                message: "expected \(fieldCount) fields, found \(fields)")
        }
        var previousEnd = start &- 1  // the separator before field `cursor.ordinal`
        for index in 0..<projectedCount {
            let field = projectedFields[index]
            if field > cursor.ordinal { previousEnd = cursor.offset(ofSeparator: field &- 1) }
            let fieldStart = previousEnd &+ 1
            var fieldEnd = cursor.offset(ofSeparator: field)
            previousEnd = fieldEnd
            if field == fieldCount &- 1, fieldEnd > fieldStart, base[fieldEnd &- 1] == 0x0D { fieldEnd &-= 1 }
            try decode(slot: projectedSlots[index], base + fieldStart, count: fieldEnd &- fieldStart, offset: fieldStart)
        }
        try finishRow(start: start, table: table, counts: &counts)
    }

    @inline(__always)
    func finishRow(start: Int, table: GroupTable, counts: inout ChunkCounts) throws(ChunkFailure) {
        if rowBad || rowRejected {
            if rowBad { counts.skipped &+= 1 } else { counts.filtered &+= 1 }
            rowBad = false
            rowRejected = false
            return
        }
        if hasNumericFilters {
            for (slot, predicate) in plan.numericFilters where !numericFilterPasses(slot, predicate) {
                counts.filtered &+= 1
                return
            }
        }
        for position in 0..<keyCount {
            let slot = keySlots[position]
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
        for column in 0..<valueCount {
            let slot = valueSlots[column]
            if isNull[slot] { continue }
            if !numericSlot[slot] {
                // count(col) over a non-numeric column only needs the null flag.
                table.add(Int64(0), group: group, value: column)
            } else if isDouble[slot] {
                table.add(doubles[slot], group: group, value: column)
            } else {
                table.add(integers[slot], group: group, value: column)
            }
        }
    }

    func numericFilterPasses(_ slot: Int, _ predicate: Predicate) -> Bool {
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

    static func compare(_ left: Double, _ right: Double) -> Int { left < right ? -1 : (left == right ? 0 : 1) }
}
