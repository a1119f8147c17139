/// Reads a ``RangedInput`` forward from an offset: first through a planned end in one request, then, only if the
/// caller keeps reading (a record or block that straddles the end), in tail requests that double from 64 KiB up
/// to 8 MiB, so a task reads little past its range.
struct ForwardRangeReader {
    let input: RangedInput
    private(set) var position: Int
    private var segmentEnd: Int
    private var plannedEnd: Int
    private var tailSize = 64 << 10
    private var current: (any ByteReader)?

    init(_ input: RangedInput, from start: Int, plannedEnd: Int) {
        self.input = input
        position = Swift.min(Swift.max(0, start), input.size)
        self.plannedEnd = Swift.min(Swift.max(plannedEnd, position), input.size)
        segmentEnd = position
    }

    /// Bytes past `position` into `buffer`; 0 at the end of the input.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) async throws -> Int {
        while true {
            if current == nil {
                guard position < input.size else { return 0 }
                if position < plannedEnd {
                    segmentEnd = plannedEnd
                } else {
                    segmentEnd = Swift.min(input.size, position + tailSize)
                    tailSize = Swift.min(tailSize * 2, 8 << 20)
                }
                current = try input.open(position..<segmentEnd)
            }
            guard var reader = current else { continue }
            let count = try await reader.read(into: buffer)
            current = reader
            if count == 0 {
                throw AggregationError(
                    .inputUnreadable, file: input.name, byteOffset: position,
                    message: "the input ended at byte \(position), before its size of \(input.size) bytes")
            }
            position += count
            if position >= segmentEnd { current = nil }
            return count
        }
    }

    /// Reads up to `count` bytes (fewer only at the end of the input).
    mutating func read(upTo count: Int) async throws -> [UInt8] {
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: Swift.max(1, count), alignment: 1)
        defer { scratch.deallocate() }
        var filled = 0
        while filled < count {
            let got = try await read(into: UnsafeMutableRawBufferPointer(rebasing: scratch[filled..<count]))
            if got == 0 { break }
            filled += got
        }
        return Array(UnsafeRawBufferPointer(rebasing: scratch[0..<filled]))
    }
}
