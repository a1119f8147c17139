/// Splits inputs into near-equal byte ranges: the default ``MapSplitPlanner``.
///
/// The bytes per task are `targetBytesPerTask`, lowered when that would leave nodes idle (the splittable bytes
/// are spread over at least `nodes` tasks) but never below ``minimumBytesPerTask``. Each splittable input is cut
/// into `ceil(size / bytesPerTask)` ranges of equal size (±1 byte); unsplittable and empty inputs get one task for
/// the whole file. Finally, when the task count is not a multiple of `nodes`, the inputs with the largest ranges
/// get one more range each until it is, so the last wave of tasks keeps every node busy.
///
/// Range boundaries are plain byte offsets: the map task moves them to record (or bzip2 block) boundaries.
///
/// ```swift
/// let splits = try EvenByteRangePlanner().splits(
///     of: [MapInput(location: "raw/2007.csv", size: 700_000_000, isSplittable: true)],
///     targetBytesPerTask: 256 << 20, nodes: 4)
/// // 4 ranges of 175 MB: three would do for 256 MiB, but four nodes are waiting.
/// ```
public struct EvenByteRangePlanner: MapSplitPlanner {
    /// No range is made smaller than this (1 MiB by default): below it, per-task overhead dominates.
    public var minimumBytesPerTask: Int64

    public init(minimumBytesPerTask: Int64 = 1 << 20) {
        self.minimumBytesPerTask = max(1, minimumBytesPerTask)
    }

    public func splits(of inputs: [MapInput], targetBytesPerTask: Int64, nodes: Int) throws(AzureClientError)
        -> [MapSplit]
    {
        guard !inputs.isEmpty else { throw AzureClientError(.noInputs, "there are no inputs to plan map tasks for") }
        guard targetBytesPerTask > 0 else {
            throw AzureClientError(.invalidArgument, "bytes per task must be positive, not \(targetBytesPerTask)")
        }
        guard nodes >= 1 else {
            throw AzureClientError(.invalidArgument, "the node count must be at least 1, not \(nodes)")
        }
        if let bad = inputs.first(where: { $0.size < 0 }) {
            throw AzureClientError(.invalidArgument, "input \(bad.location) has a negative size (\(bad.size))")
        }
        let splittableBytes = inputs.filter { $0.isSplittable }.reduce(Int64(0)) { $0 + $1.size }
        let spread = (splittableBytes + Int64(nodes) - 1) / Int64(nodes)
        // An explicit target below the minimum wins: the minimum only limits how far idle nodes lower it.
        let smallest = min(minimumBytesPerTask, targetBytesPerTask)
        let bytesPerTask = min(targetBytesPerTask, max(smallest, spread))
        var pieces = inputs.map { input -> Int64 in
            guard input.isSplittable, input.size > 0 else { return 1 }
            return (input.size + bytesPerTask - 1) / bytesPerTask
        }
        balanceWaves(&pieces, inputs: inputs, nodes: Int64(nodes), floor: smallest)
        var splits: [MapSplit] = []
        for (input, count) in zip(inputs, pieces) {
            guard input.isSplittable, input.size > 0 else {
                splits.append(MapSplit(input: input, range: nil))
                continue
            }
            for piece in 0..<count {
                let start = Self.boundary(piece, of: count, size: input.size)
                let end = Self.boundary(piece + 1, of: count, size: input.size)
                splits.append(MapSplit(input: input, range: start..<end))
            }
        }
        return splits
    }

    /// Adds ranges to the inputs whose ranges are largest until the task count is a multiple of `nodes`, as long
    /// as no range drops below the minimum.
    func balanceWaves(_ pieces: inout [Int64], inputs: [MapInput], nodes: Int64, floor: Int64) {
        let total = pieces.reduce(0, +)
        guard total > nodes, total % nodes != 0 else { return }
        for _ in 0..<(nodes - total % nodes) {
            let candidates = inputs.indices.filter {
                inputs[$0].isSplittable && inputs[$0].size / (pieces[$0] + 1) >= floor
            }
            guard let widest = candidates.max(by: { inputs[$0].size * pieces[$1] < inputs[$1].size * pieces[$0] })
            else { return }
            pieces[widest] += 1
        }
    }

    /// The offset where range `index` of `count` starts: `size * index / count`, without overflow.
    static func boundary(_ index: Int64, of count: Int64, size: Int64) -> Int64 {
        let (quotient, remainder) = size.quotientAndRemainder(dividingBy: count)
        return quotient * index + remainder * index / count
    }
}
