import Dispatch

/// The groups of the result's rows in output order, and how many threads build its columns.
///
/// Each column is built in one pass over the rows: a thread per contiguous range of rows writes its values straight
/// into the column's storage (no intermediate array, no per-row append). A table already in output order has no
/// permutation (`order` is nil): row `i` is group `i`, so the groups are read in sequence, without a gather.
struct ResultRows: Sendable {
    /// The group of each row; nil when row `i` is group `i`.
    let order: [Int]?
    /// Number of rows.
    let count: Int
    /// Threads a column is built on (ranges of fewer than ``minimumRowsPerThread`` rows are not split).
    let threads: Int

    /// Below this many rows a column is built on the caller's thread: starting threads would cost more.
    static let minimumRowsPerThread = 1 << 16

    /// Rows in `order`.
    init(order: [Int], threads: Int) {
        self.order = order
        count = order.count
        self.threads = max(1, threads)
    }

    /// The first `count` groups, in group order.
    init(identity count: Int, threads: Int) {
        order = nil
        self.count = count
        self.threads = max(1, threads)
    }

    /// The group of `row`.
    func group(_ row: Int) -> Int { order?[row] ?? row }

    /// The value `reader` gives each row's group, in row order. Generic over the reader's type rather than taking
    /// a closure, so each column's loop is specialised with the read inlined (a closure call per row doubled
    /// the cost of a column of millions of rows).
    func column<Reader: GroupReader>(_ reader: Reader) -> [Reader.Value] {
        [Reader.Value](unsafeUninitializedCapacity: count) { buffer, initialized in
            let target = UncheckedPointer(buffer.baseAddress)
            forEachRange { rows in
                guard let base = target.pointer else { return }
                if let order {
                    order.withUnsafeBufferPointer { groups in
                        for row in rows { (base + row).initialize(to: reader.value(of: groups[row])) }
                    }
                } else {
                    for row in rows { (base + row).initialize(to: reader.value(of: row)) }
                }
            }
            initialized = count
        }
    }

    /// The `reader.width` columns `reader` writes for each row's group, in row order: one visit of each group for
    /// all of them (a gather over millions of groups misses the cache once per group and pass).
    func columns<Reader: GroupRowReader>(_ reader: Reader) -> [[Reader.Value]] {
        withColumns(reader.width, targets: []) { targets in
            let columns = UncheckedPointer(targets.baseAddress)
            forEachRange { rows in
                guard let columns = columns.pointer else { return }
                if let order {
                    order.withUnsafeBufferPointer { groups in
                        for row in rows { reader.read(groups[row], row: row, into: columns) }
                    }
                } else {
                    for row in rows { reader.read(row, row: row, into: columns) }
                }
            }
        }
    }

    /// `remaining` arrays of `count` values, each initialised by `fill` through `targets` (one pointer per array).
    private func withColumns<Value>(
        _ remaining: Int, targets: [UnsafeMutablePointer<Value>],
        fill: (UnsafeMutableBufferPointer<UnsafeMutablePointer<Value>>) -> Void
    ) -> [[Value]] {
        guard remaining > 0 else {
            var targets = targets
            targets.withUnsafeMutableBufferPointer { fill($0) }
            return []
        }
        var rest: [[Value]] = []
        let first = [Value](unsafeUninitializedCapacity: count) { buffer, initialized in
            // Every array's storage stays valid inside its closure, so the innermost call sees all of them.
            let target = buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: MemoryLayout<Value>.alignment)!
            rest = withColumns(remaining - 1, targets: targets + [target], fill: fill)
            initialized = count
        }
        return [first] + rest
    }

    /// `value(group)` of every row's group, in row order (for the rarer columns; see ``column(_:)-(Reader)``).
    func column<Value: Sendable>(_ value: @escaping @Sendable (Int) -> Value) -> [Value] {
        column(ClosureReader(read: value))
    }

    /// The rows, a contiguous range per thread, each range passed to `body` on its own thread.
    func forEachRange(_ body: @Sendable (Range<Int>) -> Void) {
        let parts = min(threads, max(1, count / Self.minimumRowsPerThread))
        guard parts > 1 else {
            body(0..<count)
            return
        }
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            body(count * part / parts..<count * (part + 1) / parts)
        }
    }
}

/// Reads one value of a result column from a group.
protocol GroupReader: Sendable {
    associatedtype Value: Sendable
    func value(of group: Int) -> Value
}

/// Reads several result columns from a group at once.
protocol GroupRowReader: Sendable {
    associatedtype Value
    /// Number of columns.
    var width: Int { get }
    /// Initialises `row` of each column (`columns[i] + row`) from `group`.
    func read(_ group: Int, row: Int, into columns: UnsafeMutablePointer<UnsafeMutablePointer<Value>>)
}

/// A reader through a closure.
struct ClosureReader<Value: Sendable>: GroupReader {
    let read: @Sendable (Int) -> Value
    func value(of group: Int) -> Value { read(group) }
}

/// A column's storage shared by the threads that fill it, each its own rows: the ranges never overlap and the
/// array is not read before all threads are done, which is what makes the unchecked `Sendable` sound.
private struct UncheckedPointer<Value>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Value>?
    init(_ pointer: UnsafeMutablePointer<Value>?) { self.pointer = pointer }
}
