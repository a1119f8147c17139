import Dispatch
import Foundation
import Testing

@testable import ParquetKit

/// Column chunks encoded on several threads (``ParquetWriterOptions/encodingThreads``): the file must be byte for
/// byte the one the sequential writer produces, whatever the types, nulls, row groups and pages.
struct ParallelEncodingTests {
    /// SplitMix64, so every run tests the same tables.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let schema = try! ParquetSchema([
        ParquetColumn("key", .string), ParquetColumn("code", .int32), ParquetColumn("count", .int64),
        ParquetColumn("average", .double), ParquetColumn("label", .string),
    ])

    /// A table of `rows` rows: dictionary text with nulls, low- and high-cardinality numbers, plain strings.
    static func table(rows: Int, seed: UInt64) throws -> [ParquetColumnValues] {
        var random = SeededGenerator(state: seed)
        let texts = (0..<500).map { "T\($0 * 7919 % 1000)" }
        let indices = (0..<rows).map { _ in
            Int.random(in: 0..<10, using: &random) == 0
                ? ParquetStringDictionary.nullIndex : Int32.random(in: 0..<500, using: &random)
        }
        func maybe<Value>(_ value: Value) -> Value? { Int.random(in: 0..<7, using: &random) == 0 ? nil : value }
        let codes = (0..<rows).map { _ in maybe(Int32.random(in: -40...40, using: &random)) }
        let counts = (0..<rows).map { _ in maybe(Int64.random(in: 1...3, using: &random)) }
        let averages = (0..<rows).map { _ in maybe(Double.random(in: -1000...1000, using: &random)) }
        let labels = (0..<rows).map { row in maybe("row \(row)") }
        return [
            .dictionaryString(try ParquetStringDictionary(dictionary: texts, indices: indices)), .int32(codes),
            .int64(counts), .double(averages), .string(labels),
        ]
    }

    static func options(threads: Int, codec: ParquetCompression) -> ParquetWriterOptions {
        var options = ParquetWriterOptions(codec: codec)
        options.rowGroupRows = 700
        options.maximumRowsPerPage = 150
        options.encodingThreads = threads
        return options
    }

    @Test(arguments: [ParquetCompression.snappy, .uncompressed, .gzip], [1, 2, 5])
    func sameBytesAsSequential(codec: ParquetCompression, seed: UInt64) throws {
        let columns = try Self.table(rows: 3000 + Int(seed) * 17, seed: seed)
        let sequential = try ParquetWriter.encode(
            schema: Self.schema, columns: columns, options: Self.options(threads: 1, codec: codec))
        for threads in [2, 3, 8] {
            let parallel = try ParquetWriter.encode(
                schema: Self.schema, columns: columns, options: Self.options(threads: threads, codec: codec))
            #expect(parallel == sequential, "\(threads) threads")
        }
        let reader = try ParquetReader(bytes: sequential)
        #expect(reader.metadata.rowGroups.count == (columns[0].count + 699) / 700)
        #expect(try reader.readColumn(named: "average") == columns[3])
    }

    @Test func fileSameAsSequential() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parallel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let columns = try Self.table(rows: 10_000, seed: 9)
        var files: [Data] = []
        for threads in [1, 2] {
            let path = folder.appendingPathComponent("t\(threads).parquet").path
            try ParquetWriter.write(
                schema: Self.schema, columns: columns, to: path, options: Self.options(threads: threads, codec: .snappy)
            )
            files.append(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        #expect(files[0] == files[1])
        #expect(
            files[0]
                == Data(
                    try ParquetWriter.encode(
                        schema: Self.schema, columns: columns, options: Self.options(threads: 1, codec: .snappy))))
    }

    @Test func noThreadsIsRejected() {
        #expect(throws: ParquetError.self) {
            _ = try ParquetFileWriter(schema: Self.schema, options: Self.options(threads: 0, codec: .snappy))
        }
    }

    /// Two iterations run at the same time: the first waits until the second has started, which would time out
    /// (and fail) if the loop ran them one after the other.
    @Test func loopRunsIterationsConcurrently() {
        let started = DispatchSemaphore(value: 0)
        let overlapped = OverlapFlag()
        ParallelLoop.run(count: 2, threads: 2) { index in
            if index == 1 {
                started.signal()
            } else if started.wait(timeout: .now() + 30) == .success {
                overlapped.set()
            }
        }
        #expect(overlapped.value)
    }

    @Test func loopRunsEveryIterationOnce() {
        let seen = Counts(count: 1000)
        ParallelLoop.run(count: 1000, threads: 3) { seen.add($0) }
        #expect(seen.all(equalTo: 1))
    }

    private final class OverlapFlag: @unchecked Sendable {
        private let lock = NSLock()
        private var flag = false
        func set() { lock.withLock { flag = true } }
        var value: Bool { lock.withLock { flag } }
    }

    private final class Counts: @unchecked Sendable {
        private let lock = NSLock()
        private var counts: [Int]
        init(count: Int) { counts = Array(repeating: 0, count: count) }
        func add(_ index: Int) { lock.withLock { counts[index] += 1 } }
        func all(equalTo value: Int) -> Bool { lock.withLock { counts.allSatisfy { $0 == value } } }
    }
}
