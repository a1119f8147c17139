/// A WHERE condition compiled for one parser: flat instructions and text-filter tables in memory the parser owns,
/// which the per-row path reads without reference counting.
///
/// The plan's ``QueryPlan/FilterNode`` tree, its leaf arrays and their literals are shared by every worker; reading
/// them per row retained and released the same objects from both cores, whose atomic counts then bounced one cache
/// line between them (two workers were no faster than one). Compiled once per ``ChunkParser``, the filter is plain
/// data: a node is one instruction, `AND`/`OR` short-circuit by jumping to the end of a subtree, and the common
/// shapes are fused into one test: `x IN (small integers)` into a 64-bit mask, `x BETWEEN low AND high` (integer
/// literals) into one range. Semantics are the plan's exactly: a null operand makes a leaf false (unknown), `NOT`
/// is already pushed down to the leaves.
struct RowFilter {
    /// What an instruction tests.
    enum Kind: UInt8 {
        /// True when every child is: children follow, `end` is the index after the subtree.
        case all
        /// True when some child is.
        case any
        /// The text filter `index`'s result for this record (evaluated while decoding).
        case text
        /// `slot op literal` (integer or double literal).
        case compare
        /// `low <= slot <= high` over integer literals (`negated`: `slot < low OR slot > high`).
        case range
        /// `slot IN (…)` of integers `0..<64` as bits of `mask` (`negated`: `NOT IN`).
        case inMask
        /// The expression comparison `index` (see ``QueryPlan/expressionFilters``).
        case expression
    }

    struct Instruction {
        var kind: Kind
        var op: Predicate.Operator = .equal
        var negated = false
        var literalIsDouble = false
        var slot = 0
        /// The index after this instruction's subtree (the next sibling).
        var end = 0
        /// The leaf's index (text, expression), the integer literal, or a range's low end.
        var integer: Int64 = 0
        var high: Int64 = 0
        var double: Double = 0
        var mask: UInt64 = 0
    }

    /// One text-literal comparison (`=`, `<`, `LIKE 'p%'`, `IS [NOT] NULL` on a field's bytes).
    struct TextTest {
        var op: Predicate.Operator
        var isOrdering: Bool
        var literal: UnsafeMutablePointer<UInt8>
        var literalCount: Int
        /// The literal read as a number (`.invalid` when it is not one, or for byte-wise operators).
        var number: ParsedNumber
    }

    /// The instructions; empty when no filter is evaluated after decoding.
    let instructions: UnsafeMutableBufferPointer<Instruction>
    /// Text tests in plan order (``QueryPlan/textFilters``).
    let textTests: UnsafeMutableBufferPointer<TextTest>
    /// Per slot: its text tests are `textTestOrder[textTestStart[slot] ..< textTestStart[slot + 1]]`.
    let textTestStart: UnsafeMutableBufferPointer<Int>
    let textTestOrder: UnsafeMutableBufferPointer<Int>
    /// The expression comparisons (``QueryPlan/expressionFilters``), compiled.
    let expressions: UnsafeMutableBufferPointer<ExpressionProgram>

    var isEmpty: Bool { instructions.isEmpty }

    /// Compiles the plan's WHERE: its tree when it has one, else the AND of its numeric comparisons (text
    /// comparisons then reject a record while it is decoded). Leaves other than expressions are pure, so testing
    /// two of them as one range does not change which expression runs (and may throw) first.
    init(plan: QueryPlan) {
        var program: [Instruction] = []
        if let tree = plan.filterTree {
            Self.compile(tree, plan: plan, into: &program)
        } else if !plan.numericFilters.isEmpty {
            Self.compile(.all(plan.numericFilters.indices.map { .numeric($0) }), plan: plan, into: &program)
        }
        instructions = .allocate(capacity: program.count)
        _ = instructions.initialize(from: program)
        textTests = .allocate(capacity: plan.textFilters.count)
        for (index, filter) in plan.textFilters.enumerated() {
            let literal = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, filter.bytes.count))
            literal.initialize(from: filter.bytes, count: filter.bytes.count)
            textTests.initializeElement(
                at: index,
                to: TextTest(
                    op: filter.predicate.op, isOrdering: filter.predicate.isOrdering, literal: literal,
                    literalCount: filter.bytes.count, number: filter.number))
        }
        textTestStart = .allocate(capacity: plan.slots.count + 1)
        let order = plan.slots.flatMap(\.textFilters)
        textTestOrder = .allocate(capacity: order.count)
        _ = textTestOrder.initialize(from: order)
        var start = 0
        for (index, slot) in plan.slots.enumerated() {
            textTestStart[index] = start
            start += slot.textFilters.count
        }
        textTestStart[plan.slots.count] = start
        expressions = .allocate(capacity: plan.expressionFilters.count)
        _ = expressions.initialize(
            from: plan.expressionFilters.map { ExpressionProgram(left: $0.left, op: $0.op, right: $0.right) })
    }

    /// Frees the compiled filter (the owning parser's deinit calls it once).
    func deallocate() {
        instructions.deallocate()
        for test in textTests { test.literal.deallocate() }
        textTests.deallocate()
        textTestStart.deallocate()
        textTestOrder.deallocate()
        for expression in expressions { expression.deallocate() }
        expressions.deallocate()
    }

    private static func compile(_ node: QueryPlan.FilterNode, plan: QueryPlan, into program: inout [Instruction]) {
        switch node {
        case .text(let index): program.append(Instruction(kind: .text, end: program.count + 1, integer: Int64(index)))
        case .numeric(let index): program.append(comparison(index, plan: plan, end: program.count + 1))
        case .expression(let index):
            program.append(Instruction(kind: .expression, end: program.count + 1, integer: Int64(index)))
        case .all(let nodes), .any(let nodes):
            let isAll: Bool
            if case .all = node { isAll = true } else { isAll = false }
            if let fused = fused(nodes, isAll: isAll, plan: plan) {
                var instruction = fused
                instruction.end = program.count + 1
                program.append(instruction)
                return
            }
            let position = program.count
            program.append(Instruction(kind: isAll ? .all : .any))
            var child = 0
            while child < nodes.count {
                // BETWEEN inside a longer AND list (the WHERE list is flattened) is still one range test.
                if child + 1 < nodes.count,
                    var range = fused(Array(nodes[child...child + 1]), isAll: isAll, plan: plan),
                    range.kind == .range
                {
                    range.end = program.count + 1
                    program.append(range)
                    child += 2
                } else {
                    compile(nodes[child], plan: plan, into: &program)
                    child += 1
                }
            }
            program[position].end = program.count
        }
    }

    private static func comparison(_ index: Int, plan: QueryPlan, end: Int) -> Instruction {
        let (slot, predicate) = plan.numericFilters[index]
        var instruction = Instruction(kind: .compare, op: predicate.op, slot: slot, end: end)
        switch predicate.literal {
        case .integer(let value): instruction.integer = value
        case .double(let value):
            instruction.literalIsDouble = true
            instruction.double = value
        case .text: preconditionFailure("text literals are text filters")
        }
        return instruction
    }

    /// One test for the shapes IN and BETWEEN parse into: `x = a OR x = b …` (`x <> a AND x <> b …`) over integers
    /// `0..<64`, and `x >= low AND x <= high` (`x < low OR x > high`) over integers; nil for anything else.
    private static func fused(_ nodes: [QueryPlan.FilterNode], isAll: Bool, plan: QueryPlan) -> Instruction? {
        var leaves: [(slot: Int, op: Predicate.Operator, value: Int64)] = []
        for node in nodes {
            guard case .numeric(let index) = node,
                case .integer(let value) = plan.numericFilters[index].predicate.literal
            else { return nil }
            leaves.append((plan.numericFilters[index].slot, plan.numericFilters[index].predicate.op, value))
        }
        guard leaves.count >= 2, leaves.allSatisfy({ $0.slot == leaves[0].slot }) else { return nil }
        let slot = leaves[0].slot
        if leaves.count == 2 {
            let (low, high) = (leaves[0], leaves[1])
            if isAll, low.op == .greaterOrEqual, high.op == .lessOrEqual {
                return Instruction(kind: .range, slot: slot, integer: low.value, high: high.value)
            }
            if !isAll, low.op == .less, high.op == .greater {
                return Instruction(kind: .range, negated: true, slot: slot, integer: low.value, high: high.value)
            }
        }
        let memberOp: Predicate.Operator = isAll ? .notEqual : .equal
        guard leaves.allSatisfy({ $0.op == memberOp && $0.value >= 0 && $0.value < 64 }) else { return nil }
        let mask = leaves.reduce(UInt64(0)) { $0 | (1 &<< UInt64($1.value)) }
        return Instruction(kind: .inMask, negated: isAll, slot: slot, mask: mask)
    }
}
