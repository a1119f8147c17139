import Dispatch

/// Encodes the column chunks of several row groups at once, each chunk into a buffer of its own, on up to
/// ``ParquetWriterOptions/encodingThreads`` threads.
///
/// A chunk's bytes do not depend on where it lands in the file: only its footer entry holds file offsets. So each
/// chunk is encoded as if it started at offset 0, and ``EncodedChunk/placed(at:)`` moves its offsets once the
/// chunks are appended in schema order; the file is byte for byte the one a sequential writer produces.
struct ChunkBatchEncoder: Sendable {
    let schema: ParquetSchema
    let options: ParquetWriterOptions
    let codec: any ParquetCodec

    /// One encoded column chunk: its pages, and its footer entry with offsets relative to the chunk's start.
    struct EncodedChunk: Sendable {
        var bytes: [UInt8]
        var chunk: ParquetFormat.ColumnChunk

        /// The footer entry of this chunk written at `offset`.
        func placed(at offset: Int64) -> ParquetFormat.ColumnChunk {
            var chunk = chunk
            chunk.fileOffset += offset
            chunk.metaData?.dataPageOffset += offset
            if let dictionary = chunk.metaData?.dictionaryPageOffset {
                chunk.metaData?.dictionaryPageOffset = dictionary + offset
            }
            return chunk
        }
    }

    /// The chunks of `rowGroups` (row ranges of `columns`), per row group in schema order. On failure, the error
    /// of the first failing chunk in file order, as the sequential writer would report it.
    func encode(_ columns: [ParquetColumnValues], rowGroups: [Range<Int>]) throws(ParquetError) -> [[EncodedChunk]] {
        let width = columns.count
        let results = ResultSlots(count: rowGroups.count * width)
        defer { results.deallocate() }
        ParallelLoop.run(count: rowGroups.count * width, threads: options.encodingThreads) { task in
            let column = task % width
            let writer = ColumnChunkWriter(column: schema.columns[column], options: options, codec: codec)
            var bytes: [UInt8] = []
            do throws(ParquetError) {
                let chunk = try writer.write(
                    columns[column], rows: rowGroups[task / width], fileOffset: 0, into: &bytes)
                results.set(task, .success(EncodedChunk(bytes: bytes, chunk: chunk)))
            } catch {
                results.set(task, .failure(error))
            }
        }
        var encoded: [[EncodedChunk]] = []
        encoded.reserveCapacity(rowGroups.count)
        for group in rowGroups.indices {
            var chunks: [EncodedChunk] = []
            chunks.reserveCapacity(width)
            for column in 0..<width { chunks.append(try results.take(group * width + column).get()) }
            encoded.append(chunks)
        }
        return encoded
    }
}

extension ColumnChunkWriter {
    /// Appends the chunk of `rows` of `values`, whatever their type.
    func write(
        _ values: ParquetColumnValues, rows: Range<Int>, fileOffset: Int, into out: inout [UInt8]
    ) throws(ParquetError) -> ParquetFormat.ColumnChunk {
        switch values {
        case .int32(let v): try write(v[rows], fileOffset: fileOffset, into: &out)
        case .int64(let v): try write(v[rows], fileOffset: fileOffset, into: &out)
        case .double(let v): try write(v[rows], fileOffset: fileOffset, into: &out)
        case .string(let v): try write(v[rows], fileOffset: fileOffset, into: &out)
        case .dictionaryString(let v): try write(v, rows: rows, fileOffset: fileOffset, into: &out)
        }
    }
}

/// One result per task, each written by exactly one thread before ``ParallelLoop/run(count:threads:_:)`` returns
/// and read only after it: no two threads touch the same slot, which is what makes the unchecked `Sendable` sound.
private final class ResultSlots: @unchecked Sendable {
    typealias Result = Swift.Result<ChunkBatchEncoder.EncodedChunk, ParquetError>
    private let slots: UnsafeMutablePointer<Result?>
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: max(1, count))
        slots.initialize(repeating: nil, count: count)
    }

    func set(_ index: Int, _ result: Result) { slots[index] = result }

    /// The result of `index`, moved out (each is read once).
    func take(_ index: Int) -> Result {
        guard let result = slots[index] else { preconditionFailure("task \(index) did not run") }
        slots[index] = nil
        return result
    }

    func deallocate() {
        slots.deinitialize(count: count)
        slots.deallocate()
    }
}
