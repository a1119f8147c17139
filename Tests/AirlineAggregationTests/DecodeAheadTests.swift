import CompressionCodecs
import Foundation
import Synchronization
import Testing

@testable import AirlineAggregation

@Suite("Decode-ahead: bounded hand-offs between the decoding thread and the reader")
struct DecodeAheadTests {
    /// Bytes that compress about 4:1 (numbers and repeated words), so a few megabytes of output span several of
    /// the decode-ahead output buffers.
    static func text(bytes count: Int) -> [UInt8] {
        var text: [UInt8] = []
        text.reserveCapacity(count + 64)
        var line = 0
        while text.count < count {
            text.append(
                contentsOf: "2007,\(line % 12 + 1),\(line % 31 + 1),\(line % 97 - 40),\(line &* 7919 % 1000)\n".utf8)
            line += 1
        }
        return text
    }

    @Test func aBlockingSenderNeverGetsMoreThanTheCapacityAhead() async throws {
        let queue = HandoffQueue<Int>(capacity: 2)
        let sent = Counter()
        let thread = Thread {
            for item in 0..<200 {
                guard queue.sendBlocking(item) else { return }
                sent.increment()
            }
        }
        thread.start()
        // Nothing is received yet: the sender fills the queue and then waits with its third item.
        for _ in 0..<500 where sent.value < 2 { try await Task.sleep(for: .milliseconds(10)) }
        try await Task.sleep(for: .milliseconds(100))
        #expect(sent.value == 2)
        var received: [Int] = []
        while received.count < 200 {
            #expect(sent.value - received.count <= 3)
            guard let item = await queue.receive() else { break }
            received.append(item)
        }
        #expect(received == Array(0..<200))
    }

    @Test func anAsyncSenderFeedsABlockingReceiverInOrder() async {
        let queue = HandoffQueue<Int>(capacity: 1)
        let received = Mutex<[Int]>([])
        let done = HandoffQueue<Bool>(capacity: 1)
        let thread = Thread {
            while let item = queue.receiveBlocking() {
                received.withLock { $0.append(item) }
                if item == 99 { break }
            }
            _ = done.sendBlocking(true)
        }
        thread.start()
        for item in 0..<100 { #expect(await queue.send(item)) }
        #expect(await done.receive() == true)
        #expect(received.withLock { $0 } == Array(0..<100))
    }

    @Test func cancellingEndsEveryWait() async throws {
        let full = HandoffQueue<Int>(capacity: 1, initial: [0])
        let empty = HandoffQueue<Int>(capacity: 1)
        let outcomes = Mutex<(sent: Bool?, received: Int??)>((nil, nil))
        let sender = Thread {
            let sent = full.sendBlocking(1)
            outcomes.withLock { $0.sent = sent }
        }
        let receiver = Thread {
            let received = empty.receiveBlocking()
            outcomes.withLock { $0.received = .some(received) }
        }
        sender.start()
        receiver.start()
        try await Task.sleep(for: .milliseconds(50))
        #expect(outcomes.withLock { $0.sent } == nil)
        full.cancel()
        empty.cancel()
        for _ in 0..<500 where outcomes.withLock({ $0.sent == nil || $0.received == nil }) {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(outcomes.withLock { $0.sent } == false)
        #expect(outcomes.withLock { $0.received } == .some(nil))
        // Async waits end too, and later calls return at once.
        let asyncFull = HandoffQueue<Int>(capacity: 1, initial: [0])
        async let blockedSend = asyncFull.send(1)
        try await Task.sleep(for: .milliseconds(20))
        asyncFull.cancel()
        #expect(await blockedSend == false)
        #expect(await asyncFull.receive() == nil)
        #expect(await empty.send(2) == false)
    }

    /// Larger than all output buffers together (2 × 1 MiB), compressed once for every test here.
    static let plain = text(bytes: 3 << 20 + 12345)
    static let compressed = Gzip.compress(plain, level: 1)

    @Test(arguments: [1 << 10, 64 << 10, 1 << 20])
    func compressedInputLargerThanEveryBufferArrivesWhole(readSize: Int) async throws {
        let (plain, compressed) = (Self.plain, Self.compressed)
        #expect(plain.count > DecodeAhead.outputBufferCount * DecodeAhead.outputBufferSize)
        var reader = DecompressingReader(
            ArrayReader(bytes: compressed, maximumRead: readSize), name: "t.gz", workers: 1, inputBlockSize: 4096)
        var result: [UInt8] = []
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 300_000, alignment: 8)
        defer { scratch.deallocate() }
        while true {
            let count = try await reader.read(into: scratch)
            if count == 0 { break }
            result.append(contentsOf: scratch[..<count])
        }
        #expect(reader.format == "gzip")
        #expect(result.count == plain.count)
        #expect(result == plain)
    }

    @Test func aReaderThatGoesAwayStopsTheInputAndTheDecoder() async throws {
        let compressed = Self.compressed
        let reads = Counter()
        do {
            var reader = DecompressingReader(
                CountingReader(base: ArrayReader(bytes: compressed, maximumRead: 1024), reads: reads), name: "t.gz",
                workers: 1, inputBlockSize: 1024)
            let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 100, alignment: 8)
            defer { scratch.deallocate() }
            #expect(try await reader.read(into: scratch) == 100)
        }
        // The reader is gone: within a moment the input task stops reading, far before the end of the input.
        var settled = -1
        for _ in 0..<100 {
            try await Task.sleep(for: .milliseconds(20))
            let now = reads.value
            if now == settled { break }
            settled = now
        }
        try await Task.sleep(for: .milliseconds(100))
        #expect(reads.value == settled)
        #expect(settled < compressed.count / 1024 / 2)
    }

    @Test func aReadErrorReachesTheReaderTyped() async throws {
        var reader = DecompressingReader(
            FailingReader(bytes: Array(Self.compressed.prefix(5000))), name: "t.gz", workers: 1, inputBlockSize: 1024)
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 8)
        defer { scratch.deallocate() }
        await #expect(throws: AggregationError.self) {
            while try await reader.read(into: scratch) > 0 {}
        }
    }
}

/// Counts the reads the decode-ahead input task makes.
private struct CountingReader: ByteReader {
    var base: ArrayReader
    let reads: Counter

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) async throws -> Int {
        reads.increment()
        return try await base.read(into: buffer)
    }
}

/// Hands out `bytes`, then fails like a broken disk.
private struct FailingReader: ByteReader {
    var base: ArrayReader

    init(bytes: [UInt8]) { base = ArrayReader(bytes: bytes, maximumRead: 1000) }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) async throws -> Int {
        let count = try await base.read(into: buffer)
        if count == 0 { throw AggregationError(.inputUnreadable, file: "t.gz", message: "read failed: I/O error") }
        return count
    }
}

/// A count shared with another thread.
private final class Counter: Sendable {
    private let count = Atomic<Int>(0)
    func increment() { count.add(1, ordering: .sequentiallyConsistent) }
    var value: Int { count.load(ordering: .sequentiallyConsistent) }
}
