import ParquetKit
import TestSupport
import Testing

/// The reader rejects damaged files with an error that names the offset, and never crashes.
struct CorruptFileTests {
    static let file = try! ParquetWriter.encode(
        schema: SampleTables.mixedSchema, columns: SampleTables.mixed(rows: 300),
        options: .init(codec: .snappy, dictionary: .automatic))

    @Test func tooShortOrWithoutMagic() {
        #expect(throws: ParquetError.corruptFile(offset: 0, reason: "3 bytes is too short for a Parquet file")) {
            _ = try ParquetReader(bytes: [1, 2, 3])
        }
        var bytes = Self.file
        bytes[0] = 0x51
        #expect(throws: ParquetError.corruptFile(offset: 0, reason: "missing leading PAR1 magic")) {
            _ = try ParquetReader(bytes: bytes)
        }
        bytes = Self.file
        bytes[bytes.count - 1] = 0
        #expect(throws: ParquetError.corruptFile(offset: bytes.count - 4, reason: "missing trailing PAR1 magic")) {
            _ = try ParquetReader(bytes: bytes)
        }
    }

    @Test func footerLengthBeyondTheFile() {
        var bytes = Self.file
        bytes[bytes.count - 5] = 0x7F
        #expect(throws: ParquetError.self) { _ = try ParquetReader(bytes: bytes) }
    }

    @Test func truncatedFilesThrow() {
        for cut in [1, 8, 100, Self.file.count / 2] {
            let bytes = Array(Self.file.prefix(Self.file.count - cut)) + Array("PAR1".utf8)
            #expect(throws: ParquetError.self) { _ = try ParquetReader(bytes: bytes).readAllColumns() }
        }
    }

    @Test func randomByteFlipsNeverCrash() {
        var rng = SeededRandom(seed: 4242)
        var failures = 0
        for _ in 0..<400 {
            var bytes = Self.file
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            do {
                _ = try ParquetReader(bytes: bytes).readAllColumns()
            } catch {
                failures += 1  // typed: always a ParquetError
            }
        }
        // Most flips land in page data that still decodes (values change); some must be caught.
        #expect(failures > 0)
    }

    @Test func unsupportedColumnTypesAreNamed() throws {
        var metadata = try ParquetReader(bytes: Self.file).metadata
        metadata.schema[1].type = .boolean
        let footer = metadata.thriftBytes()
        var bytes = Array("PAR1".utf8) + footer
        withUnsafeBytes(of: UInt32(footer.count).littleEndian) { bytes += $0 }
        bytes += Array("PAR1".utf8)
        #expect(throws: ParquetError.unsupportedFeature("column 'id' has physical type BOOLEAN")) {
            _ = try ParquetReader(bytes: bytes)
        }
    }

    @Test func unknownColumnNameListsTheColumns() throws {
        let reader = try ParquetReader(bytes: Self.file)
        #expect(
            throws: ParquetError.invalidSchema(
                reason: "no column 'x'; columns: id, carrier, delay, ratio, nothing, note")
        ) {
            _ = try reader.readColumn(named: "x")
        }
    }

    @Test func negativeDictionaryCountIsReportedWithTheColumnAndOffset() throws {
        let schema = try ParquetSchema([ParquetColumn("c", .int32)])
        var bytes = try ParquetWriter.encode(
            schema: schema, columns: [.int32([1, 2, 1, 2])], options: .init(codec: .uncompressed, dictionary: .always))
        let page = try #require(try ParquetReader(bytes: bytes).pages(rowGroup: 0, column: 0).first)
        var header = page.header
        header.dictionaryPageHeader?.numValues = -1
        let patched = header.thriftBytes()
        #expect(patched.count == page.payload.lowerBound - page.offset)  // same varint lengths
        bytes.replaceSubrange(page.offset..<page.payload.lowerBound, with: patched)
        #expect {
            _ = try ParquetReader(bytes: bytes).readAllColumns()
        } throws: { error in
            guard case .corruptFile(let offset, let reason) = error as? ParquetError else { return false }
            return offset == page.offset && reason.hasPrefix("column 'c': DICTIONARY_PAGE page:")
        }
    }
}
