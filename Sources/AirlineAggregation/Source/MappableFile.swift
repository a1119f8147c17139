#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A plain regular file whose middle can be handed to workers as read-only mappings instead of being copied
/// with read(2): the copy was a tenth of the kernel's CPU time. Pipes, sockets and compressed input are read.
///
/// Only the size seen when the run starts is mapped (bytes appended later are read with the tail). The size is
/// checked again before each chunk is mapped, so a file truncated meanwhile falls back to read(2) and its short
/// last record is reported as such; only a truncation in the instant between that check and the parse would
/// fault, as with any mapping.
struct MappableFile {
    let descriptor: Int32
    /// Bytes of the stream the pipeline reads: the file's size, or a range task's header plus owned bytes.
    let size: Int
    /// File offset minus stream offset of the mappable bytes: 0 for a whole file; for a range task's window
    /// (``FileWindowReader``), where its owned bytes start in the file minus the header put before them.
    var fileOffset = 0

    /// The file behind `reader`, when it is a regular file (whole, or a window of it).
    static func probe(_ reader: any ByteReader) -> MappableFile? {
        if let window = reader as? FileWindowReader {
            return MappableFile(
                descriptor: window.descriptor, size: window.streamSize, fileOffset: window.fileOffsetOfStream)
        }
        guard let file = reader as? FileDescriptorReader else { return nil }
        var status = stat()
        guard fstat(file.descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        return MappableFile(descriptor: file.descriptor, size: Int(status.st_size))
    }

    /// The file's current size, in stream offsets (the file can change while the run reads it).
    var currentSize: Int {
        var status = stat()
        return fstat(descriptor, &status) == 0 ? Int(status.st_size) - fileOffset : 0
    }

    /// Moves the read(2) position to stream offset `offset`, so the copying reader resumes where the mapped chunks
    /// stopped.
    func seek(to offset: Int, name: String) throws {
        let target = off_t(offset + fileOffset)
        guard lseek(descriptor, target, SEEK_SET) == target else {
            throw AggregationError(
                .inputUnreadable, file: name, message: "seek failed: \(String(cString: strerror(errno)))")
        }
    }

    static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
}

extension ReaderState {
    /// Hands the stream from `start` on to the workers as mapped chunks of whole records until less than a chunk (plus the
    /// scanner's slack) is left, and returns where that tail starts; nil when the run stopped.
    /// A record longer than a chunk also ends this stage: the copying path grows its buffer for it.
    /// `speculative` chunks are cut at their last newline without looking for quotes (see ``Chunk/speculative``).
    mutating func readMappedChunks(
        _ file: MappableFile, from start: Int, speculative: Bool, coordinator: ChunkCoordinator
    ) async throws -> Int? {
        let quote = options.dialect.quote
        let workers = options.workers.resolved
        var start = start
        while true {
            let chunkSize = Self.mappedChunkSize(remaining: file.size - start, options.chunkSize, workers: workers)
            guard start + chunkSize + ChunkBuffer.slack <= file.size,
                start + chunkSize + ChunkBuffer.slack <= file.currentSize
            else { break }
            guard let buffer = await coordinator.takeBuffer() else { return nil }
            let fileStart = start + file.fileOffset
            let mapStart = fileStart & ~(MappableFile.pageSize - 1)
            let limit = fileStart + chunkSize
            do {
                try buffer.map(
                    descriptor: file.descriptor, offset: mapStart, length: limit + ChunkBuffer.slack - mapStart)
            } catch {
                await coordinator.release(buffer)
                throw AggregationError(
                    .inputUnreadable, file: name, byteOffset: start, message: "cannot map: \(error.cause)")
            }
            let from = fileStart - mapStart
            let cut =
                speculative
                ? RecordBoundaries.lastNewline(buffer.bytes, from: from, to: limit - mapStart)
                : RecordBoundaries.scan(buffer.bytes, from: from, to: limit - mapStart, quote: quote).lastRecordEnd
            guard let end = cut else {
                await coordinator.release(buffer)
                return start
            }
            await coordinator.submit(
                Chunk(
                    index: chunkIndex, buffer: buffer, start: from, count: end - from, inputOffset: start,
                    speculative: speculative))
            progress?.seek(to: start)
            chunkIndex += 1
            start += end - from
            progress?.advance(by: end - from)
        }
        return start
    }

    /// The size of the next mapped chunk with `remaining` bytes left: the configured size, until fewer than two
    /// chunks per worker are left; then smaller (down to 256 KiB), so the workers finish together instead of one
    /// parsing a last large chunk while the others wait. A run pays that wait once; a run split into N range tasks
    /// paid it N times.
    static func mappedChunkSize(remaining: Int, _ chunkSize: Int, workers: Int) -> Int {
        Swift.min(chunkSize, Swift.max(Self.smallestTaperedChunk, remaining / (2 * Swift.max(1, workers))))
    }

    static let smallestTaperedChunk = 256 << 10
}
