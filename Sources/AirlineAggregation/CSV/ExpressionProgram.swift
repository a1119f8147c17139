/// One WHERE comparison of expressions (``QueryPlan/expressionFilters``) compiled to postfix steps in memory its
/// parser owns, so a record is tested without walking the shared ``ScalarExpression`` tree (whose boxes every worker
/// would retain and release) and without allocating: values live on a preallocated stack.
///
/// The operators are ``ScalarValue``'s own, so the semantics are the tree's: nulls propagate, integers overflow to
/// DOUBLE, `CAST` out of range throws; `COALESCE` evaluates an operand only when the ones before it are null, and
/// `right` only when `left` is not null (so a `CAST` that would throw there does not).
struct ExpressionProgram {
    enum StepKind: UInt8 {
        /// Push the slot's value (null, integer or double).
        case leaf
        case integer
        case double
        case negate
        /// Pop two, push `left op right`.
        case binary
        case cast
        /// COALESCE: when the top is not null, jump to `target` (the end of the COALESCE); else pop it.
        case coalesceJump
        /// Pop two, push `NULLIF(left, right)`.
        case nullIf
    }

    struct Step {
        var kind: StepKind
        var slot = 0
        var integer: Int64 = 0
        var double: Double = 0
        var op: ComputedColumn.Operator = .add
        var castType: ComputedColumn.CastType = .double
        var target = 0
    }

    let steps: UnsafeMutableBufferPointer<Step>
    /// `left` is `steps[0 ..< rightStart]`, `right` the rest.
    let rightStart: Int
    let op: Predicate.Operator
    let stack: UnsafeMutablePointer<ScalarValue?>
    let stackCapacity: Int

    init(left: ScalarExpression<Int>, op: Predicate.Operator, right: ScalarExpression<Int>) {
        var code: [Step] = []
        var depth = 0
        var deepest = 0
        func emit(_ step: Step, change: Int) {
            code.append(step)
            depth += change
            deepest = max(deepest, depth)
        }
        func compile(_ expression: ScalarExpression<Int>) {
            switch expression {
            case .leaf(let slot): emit(Step(kind: .leaf, slot: slot), change: 1)
            case .integer(let value): emit(Step(kind: .integer, integer: value), change: 1)
            case .double(let value): emit(Step(kind: .double, double: value), change: 1)
            case .negate(let inner):
                compile(inner)
                emit(Step(kind: .negate), change: 0)
            case .binary(let op, let left, let right):
                compile(left)
                compile(right)
                emit(Step(kind: .binary, op: op), change: -1)
            case .cast(let inner, let type):
                compile(inner)
                emit(Step(kind: .cast, castType: type), change: 0)
            case .coalesce(let operands):
                var jumps: [Int] = []
                for (index, operand) in operands.enumerated() {
                    compile(operand)
                    if index < operands.count - 1 {
                        jumps.append(code.count)
                        // Popped when null: the next operand takes its place.
                        emit(Step(kind: .coalesceJump), change: -1)
                    }
                }
                for jump in jumps { code[jump].target = code.count }
            case .nullIf(let left, let right):
                compile(left)
                compile(right)
                emit(Step(kind: .nullIf), change: -1)
            }
        }
        compile(left)
        rightStart = code.count
        depth = 0
        compile(right)
        steps = .allocate(capacity: code.count)
        _ = steps.initialize(from: code)
        self.op = op
        stackCapacity = max(1, deepest)
        stack = .allocate(capacity: stackCapacity)
        stack.initialize(repeating: nil, count: stackCapacity)
    }

    func deallocate() {
        steps.deallocate()
        stack.deinitialize(count: stackCapacity)
        stack.deallocate()
    }

    /// Whether the comparison holds for the record whose slots are given (unknown, so false, when a side is null).
    /// - Throws: ``AggregationError`` (`invalidNumber`) for a CAST out of its type's range.
    @inline(__always)
    func passes(
        isNull: UnsafeMutablePointer<Bool>, isDouble: UnsafeMutablePointer<Bool>, integers: UnsafeMutablePointer<Int64>,
        doubles: UnsafeMutablePointer<Double>
    ) throws -> Bool {
        let value = try run(from: 0, to: rightStart, isNull, isDouble, integers, doubles)
        switch op {
        case .isNull: return value == nil
        case .isNotNull: return value != nil
        default:
            guard let value, let other = try run(from: rightStart, to: steps.count, isNull, isDouble, integers, doubles)
            else { return false }
            return op.matches(ScalarValue.ordering(value, other))
        }
    }

    private func run(
        from start: Int, to end: Int, _ isNull: UnsafeMutablePointer<Bool>, _ isDouble: UnsafeMutablePointer<Bool>,
        _ integers: UnsafeMutablePointer<Int64>, _ doubles: UnsafeMutablePointer<Double>
    ) throws -> ScalarValue? {
        var top = -1
        var index = start
        while index < end {
            let step = steps[index]
            index &+= 1
            switch step.kind {
            case .leaf:
                top &+= 1
                let slot = step.slot
                stack[top] = isNull[slot] ? nil : (isDouble[slot] ? .double(doubles[slot]) : .integer(integers[slot]))
            case .integer:
                top &+= 1
                stack[top] = .integer(step.integer)
            case .double:
                top &+= 1
                stack[top] = .double(step.double)
            case .negate: stack[top] = ScalarValue.negate(stack[top])
            case .binary:
                top &-= 1
                stack[top] = ScalarValue.binary(step.op, stack[top], stack[top &+ 1])
            case .cast: stack[top] = try ScalarValue.cast(stack[top], to: step.castType)
            case .coalesceJump:
                if stack[top] != nil { index = step.target } else { top &-= 1 }
            case .nullIf:
                top &-= 1
                stack[top] = ScalarValue.nullIf(stack[top], stack[top &+ 1])
            }
        }
        return stack[top]
    }
}
