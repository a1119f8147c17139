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
    /// Decompressed bytes not yet handed out (bounded by one `write` call's output).
    private var output: [UInt8] = []
    private var outputStart = 0
    private let compressedInput: ByteBuffer
    private var finished = false
    private(set) var format = "none"

    init(_ base: Base, name: String, workers: Int, inputBlockSize: Int = 256 << 10) {
        self.base = base
        self.name = name
        self.workers = workers
        compressedInput = ByteBuffer(capacity: inputBlockSize)
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) async throws -> Int {
        if !sniffed { try await sniff() }
        if prefixStart < prefix.count { return drain(&prefix, &prefixStart, into: buffer) }
        guard transform != nil else { return try await base.read(into: buffer) }
        while outputStart >= output.count {
            if finished { return 0 }
            output.removeAll(keepingCapacity: true)
            outputStart = 0
            let count = try await base.read(into: compressedInput.writable(from: 0))
            do {
                if count == 0 {
                    try transform?.finish { output.append(contentsOf: $0) }
                    finished = true
                } else {
                    let input = UnsafeRawBufferPointer(start: compressedInput.base, count: count)
                    try transform?.write(input) { output.append(contentsOf: $0) }
                }
            } catch let error as AggregationError {
                throw error
            } catch {
                throw AggregationError(.corruptCompressedInput, file: name, message: "\(format): \(error)")
            }
        }
        return drain(&output, &outputStart, into: buffer)
    }

    private mutating func sniff() async throws {
        sniffed = true
        let scratch = ByteBuffer(capacity: Decompression.detectionPrefixLength)
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

/// Format detection by magic bytes, never by file extension.
enum Decompression {
    static let detectionPrefixLength = 10

    /// A decoder for the format `prefix` starts with, or nil for plain input.
    static func transform(for prefix: [UInt8], workers: Int, name: String) throws -> (String, any ByteTransform)? {
        let format: String
        if prefix.count >= 2, prefix[0] == 0x1F, prefix[1] == 0x8B {
            format = "gzip"
        } else if prefix.count >= 4, prefix[0] == 0x42, prefix[1] == 0x5A, prefix[2] == 0x68,
            (0x31...0x39).contains(prefix[3])
        {
            format = "bzip2"
        } else {
            return nil
        }
        throw AggregationError(
            .inputUnreadable, file: name, message: "\(format) input needs the CompressionCodecs decoders (not built in)")
    }
}
