import CByteClassifier

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension ChunkParser {
    /// One record from the scanner: bytes `start ... newline`, with the offsets of the separators around its
    /// projected fields.
    @inline(__always)
    func row(
        _ base: UnsafePointer<UInt8>, record: csv_record, offsets: UnsafePointer<Int64>, table: GroupTable,
        counts: inout ChunkCounts
    ) throws(ChunkFailure) {
        let start = Int(record.start)
        let newline = Int(record.newline)
        if record.fields != fieldCount {
            let fields = Int(record.fields)
            if fields == 1, newline == start || (newline == start &+ 1 && base[start] == 0x0D) { return }  // blank line
            if plan.skipMalformed {
                counts.skipped &+= 1
                return
            }
            throw ChunkFailure(
                kind: .malformedRow, offset: start, column: nil,
                message: "expected \(fieldCount) fields, found \(fields)")
        }
        // A record that starts with the current run's key bytes and the separator after them has the same keys:
        // they are neither decoded nor looked up again.
        let sameKeys = runLength >= 0 && Self.sameBytes(base + start, base + runStart, count: runLength &+ 1)
        for index in (sameKeys ? keyRunFields : 0)..<projectedCount {
            let startBoundary = fieldStartBoundaries[index]
            let fieldStart = startBoundary < 0 ? start : Int(offsets[startBoundary]) &+ 1
            var fieldEnd = Int(offsets[fieldEndBoundaries[index]])
            if fieldEnd == newline, fieldEnd > fieldStart, base[fieldEnd &- 1] == 0x0D { fieldEnd &-= 1 }
            try decode(
                slot: projectedSlots[index], base + fieldStart, count: fieldEnd &- fieldStart, offset: fieldStart)
        }
        if sameKeys {
            finishRun(table: table, counts: &counts)
        } else {
            let accepted = try finishRow(start: start, table: table, counts: &counts)
            // An accepted record starts a run (its key span ends where its last key field does).
            if keyRunFields > 0 {
                runLength = accepted ? Int(offsets[fieldEndBoundaries[keyRunFields &- 1]]) &- start : -1
                runStart = start
            }
        }
    }

    /// Whether `count` bytes at `left` and `right` are equal; spans of up to 16 bytes (keys like `2007,1,1`) are
    /// compared as two words, which the buffer's slack makes readable.
    @inline(__always)
    static func sameBytes(_ left: UnsafePointer<UInt8>, _ right: UnsafePointer<UInt8>, count: Int) -> Bool {
        guard count <= 16 else { return memcmp(left, right, count) == 0 }
        let low =
            UnsafeRawPointer(left).loadUnaligned(as: UInt64.self)
            ^ UnsafeRawPointer(right).loadUnaligned(as: UInt64.self)
        let high =
            UnsafeRawPointer(left + 8).loadUnaligned(as: UInt64.self)
            ^ UnsafeRawPointer(right + 8).loadUnaligned(as: UInt64.self)
        let lowMask: UInt64 = count >= 8 ? ~0 : (1 &<< UInt64(count &* 8)) &- 1
        let highMask: UInt64 = count >= 16 ? ~0 : (count <= 8 ? 0 : (1 &<< UInt64((count &- 8) &* 8)) &- 1)
        return (low & lowMask) | (high & highMask) == 0
    }

    /// A record of the current run: its group is known, only its values are added.
    @inline(__always)
    func finishRun(table: GroupTable, counts: inout ChunkCounts) {
        if rowBad {
            counts.skipped &+= 1
            rowBad = false
            return
        }
        counts.rows &+= 1
        table.countRow(group: runGroup)
        addValues(group: runGroup, table: table)
    }

    /// Decoded keys to a group, then the values; false when the record was skipped or filtered out.
    @inline(__always)
    func finishRow(start: Int, table: GroupTable, counts: inout ChunkCounts) throws(ChunkFailure) -> Bool {
        if rowBad || rowRejected {
            if rowBad { counts.skipped &+= 1 } else { counts.filtered &+= 1 }
            rowBad = false
            rowRejected = false
            return false
        }
        if !rowFilter.isEmpty, try !filterPasses(0, start: start) {
            counts.filtered &+= 1
            return false
        }
        for position in 0..<keyCount {
            let slot = keySlots[position]
            if isNull[slot] {
                keyBuffer[position] = GroupTable.nullKey
            } else if !isDouble[slot], integers[slot] >= Int64(Int32.min),
                integers[slot] <= Int64(Int32.max)
                    || GroupTable.isText(integers[slot])
            {
                keyBuffer[position] = integers[slot]
            } else if plan.skipMalformed {
                counts.skipped &+= 1
                return false
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
        runGroup = group
        addValues(group: group, table: table)
        return true
    }

    @inline(__always)
    func addValues(group: Int, table: GroupTable) {
        for column in 0..<valueCount {
            let slot = valueSlots[column]
            if isNull[slot] { continue }
            if isText[slot] {
                // Text in a min/max column is counted by its text state below; in a count-only column here.
                if textColumnOfValue[column] < 0 { table.add(Int64(0), group: group, value: column) }
            } else if !numericSlot[slot] {
                // count(col) over a non-numeric column only needs the null flag.
                table.add(Int64(0), group: group, value: column)
            } else if isDouble[slot] {
                table.add(doubles[slot], group: group, value: column)
            } else {
                table.add(integers[slot], group: group, value: column)
            }
        }
        if textColumnCount > 0 { addSpellings(group: group, table: table) }
        if distinctCount > 0 { addDistinct(group: group, table: table) }
    }

    func addSpellings(group: Int, table: GroupTable) {
        for column in 0..<textColumnCount {
            let slot = textColumnSlots[column]
            if isNull[slot] { continue }
            table.track(
                spellings[slot], count: spellingLengths[slot], isText: isText[slot], group: group, text: column)
        }
    }

    func addDistinct(group: Int, table: GroupTable) {
        for set in 0..<distinctCount {
            let slot = distinctSlots[set]
            if isNull[slot] { continue }
            let value: DistinctSet.Value
            if isText[slot] {
                value = .init(kind: .text, payload: Int64(textIds[slot]))
            } else if isDouble[slot] {
                value = .number(doubles[slot])
            } else {
                value = .init(kind: .integer, payload: integers[slot])
            }
            table.addDistinct(value, group: group, set: set)
        }
    }

    /// The compiled WHERE's instruction `index` (and its subtree) for this record: text leaves were evaluated while
    /// decoding, the others are evaluated here.
    func filterPasses(_ index: Int, start: Int) throws(ChunkFailure) -> Bool {
        let instruction = rowFilter.instructions[index]
        switch instruction.kind {
        case .all, .any:
            let isAll = instruction.kind == .all
            var child = index &+ 1
            while child < instruction.end {
                if try filterPasses(child, start: start) != isAll { return !isAll }
                child = rowFilter.instructions[child].end
            }
            return isAll
        case .text: return textResults[Int(instruction.integer)]
        case .compare:
            let slot = instruction.slot
            if isNull[slot] { return false }
            let ordering: Int
            if instruction.literalIsDouble {
                ordering = Self.compare(isDouble[slot] ? doubles[slot] : Double(integers[slot]), instruction.double)
            } else if isDouble[slot] {
                ordering = Self.compare(doubles[slot], Double(instruction.integer))
            } else {
                let value = integers[slot]
                ordering = value < instruction.integer ? -1 : (value == instruction.integer ? 0 : 1)
            }
            return instruction.op.matches(ordering)
        case .range:
            let slot = instruction.slot
            if isNull[slot] { return false }
            let inside: Bool
            if isDouble[slot] {
                inside =
                    Self.compare(doubles[slot], Double(instruction.integer)) >= 0
                    && Self.compare(doubles[slot], Double(instruction.high)) <= 0
            } else {
                inside = integers[slot] >= instruction.integer && integers[slot] <= instruction.high
            }
            return inside != instruction.negated
        case .inMask:
            let slot = instruction.slot
            if isNull[slot] { return false }
            let member: Bool
            if isDouble[slot] {
                // Equal to a member as a double: integral, in range, and its bit set (NaN is never a member).
                let value = doubles[slot]
                member =
                    value >= 0 && value < 64 && value.rounded(.towardZero) == value
                    && instruction.mask & (1 &<< UInt64(Int(value))) != 0
            } else {
                let value = integers[slot]
                member = value >= 0 && value < 64 && instruction.mask & (1 &<< UInt64(value)) != 0
            }
            return member != instruction.negated
        case .expression: return try expressionPasses(Int(instruction.integer), start: start)
        }
    }

    /// A comparison of expressions over this record's values (unknown, so false, when either side is null).
    func expressionPasses(_ index: Int, start: Int) throws(ChunkFailure) -> Bool {
        do {
            return try rowFilter.expressions[index].passes(
                isNull: isNull, isDouble: isDouble, integers: integers, doubles: doubles)
        } catch let error as AggregationError {
            throw ChunkFailure(kind: error.kind, offset: start, column: nil, message: error.message)
        } catch {
            throw ChunkFailure(kind: .invalidNumber, offset: start, column: nil, message: "\(error)")
        }
    }

    static func compare(_ left: Double, _ right: Double) -> Int { left < right ? -1 : (left == right ? 0 : 1) }
}
