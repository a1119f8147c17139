/// How a worker finds a row's group.
enum GroupingMode: Sendable, Equatable {
    /// Look keys up until the keys seen turn out to be nearly all distinct, then append (``GroupingChoice``).
    case automatic
    /// Always look keys up in the hash index.
    case lookup
    /// Append from the first row and fold equal keys at the end (tests use it to check the fold on small inputs).
    case append
}

/// A worker's choice between looking keys up and appending rows (``GroupTable/appendRows()``), made from what
/// its own chunks showed: once it has seen ``minimumRows`` rows, a chunk in which at least ``newGroupShare`` of the
/// rows made new groups switches it to appending for the rest of its chunks.
///
/// Judged per chunk, not from the first rows alone: in the first rows nearly every key is new even when keys
/// repeat across the file (608k tail numbers over 7.45M flights: 93 % of the first 42k rows are new tail numbers,
/// 44 % of a worker's rows after its first 500k), and such a table is better served by lookups. Where keys are
/// nearly all distinct (7.43M (TailNum, Origin, Dest) groups from 7.45M rows) the share stays near 100 %.
struct GroupingChoice {
    static let minimumRows = 400_000
    static let newGroupShare = 0.8

    let mode: GroupingMode
    /// False for queries whose state cannot be folded (`count(DISTINCT …)`).
    let canAppend: Bool
    private var rowsBefore = 0
    private var groupsBefore = 0

    init(mode: GroupingMode, canAppend: Bool) {
        self.mode = mode
        self.canAppend = canAppend
    }

    var appendsFromStart: Bool { canAppend && mode == .append }

    /// After a chunk: whether to append from now on, given the worker's rows and groups so far.
    mutating func shouldAppend(rows: Int, groups: Int) -> Bool {
        guard canAppend, mode == .automatic else { return false }
        defer {
            rowsBefore = rows
            groupsBefore = groups
        }
        let newRows = rows - rowsBefore
        guard rows >= Self.minimumRows, newRows > 0 else { return false }
        return Double(groups - groupsBefore) >= Self.newGroupShare * Double(newRows)
    }
}
