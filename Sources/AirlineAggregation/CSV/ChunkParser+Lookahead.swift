import CByteClassifier

/// Rows of a query grouped by one text key with many distinct values (tail numbers: hundreds of thousands): the
/// pool's index, the text → group map and the group records are MBs to tens of MB per worker, so each row's
/// intern, group and record update are cache misses, each waiting on the one before. With a lookahead, three rows
/// `distance` apart ahead of the current one are each one step further: the key of the farthest is hashed and its
/// index line requested, the next one's id is found in the pool (its line has arrived by then) and its entry of the
/// text → group map requested, the nearest one's group is read and its record requested. The misses of several
/// rows overlap instead of adding up. Only prefetches: what a row does and the table it builds are unchanged.
///
/// With several keys the lookahead follows the first key that may be text and runs its first stage only: the group
/// is found by the whole key (and an appending table looks nothing up), so there is no map entry or record to request.
extension ChunkParser {
    /// Rows between the stages: enough for a line to arrive from memory while the rows in between are parsed.
    static let lookaheadDistance = 8
    /// Below this many texts the pool and the records stay in cache, and a lookahead only costs.
    static let lookaheadMinimumTexts = 1 << 15

    /// The batch's `found` records, with the lookahead.
    func parseWithLookahead(
        _ base: UnsafePointer<UInt8>, records: UnsafePointer<csv_record>, found: Int, offsets: UnsafePointer<Int64>,
        stride: Int, table: GroupTable, counts: inout ChunkCounts
    ) throws(ChunkFailure) {
        let distance = Self.lookaheadDistance
        // Only a one-key table finds groups through the text → group map; with several keys stages two and three
        // would have nothing to request.
        let findsGroups = keyCount == 1
        for index in 0..<min(found, 3 &* distance) {
            hashKey(base, record: records[index], offsets: offsets + index &* stride, index: index, table: table)
        }
        if findsGroups {
            for index in 0..<min(found, 2 &* distance) { findKey(base, index: index, table: table) }
            for index in 0..<min(found, distance) { requestRecord(index: index, table: table) }
        }
        for index in 0..<found {
            let hashed = index &+ 3 &* distance
            if hashed < found {
                hashKey(base, record: records[hashed], offsets: offsets + hashed &* stride, index: hashed, table: table)
            }
            if findsGroups {
                if index &+ 2 &* distance < found { findKey(base, index: index &+ 2 &* distance, table: table) }
                if index &+ distance < found { requestRecord(index: index &+ distance, table: table) }
            }
            try row(base, record: records[index], offsets: offsets + index &* stride, table: table, counts: &counts)
        }
    }

    /// Stage one: the key field of batch record `index` located and hashed, its pool index line requested. A quoted
    /// or empty field, or a malformed record, is left to the row (hash 0).
    @inline(__always)
    private func hashKey(
        _ base: UnsafePointer<UInt8>, record: csv_record, offsets: UnsafePointer<Int64>, index: Int, table: GroupTable
    ) {
        lookaheadHashes[index] = 0
        guard record.fields == fieldCount else { return }
        let startBoundary = fieldStartBoundaries[lookaheadField]
        let start = startBoundary < 0 ? Int(record.start) : Int(offsets[startBoundary]) &+ 1
        var end = Int(offsets[fieldEndBoundaries[lookaheadField]])
        if end == Int(record.newline), end > start, base[end &- 1] == 0x0D { end &-= 1 }
        guard end > start, base[start] != plan.quote else { return }
        let hashed = TextPool.hash(of: base + start, count: end &- start)
        lookaheadStarts[index] = start
        lookaheadLengths[index] = end &- start
        lookaheadHashes[index] = hashed
        table.texts.prefetch(hashed: hashed)
    }

    /// Stage two: the key of batch record `index` found in the pool (not added), its text → group entry requested.
    @inline(__always)
    private func findKey(_ base: UnsafePointer<UInt8>, index: Int, table: GroupTable) {
        let hashed = lookaheadHashes[index]
        var id = -1
        if hashed != 0 {
            id = table.texts.find(base + lookaheadStarts[index], count: lookaheadLengths[index], hashed: hashed)
            if id >= 0 { table.prefetchGroup(ofText: id) }
        }
        lookaheadIds[index] = id
    }

    /// Stage three: the group of batch record `index`'s key, when known, has its record requested.
    @inline(__always)
    private func requestRecord(index: Int, table: GroupTable) {
        let id = lookaheadIds[index]
        if id >= 0 { table.prefetchRecord(ofText: id) }
    }
}
