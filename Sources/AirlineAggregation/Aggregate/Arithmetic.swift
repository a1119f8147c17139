/// Evaluates a ``ComputedColumn/Expression`` for every group (in group order).
struct Arithmetic {
    let groups: GroupTable
    let aggregates: [ResultTable.Column]

    /// - Throws: ``AggregationError`` (`invalidNumber`) for a CAST out of its type's range.
    func column(_ expression: ComputedColumn.Expression) throws -> ResultTable.Column.Values {
        let values = try (0..<groups.groupCount).map { group in try expression.evaluate { value($0, group: group) } }
        if case .cast(_, .varchar) = expression {
            return .string(
                values.map { value -> String? in
                    if case .text(let text)? = value { return text }
                    return nil
                })
        }
        // INT64 only when every row stayed an exact integer and nothing in the expression is DOUBLE by type.
        var allIntegers = true
        for case .double? in values { allIntegers = false }
        if allIntegers && !expression.isDouble {
            return .int64(
                values.map { value -> Int64? in
                    if case .integer(let integer)? = value { return integer }
                    return nil
                })
        }
        return .double(values.map { $0?.double })
    }

    private func value(_ operand: ComputedColumn.Operand, group: Int) -> ScalarValue? {
        switch operand {
        case .key(let position):
            let key = groups.key(position, of: group)
            if key == GroupTable.nullKey { return nil }
            if GroupTable.isText(key) { return .text(groups.texts.string(Int(key - GroupTable.textBase))) }
            return .integer(key)
        case .aggregate(let index):
            switch aggregates[index].values {
            case .int32(let values): return values[group].map { .integer(Int64($0)) }
            case .int64(let values): return values[group].map { .integer($0) }
            case .double(let values): return values[group].map { .double($0) }
            case .string(let values): return values[group].map { .text($0) }
            }
        }
    }
}
