/// A recursive-descent parser for exactly the statements the kernel runs:
///
///     SELECT <keys and aggregates [AS name]> FROM <table>
///     [WHERE <condition>] [GROUP BY <keys>] [ORDER BY <output columns> [ASC|DESC] [NULLS FIRST|LAST]]
///     [LIMIT <n>] [OFFSET <n>] [;]
///
/// A condition is `<column> <op> <literal>` comparisons combined with NOT, AND, OR and parentheses (NOT binds
/// tightest, then AND).
///
/// Aggregates are `avg`/`mean`, `sum`, `count`, `count(*)`, `min`, `max` over one column. Everything else (joins,
/// column comparisons, DISTINCT, …) is rejected with a ``SQLSyntaxError`` at the offending token.
struct SQLParser {
    private let sql: String
    private let tokens: [SQLToken]
    private var position = 0
    /// While parsing HAVING: aggregates written in it, by the placeholder column name their predicates use.
    private var havingAggregates: [String: AggregateExpression]?
    /// Where each HAVING operand was written, for errors.
    private var havingTokens: [String: SQLToken] = [:]
    /// While parsing an expression in WHERE: aggregates are not allowed.
    private var inWhere = false

    init(_ sql: String) throws {
        self.sql = sql
        self.tokens = try SQLLexer.tokens(sql)
    }

    private enum SelectItem {
        case key(column: String, alias: String?, token: SQLToken)
        case aggregate(AggregateExpression)
        case computed(ParsedArithmetic, name: String)
    }

    /// Arithmetic as written, before its columns and aggregates are resolved.
    private indirect enum ParsedArithmetic {
        case column(String, SQLToken)
        case aggregate(AggregateExpression)
        case integer(Int64)
        case double(Double)
        case negate(ParsedArithmetic)
        case binary(ComputedColumn.Operator, ParsedArithmetic, ParsedArithmetic)
        case cast(ParsedArithmetic, ComputedColumn.CastType, SQLToken)
        case coalesce([ParsedArithmetic])
        case nullIf(ParsedArithmetic, ParsedArithmetic)
    }

    mutating func parse() throws -> AggregateSpec {
        try expectKeyword("select")
        var items: [SelectItem] = []
        repeat { items.append(try selectItem()) } while consumeSymbol(",")
        try expectKeyword("from")
        _ = try identifier(what: "a table name")
        var filters: [Condition] = []
        if consumeKeyword("where") {
            switch try disjunction() {
            case .all(let conjuncts): filters = conjuncts
            case let single: filters = [single]
            }
        }
        var groupTokens: [SQLToken] = []
        if consumeKeyword("group") {
            try expectKeyword("by")
            repeat {
                let token = current
                _ = try identifier(what: "a GROUP BY column")
                groupTokens.append(token)
            } while consumeSymbol(",")
        }
        var having: Condition?
        if consumeKeyword("having") {
            guard !groupTokens.isEmpty else { throw error(at: tokens[position - 1], "HAVING needs GROUP BY") }
            havingAggregates = [:]
            having = try disjunction()
        }
        var orderItems: [OrderItem] = []
        if consumeKeyword("order") {
            try expectKeyword("by")
            repeat { orderItems.append(try orderItem()) } while consumeSymbol(",")
        }
        var limit: Int?
        var offset = 0
        if consumeKeyword("limit") { limit = try count(what: "a row count after LIMIT") }
        if consumeKeyword("offset") { offset = try count(what: "a row count after OFFSET") }
        _ = consumeSymbol(";")
        guard current.kind == .end else {
            throw error(
                at: current,
                "expected end of statement (supported: SELECT … FROM … [WHERE …] [GROUP BY … "
                    + "[HAVING …]] [ORDER BY …] [LIMIT n] [OFFSET n])")
        }
        var spec = try assemble(items: items, filters: filters, groupTokens: groupTokens, orderItems: orderItems)
        spec.limit = limit
        spec.offset = offset
        if let having { spec.having = try resolveHaving(having, in: &spec) }
        return spec
    }

    /// One ORDER BY entry: an output column (name, alias or aggregate as written in the SELECT list).
    private struct OrderItem {
        var token: SQLToken
        var name: String
        var aggregate: AggregateExpression?
        var descending: Bool
        var nullsFirst: Bool?
    }

    private mutating func orderItem() throws -> OrderItem {
        let token = current
        let name = try identifier(what: "an ORDER BY column")
        var aggregate: AggregateExpression?
        if consumeSymbol("(") { aggregate = try aggregateArguments(function: token) }
        var descending = false
        if consumeKeyword("desc") { descending = true } else { _ = consumeKeyword("asc") }
        var nullsFirst: Bool?
        if consumeKeyword("nulls") {
            if consumeKeyword("first") {
                nullsFirst = true
            } else if consumeKeyword("last") {
                nullsFirst = false
            } else {
                throw error(at: current, "expected FIRST or LAST after NULLS")
            }
        }
        return OrderItem(token: token, name: name, aggregate: aggregate, descending: descending, nullsFirst: nullsFirst)
    }

    private mutating func count(what: String) throws -> Int {
        let token = current
        guard token.kind == .number, let value = Int(token.text), value >= 0 else {
            throw error(at: token, "expected \(what)")
        }
        position += 1
        return value
    }

    // MARK: Pieces

    private mutating func selectItem() throws -> SelectItem {
        let start = current
        let parsed = try additive()
        let text = String(decoding: Array(sql.utf8)[start.offset..<current.offset], as: UTF8.self)
            .trimmingCharacters(in: .whitespaces)
        let alias = try optionalAlias()
        switch parsed {
        case .aggregate(var expression):
            if let alias { expression.outputName = alias }
            return .aggregate(expression)
        case .column(let name, let token):
            return .key(column: name, alias: alias, token: token)
        default:
            return .computed(parsed, name: alias ?? text)
        }
    }

    /// `term (('+' | '-') term)*`.
    private mutating func additive() throws -> ParsedArithmetic {
        var result = try multiplicative()
        while current.kind == .symbol, current.text == "+" || current.text == "-" {
            let op: ComputedColumn.Operator = current.text == "+" ? .add : .subtract
            position += 1
            result = .binary(op, result, try multiplicative())
        }
        return result
    }

    /// `factor (('*' | '/') factor)*`.
    private mutating func multiplicative() throws -> ParsedArithmetic {
        var result = try factor()
        while current.kind == .symbol, current.text == "*" || current.text == "/" {
            let op: ComputedColumn.Operator = current.text == "*" ? .multiply : .divide
            position += 1
            result = .binary(op, result, try factor())
        }
        return result
    }

    /// A number, `-factor`, `( expression )`, a column or an aggregate.
    private mutating func factor() throws -> ParsedArithmetic {
        let token = current
        if consumeSymbol("-") { return .negate(try factor()) }
        if consumeSymbol("(") {
            let inner = try additive()
            try expectSymbol(")", "expected \")\" closing the parenthesised expression")
            return inner
        }
        if token.kind == .number {
            position += 1
            if let value = Int64(token.text) { return .integer(value) }
            if let value = Double(token.text), value.isFinite { return .double(value) }
            throw error(at: token, "not a number")
        }
        let name = try identifier(what: inWhere ? "a column, number or expression" : "a column, aggregate or number")
        guard consumeSymbol("(") else { return .column(name, token) }
        switch token.kind == .identifier ? name.lowercased() : "" {
        case "cast":
            let inner = try additive()
            try expectKeyword("as")
            let typeToken = current
            let type: ComputedColumn.CastType
            switch typeToken.kind == .identifier ? typeToken.text.lowercased() : "" {
            case "double": type = .double
            case "integer", "int": type = .integer
            case "bigint": type = .bigint
            case "varchar": type = .varchar
            default: throw error(at: typeToken, "unsupported CAST type (supported: DOUBLE, INTEGER, BIGINT, VARCHAR)")
            }
            position += 1
            try expectSymbol(")", "expected \")\" closing CAST")
            return .cast(inner, type, token)
        case "coalesce":
            var operands = [try additive()]
            while consumeSymbol(",") { operands.append(try additive()) }
            try expectSymbol(")", "expected \",\" or \")\" in COALESCE")
            return .coalesce(operands)
        case "nullif":
            let left = try additive()
            try expectSymbol(",", "expected \",\": NULLIF takes two operands")
            let right = try additive()
            try expectSymbol(")", "expected \")\": NULLIF takes two operands")
            return .nullIf(left, right)
        default:
            if inWhere { throw error(at: token, "aggregates are not allowed in WHERE (use HAVING)") }
            return .aggregate(try aggregateArguments(function: token))
        }
    }

    /// `fn(` was read: the argument and `)`.
    private mutating func aggregateArguments(function start: SQLToken) throws -> AggregateExpression {
        guard start.kind == .identifier, let function = Self.function(start.text) else {
            throw error(
                at: start,
                "unsupported function (supported: avg, mean, sum, count, count(DISTINCT …), min, max, CAST, COALESCE, "
                    + "NULLIF)")
        }
        var column: String?
        var resolved = function
        if function == .count, consumeSymbol("*") {
            resolved = .countAll
        } else {
            if current.isKeyword("distinct") {
                guard function == .count else {
                    throw error(at: current, "DISTINCT is supported in count(DISTINCT column) only")
                }
                position += 1
                resolved = .countDistinct
            }
            column = try identifier(what: "a column inside \(start.text)(…)")
        }
        try expectSymbol(")", "expected \")\" (expressions inside aggregates are not supported)")
        return AggregateExpression(resolved, column: column)
    }

    private mutating func optionalAlias() throws -> String? {
        if consumeKeyword("as") { return try identifier(what: "an alias after AS") }
        if current.kind == .quotedIdentifier
            || current.kind == .identifier && !Self.reserved.contains(current.text.lowercased())
        {
            return try identifier(what: "an alias")
        }
        return nil
    }

    /// `conjunction (OR conjunction)*`: AND binds tighter than OR.
    private mutating func disjunction() throws -> Condition {
        var terms = [try conjunction()]
        while consumeKeyword("or") { terms.append(try conjunction()) }
        return terms.count == 1
            ? terms[0]
            : .any(
                terms.flatMap { term -> [Condition] in
                    if case .any(let nested) = term { return nested }
                    return [term]
                })
    }

    /// `primary (AND primary)*`.
    private mutating func conjunction() throws -> Condition {
        var factors = [try primaryCondition()]
        while consumeKeyword("and") { factors.append(try primaryCondition()) }
        return factors.count == 1
            ? factors[0]
            : .all(
                factors.flatMap { factor -> [Condition] in
                    if case .all(let nested) = factor { return nested }
                    return [factor]
                })
    }

    /// `NOT primary`, `( condition )` or a comparison.
    private mutating func primaryCondition() throws -> Condition {
        if consumeKeyword("not") { return .not(try primaryCondition()) }
        guard current.kind == .symbol, current.text == "(" else { return try predicate() }
        let saved = position
        position += 1
        guard havingAggregates == nil else {
            let inner = try disjunction()
            try expectSymbol(")", "expected \")\" closing the parenthesised condition")
            return inner
        }
        // In WHERE a parenthesis opens a condition or an expression (`(ArrDelay - DepDelay) > 10`): try the
        // condition first, then the expression; report the error that got further.
        do {
            let inner = try disjunction()
            try expectSymbol(")", "expected \")\" closing the parenthesised condition")
            if !continuesExpression { return inner }
        } catch let first as SQLSyntaxError {
            position = saved
            do { return try predicate() } catch let second as SQLSyntaxError {
                throw second.offset >= first.offset ? second : first
            }
        }
        position = saved
        return try predicate()
    }

    /// Whether the current token continues an operand (an operator, or what follows an operand in a predicate).
    private var continuesExpression: Bool {
        if current.kind == .symbol {
            return ["+", "-", "*", "/"].contains(current.text) || Self.comparisonOperators[current.text] != nil
        }
        return ["is", "in", "between", "like"].contains { current.isKeyword($0) }
            || current.isKeyword("not") && ["in", "between", "like"].contains { peek(1).isKeyword($0) }
    }

    private static let comparisonOperators: [String: Predicate.Operator] = [
        "=": .equal, "<>": .notEqual, "!=": .notEqual, "<": .less, "<=": .lessOrEqual, ">": .greater,
        ">=": .greaterOrEqual,
    ]

    /// The comparison operator at the current token, consumed; `expected` is the error otherwise.
    private mutating func comparisonOperator(_ expected: String) throws -> Predicate.Operator {
        guard current.kind == .symbol, let op = Self.comparisonOperators[current.text] else {
            throw error(at: current, expected)
        }
        position += 1
        return op
    }

    private func peek(_ offset: Int) -> SQLToken { tokens[min(position + offset, tokens.count - 1)] }

    /// Whether the WHERE predicate here is `column …` with a literal (or IS/IN/BETWEEN/LIKE): the comparisons that
    /// read the field's bytes (text literals, LIKE) rather than an expression's value.
    private var isColumnPredicate: Bool {
        guard
            current.kind == .quotedIdentifier
                || current.kind == .identifier && !Self.reserved.contains(current.text.lowercased())
        else { return false }
        let next = peek(1)
        if next.kind != .symbol { return true }  // IS, IN, BETWEEN, LIKE, NOT, or an error at that token
        guard Self.comparisonOperators[next.text] != nil else { return false }
        var literal = 2
        if peek(literal).kind == .symbol, ["-", "+"].contains(peek(literal).text) { literal += 1 }
        guard [.number, .string].contains(peek(literal).kind) else { return false }
        let after = peek(literal + 1)
        return !(after.kind == .symbol && ["+", "-", "*", "/"].contains(after.text))
    }

    /// A WHERE predicate over an expression: `expression op expression`, `IS [NOT] NULL`, `[NOT] BETWEEN`,
    /// `[NOT] IN`.
    private mutating func expressionPredicate() throws -> Condition {
        inWhere = true
        defer { inWhere = false }
        let left = try rowExpression()
        if current.isKeyword("not") {
            position += 1
            guard current.isKeyword("in") || current.isKeyword("between") else {
                throw error(at: current, "expected IN or BETWEEN after NOT")
            }
            return .not(try expressionPredicate(left))
        }
        return try expressionPredicate(left)
    }

    private mutating func expressionPredicate(_ left: ScalarExpression<String>) throws -> Condition {
        if consumeKeyword("is") {
            let negated = consumeKeyword("not")
            try expectKeyword("null")
            return .comparison(RowComparison(left, negated ? .isNotNull : .isNull))
        }
        if consumeKeyword("between") {
            let low = try rowExpression()
            try expectKeyword("and")
            let high = try rowExpression()
            return .all([
                .comparison(RowComparison(left, .greaterOrEqual, low)),
                .comparison(RowComparison(left, .lessOrEqual, high)),
            ])
        }
        if consumeKeyword("in") {
            try expectSymbol("(", "expected \"(\" after IN")
            var options: [Condition] = []
            repeat {
                options.append(.comparison(RowComparison(left, .equal, try rowExpression())))
            } while consumeSymbol(
                ",")
            try expectSymbol(")", "expected \")\" closing the IN list")
            return options.count == 1 ? options[0] : .any(options)
        }
        let op = try comparisonOperator(
            "expected a comparison operator after the expression (=, <>, !=, <, <=, >, >=, IS [NOT] NULL, IN, "
                + "BETWEEN)")
        return .comparison(RowComparison(left, op, try rowExpression()))
    }

    /// Arithmetic over input columns (WHERE).
    private mutating func rowExpression() throws -> ScalarExpression<String> {
        try rowExpression(try additive())
    }

    private func rowExpression(_ parsed: ParsedArithmetic) throws -> ScalarExpression<String> {
        switch parsed {
        case .column(let name, _): return .leaf(name)
        case .aggregate: preconditionFailure("aggregates are rejected while parsing WHERE")
        case .integer(let value): return .integer(value)
        case .double(let value): return .double(value)
        case .negate(let inner): return .negate(try rowExpression(inner))
        case .binary(let op, let left, let right): return .binary(op, try rowExpression(left), try rowExpression(right))
        case .cast(_, .varchar, let token):
            throw error(at: token, "CAST(… AS VARCHAR) is supported as a whole select item only")
        case .cast(let inner, let type, _): return .cast(try rowExpression(inner), type)
        case .coalesce(let operands): return .coalesce(try operands.map { try rowExpression($0) })
        case .nullIf(let left, let right): return .nullIf(try rowExpression(left), try rowExpression(right))
        }
    }

    /// `operand op literal`, `operand [NOT] IN (literals)`… see the SQL reference; IN and BETWEEN become OR/AND trees.
    private mutating func predicate() throws -> Condition {
        if havingAggregates == nil, !isColumnPredicate { return try expressionPredicate() }
        let columnToken = current
        var column = try identifier(
            what: havingAggregates == nil ? "a column in WHERE" : "a column or aggregate in HAVING")
        if consumeSymbol("(") {
            guard havingAggregates != nil else {
                throw error(at: columnToken, "aggregates are not allowed in WHERE (use HAVING)")
            }
            let aggregate = try aggregateArguments(function: columnToken)
            column = "\u{1}having\(havingAggregates!.count)"
            havingAggregates![column] = aggregate
        }
        if havingAggregates != nil { havingTokens[column] = columnToken }
        if current.isKeyword("not") {
            // `x NOT IN (…)`, `x NOT LIKE …`, `x NOT BETWEEN … AND …`: the same predicate, negated.
            position += 1
            guard current.isKeyword("in") || current.isKeyword("like") || current.isKeyword("between") else {
                throw error(at: current, "expected IN, LIKE or BETWEEN after NOT")
            }
            return .not(try predicate(column: column))
        }
        return try predicate(column: column)
    }

    /// The rest of a predicate once its column (or HAVING aggregate) is read.
    private mutating func predicate(column: String) throws -> Condition {
        if consumeKeyword("is") {
            let negated = consumeKeyword("not")
            try expectKeyword("null")
            return .predicate(Predicate(column, negated ? .isNotNull : .isNull, .text("")))
        }
        if consumeKeyword("in") {
            try expectSymbol("(", "expected \"(\" after IN")
            var options: [Condition] = []
            repeat { options.append(.predicate(Predicate(column, .equal, try literal()))) } while consumeSymbol(",")
            try expectSymbol(")", "expected \")\" closing the IN list")
            return options.count == 1 ? options[0] : .any(options)
        }
        if consumeKeyword("between") {
            let low = try literal()
            try expectKeyword("and")
            let high = try literal()
            return .all([
                .predicate(Predicate(column, .greaterOrEqual, low)), .predicate(Predicate(column, .lessOrEqual, high)),
            ])
        }
        if current.isKeyword("like") {
            position += 1
            let patternToken = current
            guard case .text(let pattern) = try literal() else {
                throw error(at: patternToken, "LIKE needs a 'text' pattern")
            }
            let body = pattern.hasSuffix("%") ? String(pattern.dropLast()) : pattern
            guard !body.contains("%"), !body.contains("_") else {
                throw error(at: patternToken, "LIKE supports 'prefix%' and exact text only")
            }
            return .predicate(Predicate(column, pattern.hasSuffix("%") ? .startsWith : .equal, .text(body)))
        }
        let op = try comparisonOperator(
            "expected a comparison operator (=, <>, !=, <, <=, >, >=, IS [NOT] NULL, IN, BETWEEN, LIKE)")
        return .predicate(Predicate(column, op, try literal()))
    }

    /// `[-|+] number` or `'text'`.
    private mutating func literal() throws -> Predicate.Literal {
        var negative = false
        if current.kind == .symbol, current.text == "-" || current.text == "+" {
            negative = current.text == "-"
            position += 1
        }
        let literalToken = current
        switch literalToken.kind {
        case .number:
            position += 1
            if let value = Int64(literalToken.text) { return .integer(negative ? -value : value) }
            if let value = Double(literalToken.text), value.isFinite { return .double(negative ? -value : value) }
            throw error(at: literalToken, "not a number")
        case .string where !negative:
            position += 1
            return .text(literalToken.text)
        default:
            throw error(
                at: literalToken, "expected a number or 'text' literal (comparisons between columns are not supported)")
        }
    }

    private func assemble(
        items: [SelectItem], filters: [Condition], groupTokens: [SQLToken], orderItems: [OrderItem]
    ) throws -> AggregateSpec {
        var spec = AggregateSpec(filters: filters)
        for token in groupTokens {
            if spec.keys.contains(where: { $0.column.lowercased() == token.text.lowercased() }) {
                throw error(at: token, "column appears twice in GROUP BY")
            }
            spec.keys.append(.init(token.text))
        }
        var order: [AggregateSpec.OutputColumn] = []
        var selectedKeys: Set<Int> = []
        var computedItems: [(Int, ParsedArithmetic, String)] = []
        for item in items {
            switch item {
            case .computed(let parsed, let name):
                computedItems.append((order.count, parsed, name))
                order.append(.computed(computedItems.count - 1))
            case .aggregate(let expression):
                order.append(.aggregate(spec.aggregates.count))
                spec.aggregates.append(expression)
            case .key(let column, let alias, let token):
                guard let index = spec.keys.firstIndex(where: { $0.column.lowercased() == column.lowercased() }) else {
                    throw error(at: token, "column \(column) must appear in GROUP BY or inside an aggregate")
                }
                guard selectedKeys.insert(index).inserted else { throw error(at: token, "key selected twice") }
                spec.keys[index].outputName = alias ?? column
                order.append(.key(index))
            }
        }
        for (_, parsed, name) in computedItems {
            spec.computed.append(ComputedColumn(try resolve(parsed, in: &spec), as: name))
        }
        if let missing = groupTokens.indices.first(where: { !selectedKeys.contains($0) }) {
            throw error(at: groupTokens[missing], "GROUP BY column must also appear in the SELECT list")
        }
        spec.outputOrder = order
        for item in orderItems {
            let lowered = item.name.lowercased()
            let column: AggregateSpec.OutputColumn
            if let aggregate = item.aggregate {
                // An aggregate as written in the SELECT list.
                guard
                    let index = spec.aggregates.firstIndex(where: {
                        $0.function == aggregate.function && $0.column?.lowercased() == aggregate.column?.lowercased()
                    })
                else {
                    throw error(at: item.token, "ORDER BY aggregate must also appear in the SELECT list")
                }
                column = .aggregate(index)
            } else if let index = spec.aggregates.firstIndex(where: { $0.outputName.lowercased() == lowered }) {
                column = .aggregate(index)
            } else if let index = spec.computed.firstIndex(where: { $0.outputName.lowercased() == lowered }) {
                column = .computed(index)
            } else if let index = spec.keys.firstIndex(where: {
                $0.outputName.lowercased() == lowered || $0.column.lowercased() == lowered
            }) {
                column = .key(index)
            } else {
                throw error(at: item.token, "ORDER BY column is not in the SELECT list")
            }
            spec.sortKeys.append(.init(column, descending: item.descending, nullsFirst: item.nullsFirst))
        }
        do { try spec.validate() } catch let failure as AggregationError {
            throw error(at: tokens[0], failure.message)
        }
        return spec
    }

    /// Resolves arithmetic: columns must be group keys; an aggregate already selected is reused, another one is
    /// computed without being output.
    private func resolve(_ parsed: ParsedArithmetic, in spec: inout AggregateSpec, whole: Bool = true) throws
        -> ComputedColumn.Expression
    {
        switch parsed {
        case .integer(let value): return .integer(value)
        case .double(let value): return .double(value)
        case .negate(let inner): return .negate(try resolve(inner, in: &spec, whole: false))
        case .binary(let op, let left, let right):
            return .binary(op, try resolve(left, in: &spec, whole: false), try resolve(right, in: &spec, whole: false))
        case .cast(_, .varchar, let token) where !whole:
            throw error(at: token, "CAST(… AS VARCHAR) is supported as a whole select item only")
        case .cast(let inner, let type, _): return .cast(try resolve(inner, in: &spec, whole: false), type)
        case .coalesce(let operands): return .coalesce(try operands.map { try resolve($0, in: &spec, whole: false) })
        case .nullIf(let left, let right):
            return .nullIf(try resolve(left, in: &spec, whole: false), try resolve(right, in: &spec, whole: false))
        case .column(let name, let token):
            guard let index = spec.keys.firstIndex(where: { $0.column.lowercased() == name.lowercased() }) else {
                throw error(at: token, "column \(name) must appear in GROUP BY or inside an aggregate")
            }
            return .leaf(.key(index))
        case .aggregate(let aggregate):
            if let index = spec.aggregates.firstIndex(where: {
                $0.function == aggregate.function && $0.column?.lowercased() == aggregate.column?.lowercased()
            }) {
                return .leaf(.aggregate(index))
            }
            var hidden = aggregate
            hidden.outputName = "\u{1}computed\(spec.aggregates.count)"
            spec.aggregates.append(hidden)
            return .leaf(.aggregate(spec.aggregates.count - 1))
        }
    }

    /// Maps HAVING operands to output columns: an aggregate already selected is reused, another one is computed
    /// without being output; a name must be an output column (alias or key).
    private func resolveHaving(_ condition: Condition, in spec: inout AggregateSpec) throws -> Condition {
        switch condition {
        case .all(let conditions): return .all(try conditions.map { try resolveHaving($0, in: &spec) })
        case .any(let conditions): return .any(try conditions.map { try resolveHaving($0, in: &spec) })
        case .not(let condition): return .not(try resolveHaving(condition, in: &spec))
        case .comparison: throw error(at: tokens[0], "HAVING compares output columns with literals")
        case .predicate(var predicate):
            if let aggregate = havingAggregates?[predicate.column] {
                if let existing = spec.aggregates.first(where: {
                    $0.function == aggregate.function && $0.column?.lowercased() == aggregate.column?.lowercased()
                }) {
                    predicate.column = existing.outputName
                } else {
                    var hidden = aggregate
                    hidden.outputName = predicate.column  // a name no SQL identifier can spell
                    spec.aggregates.append(hidden)
                }
                return .predicate(predicate)
            }
            let lowered = predicate.column.lowercased()
            if let aggregate = spec.aggregates.first(where: { $0.outputName.lowercased() == lowered }) {
                predicate.column = aggregate.outputName
            } else if let computed = spec.computed.first(where: { $0.outputName.lowercased() == lowered }) {
                predicate.column = computed.outputName
            } else if let key = spec.keys.first(where: {
                $0.outputName.lowercased() == lowered || $0.column.lowercased() == lowered
            }) {
                predicate.column = key.outputName
            } else {
                let token = havingTokens[predicate.column] ?? tokens[0]
                throw error(at: token, "HAVING column is not a group key, an output alias or an aggregate")
            }
            return .predicate(predicate)
        }
    }

    // MARK: Token helpers

    private var current: SQLToken { tokens[min(position, tokens.count - 1)] }

    private static let reserved: Set<String> = [
        "select", "from", "where", "group", "by", "order", "and", "or", "as", "having", "limit", "join", "on",
        "union", "asc", "desc", "not", "distinct", "offset", "window", "inner", "left", "right", "full", "cross",
        "nulls",
    ]

    private static func function(_ name: String) -> AggregateExpression.Function? {
        switch name.lowercased() {
        case "avg", "mean": return .average
        case "sum": return .sum
        case "count": return .count
        case "min": return .min
        case "max": return .max
        default: return nil
        }
    }

    private mutating func identifier(what: String) throws -> String {
        let token = current
        switch token.kind {
        case .quotedIdentifier:
            position += 1
            return token.text
        case .identifier where !Self.reserved.contains(token.text.lowercased()):
            position += 1
            return token.text
        default:
            throw error(at: token, "expected \(what)")
        }
    }

    private mutating func consumeKeyword(_ word: String) -> Bool {
        guard current.isKeyword(word) else { return false }
        position += 1
        return true
    }

    private mutating func expectKeyword(_ word: String) throws {
        guard consumeKeyword(word) else { throw error(at: current, "expected \(word.uppercased())") }
    }

    private mutating func consumeSymbol(_ symbol: String) -> Bool {
        guard current.kind == .symbol, current.text == symbol else { return false }
        position += 1
        return true
    }

    private mutating func expectSymbol(_ symbol: String, _ message: String) throws {
        guard consumeSymbol(symbol) else { throw error(at: current, message) }
    }

    private func error(at token: SQLToken, _ message: String) -> SQLSyntaxError {
        let text = token.kind == .string ? "'\(token.text)'" : token.text
        return SQLSyntaxError(offset: token.offset, token: text, message: message, statement: sql)
    }
}

extension AggregateSpec {
    /// Parses a statement of the supported SQL subset.
    ///
    /// ```swift
    /// let spec = try AggregateSpec(sql: "SELECT Year, count(*) AS flights FROM airlines WHERE Cancelled = 0 GROUP BY Year")
    /// ```
    /// - Throws: ``SQLSyntaxError`` naming the offset and token of the first unsupported part.
    public init(sql: String) throws {
        var parser = try SQLParser(sql)
        self = try parser.parse()
    }
}
