#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A pull-style byte source: fills the caller's buffer, returns 0 at end of input.
protocol ByteReader: SendableMetatype {
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) async throws -> Int
}

/// Reads a file descriptor with read(2), straight into the caller's buffer (no intermediate copy).
struct FileDescriptorReader: ByteReader {
    let descriptor: Int32
    let name: String
    let closeWhenDone: Bool

    static func open(path: String) throws -> FileDescriptorReader {
        let descriptor = path.withCString { Glibc_open($0) }
        guard descriptor >= 0 else {
            throw AggregationError(
                .inputUnreadable, file: path, message: "cannot open: \(String(cString: strerror(errno)))")
        }
        return FileDescriptorReader(descriptor: descriptor, name: path, closeWhenDone: true)
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) async throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            #if canImport(Darwin)
                let count = Darwin.read(descriptor, base, buffer.count)
            #elseif canImport(Musl)
                let count = Musl.read(descriptor, base, buffer.count)
            #else
                let count = Glibc.read(descriptor, base, buffer.count)
            #endif
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw AggregationError(
                .inputUnreadable, file: name, message: "read failed: \(String(cString: strerror(errno)))")
        }
    }

    func close() {
        #if canImport(Darwin)
            if closeWhenDone { _ = Darwin.close(descriptor) }
        #elseif canImport(Musl)
            if closeWhenDone { _ = Musl.close(descriptor) }
        #else
            if closeWhenDone { _ = Glibc.close(descriptor) }
        #endif
    }
}

private func Glibc_open(_ path: UnsafePointer<CChar>) -> Int32 {
    #if canImport(Darwin)
        return Darwin.open(path, O_RDONLY)
    #elseif canImport(Musl)
        return Musl.open(path, O_RDONLY)
    #else
        return Glibc.open(path, O_RDONLY)
    #endif
}

/// Copies from an in-memory array (tests, small inputs).
struct ArrayReader: ByteReader {
    let bytes: [UInt8]
    var position = 0
    /// Caps each read, to exercise chunk boundaries in tests.
    var maximumRead = Int.max

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) async throws -> Int {
        let count = Swift.min(buffer.count, bytes.count - position, maximumRead)
        guard count > 0, let base = buffer.baseAddress else { return 0 }
        bytes.withUnsafeBytes { source in
            if let from = source.baseAddress { base.copyMemory(from: from + position, byteCount: count) }
        }
        position += count
        return count
    }
}

/// Adapts any `AsyncSequence` of byte collections (e.g. a blob download stream) to ``ByteReader``.
struct AsyncSequenceReader<Base: AsyncSequence>: ByteReader where Base.Element: Collection<UInt8> {
    var iterator: Base.AsyncIterator
    var pending: [UInt8] = []
    var pendingStart = 0

    init(_ sequence: Base) { iterator = sequence.makeAsyncIterator() }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) async throws -> Int {
        while pendingStart >= pending.count {
            guard let next = try await iterator.next() else { return 0 }
            pending = Array(next)
            pendingStart = 0
        }
        let count = Swift.min(buffer.count, pending.count - pendingStart)
        guard let base = buffer.baseAddress else { return 0 }
        pending.withUnsafeBytes { source in
            if let from = source.baseAddress { base.copyMemory(from: from + pendingStart, byteCount: count) }
        }
        pendingStart += count
        return count
    }
}
