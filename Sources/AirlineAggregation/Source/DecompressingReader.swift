import CompressionCodecs

/// A push-style byte transform (the shape of CompressionCodecs' `StreamDecompressor`).
protocol ByteTransform {
    mutating func write(_ input: UnsafeRawBufferPointer, output: (UnsafeRawBufferPointer) throws -> Void) throws
    mutating func finish(output: (UnsafeRawBufferPointer) throws -> Void) throws
}

/// Sits between a byte source and the CSV chunker: sniffs the first bytes, and when they are a gzip or bzip2
/// magic number, decompresses everything that follows. Plain input passes through with no extra copy.
struct DecompressingReader<Base: ByteReader>: ByteReader {
    private var base: Base
    private let workers: Int
    private let name: String
    private var transform: (any ByteTransform)?
    private var sniffed = false
    /// Plain bytes read while sniffing, handed out before anything else.
    private var prefix: [UInt8] = []
    private var prefixStart = 0
    /// Decompressed bytes produced while sniffing, handed out before the decode-ahead output.
    private var output: [UInt8] = []
    private var outputStart = 0
    /// The decode-ahead output buffer being handed out, and how much of it is left.
    private var current: (buffer: ChunkBuffer, count: Int)?
    private var currentStart = 0
    /// Bytes of compressed input read per `read(2)` by the input task.
    private let inputBlockSize: Int
    private var finished = false
    /// Set once decoding runs ahead in its own task (compressed input only).
    private var decodeAhead: DecodeAheadHandle?
    private(set) var format = "none"

    init(_ base: Base, name: String, workers: Int, inputBlockSize: Int = 256 << 10) {
        self.base = base
        self.name = name
        self.workers = workers
        self.inputBlockSize = inputBlockSize
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) async throws -> Int {
        if !sniffed { try await sniff() }
        if prefixStart < prefix.count { return drain(&prefix, &prefixStart, into: buffer) }
        guard let transform else { return try await base.read(into: buffer) }
        if outputStart < output.count { return drain(&output, &outputStart, into: buffer) }
        let handle = decodeAhead ?? startDecodingAhead(transform)
        while true {
            if let piece = current {
                if currentStart < piece.count {
                    let count = Swift.min(buffer.count, piece.count - currentStart)
                    if let destination = buffer.baseAddress {
                        destination.copyMemory(from: piece.buffer.base + currentStart, byteCount: count)
                    }
                    currentStart += count
                    return count
                }
                current = nil
                _ = await handle.queues.freeOutput.send(piece.buffer)
            }
            if finished { return 0 }
            switch await handle.queues.filledOutput.receive() {
            case .bytes(let piece, let count)?:
                current = (piece, count)
                currentStart = 0
            case .failure(let error)?:
                finished = true
                throw error
            case .end?, nil:
                finished = true
                return 0
            }
        }
    }

    /// Starts (once) the input task and the decoding thread.
    private mutating func startDecodingAhead(_ transform: any ByteTransform) -> DecodeAheadHandle {
        let handle = DecodeAhead.start(
            base: base, transform: transform, inputBlockSize: inputBlockSize, name: name, format: format)
        decodeAhead = handle
        return handle
    }

    /// Reads the first bytes and picks the decoder (done by the first ``read(into:)`` otherwise), so that the
    /// caller can size its buffers for compressed or plain input before reading.
    mutating func detectFormat() async throws {
        if !sniffed { try await sniff() }
    }

    /// Whether the input is compressed (known after ``detectFormat()`` or the first read).
    var isCompressed: Bool { transform != nil }

    /// Plain input with nothing buffered here: the base reader's position is exactly what was handed out.
    var isPlain: Bool { sniffed && transform == nil && prefixStart >= prefix.count }

    private mutating func sniff() async throws {
        sniffed = true
        let scratch = ChunkBuffer(capacity: Decompression.detectionPrefixLength)
        var filled = 0
        while filled < scratch.capacity {
            let count = try await base.read(into: scratch.writable(from: filled))
            if count == 0 { break }
            filled += count
        }
        let head = Array(UnsafeBufferPointer(start: scratch.bytes, count: filled))
        if let (formatName, made) = try Decompression.transform(for: head, workers: workers, name: name) {
            format = formatName
            transform = made
            // The sniffed bytes are compressed input: push them through the decoder first.
            try head.withUnsafeBytes { input in try transform?.write(input) { output.append(contentsOf: $0) } }
        } else {
            prefix = head
        }
    }

    private func drain(_ source: inout [UInt8], _ start: inout Int, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let count = Swift.min(buffer.count, source.count - start)
        guard count > 0, let destination = buffer.baseAddress else { return 0 }
        source.withUnsafeBytes { bytes in
            if let from = bytes.baseAddress { destination.copyMemory(from: from + start, byteCount: count) }
        }
        start += count
        return count
    }
}

/// Format detection by magic bytes (never by file extension), backed by CompressionCodecs.
enum Decompression {
    static let detectionPrefixLength = CompressionFormat.detectionPrefixLength

    /// A decoder for the format `prefix` starts with, or nil for plain input.
    static func transform(for prefix: [UInt8], workers: Int, name: String) throws -> (String, any ByteTransform)? {
        let format = CompressionFormat.detect(prefix)
        guard format != .none else { return nil }
        return (format.rawValue, CodecTransform(decoder: format.makeDecompressor(workers: workers)))
    }
}

/// Adapts a CompressionCodecs decoder to the reader's transform protocol.
struct CodecTransform: ByteTransform {
    var decoder: any StreamDecompressor

    mutating func write(_ input: UnsafeRawBufferPointer, output: (UnsafeRawBufferPointer) throws -> Void) throws {
        try decoder.write(input, output: output)
    }

    mutating func finish(output: (UnsafeRawBufferPointer) throws -> Void) throws {
        try decoder.finish(output: output)
    }
}
