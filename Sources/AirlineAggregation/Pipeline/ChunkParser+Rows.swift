extension ChunkParser {
    /// One record: separators `firstSeparator ... endSeparator` (the last is its newline), bytes from `start`.
    @inline(__always)
    func row(
        _ base: UnsafePointer<UInt8>, firstSeparator: Int, endSeparator: Int, start: Int, table: inout GroupTable,
        counts: inout ChunkCounts
    ) throws(ChunkFailure) {
        let fields = endSeparator &- firstSeparator &+ 1
        let separators = self.separators + firstSeparator
        if fields != fieldCount {
            let end = Int(separators[fields &- 1])
            if fields == 1, end == start || (end == start &+ 1 && base[start] == 0x0D) { return }  // blank line
            if plan.skipMalformed {
                counts.skipped &+= 1
                return
            }
            throw ChunkFailure(
                kind: .malformedRow, offset: start, column: nil,
                message: "expected \(fieldCount) fields, found \(fields)")
        }
        for index in 0..<projectedCount {
            let field = projectedFields[index]
            let fieldStart = field == 0 ? start : Int(separators[field &- 1]) &+ 1
            var fieldEnd = Int(separators[field])
            if field == fields &- 1, fieldEnd > fieldStart, base[fieldEnd &- 1] == 0x0D { fieldEnd &-= 1 }
            try decode(slot: projectedSlots[index], base + fieldStart, count: fieldEnd &- fieldStart, offset: fieldStart)
        }
        try finishRow(start: start, table: &table, counts: &counts)
    }

    @inline(__always)
    func finishRow(start: Int, table: inout GroupTable, counts: inout ChunkCounts) throws(ChunkFailure) {
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
