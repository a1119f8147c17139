import CByteClassifier

/// Finds records and the separators around projected fields, a batch of records per call, in one pass over the
/// bytes (the C scanner of `CByteClassifier`, built for AVX2/BMI2 where the CPU has them, portable otherwise).
///
/// Each record's field count comes with it (separators through its newline), and for each wanted separator
/// ordinal its chunk offset, or -1 when the record is shorter. The buffers are reused from batch to batch.
struct RecordScanner {
    /// Records per batch: the batch's bytes (about 25 KB of airline rows) are still in L1/L2 when they are decoded.
    static let batchCapacity: Int32 = 256
    private(set) var state: csv_scan
    let boundaryCount: Int
    /// The last batch's records, and their wanted separator offsets (record r's at `r * boundaryCount`).
    let records: UnsafeMutablePointer<csv_record>
    let offsets: UnsafeMutablePointer<Int64>
    private let boundaries: UnsafeMutablePointer<Int32>
    /// Forces the portable build (tests compare both).
    let portable: Bool

    /// A scanner that reports the separators with the given ordinals (ascending, unique).
    init(boundaries wanted: [Int], delimiter: UInt8, quote: UInt8, portable: Bool = false) {
        precondition(zip(wanted, wanted.dropFirst()).allSatisfy { $0 < $1 }, "boundaries must ascend")
        boundaryCount = wanted.count
        boundaries = .allocate(capacity: max(1, wanted.count))
        for (index, ordinal) in wanted.enumerated() { boundaries[index] = Int32(ordinal) }
        records = .allocate(capacity: Int(Self.batchCapacity))
        offsets = .allocate(capacity: Int(Self.batchCapacity) * max(1, wanted.count))
        self.portable = portable
        state = csv_scan(
            base: nil, end: 0, delimiter: delimiter, quote: quote, boundaries: boundaries,
            boundaryCount: Int32(wanted.count), records: records, offsets: offsets, capacity: Self.batchCapacity,
            sawQuote: 0, quotedLineFeeds: 0)
    }

    /// Frees the buffers (the owner calls it once; the scanner is a value without a deinit).
    func deallocate() {
        records.deallocate()
        offsets.deallocate()
        boundaries.deallocate()
    }

    /// Starts a chunk of `count` bytes at `base` (64 readable bytes past the end).
    mutating func reset(_ base: UnsafePointer<UInt8>, count: Int) {
        state.base = base
        state.end = Int64(count)
        state.sawQuote = 0
        state.quotedLineFeeds = 0
    }

    /// Scans from `start` (a record's first byte); returns the records found and where the next batch starts.
    @inline(__always)
    mutating func next(from start: Int) -> (records: Int, resume: Int) {
        var resume: Int64 = 0
        let found =
            portable
            ? csv_scan_records_portable(&state, Int64(start), &resume)
            : csv_scan_records(&state, Int64(start), &resume)
        return (Int(found), Int(resume))
    }

    /// Record `index` of the last batch.
    @inline(__always)
    func record(_ index: Int) -> csv_record { records[index] }

    /// The wanted separator offsets of record `index` of the last batch.
    @inline(__always)
    func offsets(_ index: Int) -> UnsafePointer<Int64> { UnsafePointer(offsets + index &* boundaryCount) }

    var sawQuote: Bool { state.sawQuote != 0 }
    var quotedLineFeeds: Int { Int(state.quotedLineFeeds) }

    /// Whether this process uses the AVX2/BMI2 build.
    static var usesAVX2: Bool { csv_scan_uses_avx2() != 0 }
}
