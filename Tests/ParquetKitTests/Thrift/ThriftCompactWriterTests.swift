import Testing

@testable import ParquetKit

/// Byte vectors from the Thrift compact spec and the worked examples in
/// shared/reference/parquet.md §1.2–1.3 (transcribed).
struct ThriftCompactWriterTests {
    struct VarintVector: Sendable, CustomTestStringConvertible {
        let value: UInt64
        let bytes: [UInt8]
        var testDescription: String { "varint \(value)" }
    }

    @Test(arguments: [
        VarintVector(value: 0, bytes: [0x00]),
        VarintVector(value: 1, bytes: [0x01]),
        VarintVector(value: 127, bytes: [0x7F]),
        VarintVector(value: 128, bytes: [0x80, 0x01]),
        VarintVector(value: 300, bytes: [0xAC, 0x02]),
        VarintVector(value: 16_384, bytes: [0x80, 0x80, 0x01]),
        VarintVector(value: UInt64.max, bytes: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]),
    ])
    func varint(_ vector: VarintVector) throws {
        var writer = ThriftCompactWriter()
        writer.writeVarint(vector.value)
        #expect(writer.bytes == vector.bytes)
        var reader = ThriftCompactReader(writer.bytes)
        #expect(try reader.readVarint() == vector.value)
    }

    static let zigzagVectors: [(Int64, [UInt8])] = [
        (0, [0x00]), (-1, [0x01]), (1, [0x02]), (-2, [0x03]), (2, [0x04]),
        (1000, [0xD0, 0x0F]), (Int64.min, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]),
        (Int64.max, [0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]),
    ]

    @Test(arguments: zigzagVectors)
    func zigzag(_ value: Int64, _ bytes: [UInt8]) throws {
        var writer = ThriftCompactWriter()
        writer.writeI64(value)
        #expect(writer.bytes == bytes)
        var reader = ThriftCompactReader(writer.bytes)
        #expect(try reader.readI64() == value)
    }

    @Test func fileMetaDataVersionAndNumRowsUseShortFieldHeaders() {
        var writer = ThriftCompactWriter()
        writer.beginStruct()
        writer.writeI32Field(1, 1)
        writer.writeI64Field(3, 1000)
        writer.endStruct()
        // 0x15 = delta 1, i32; 0x26 = delta 2, i64; 0xD0 0x0F = zigzag(1000); 0x00 = stop
        #expect(writer.bytes == [0x15, 0x02, 0x26, 0xD0, 0x0F, 0x00])
    }

    @Test func longFieldIDDeltaUsesTheLongForm() {
        var writer = ThriftCompactWriter()
        writer.beginStruct()
        writer.writeI32Field(1, 0)
        writer.writeI32Field(17, 5)
        writer.endStruct()
        // delta 16 does not fit a nibble: type byte 0x05 then zigzag i16 id 17 = 0x22
        #expect(writer.bytes == [0x15, 0x00, 0x05, 0x22, 0x0A, 0x00])
    }

    @Test func listOfThreeEncodings() {
        var writer = ThriftCompactWriter()
        writer.beginStruct()
        writer.writeListField(1, elementType: .i32, count: 3) { w in
            for encoding: Int32 in [0, 3, 8] { w.writeI32(encoding) }
        }
        writer.endStruct()
        #expect(writer.bytes == [0x19, 0x35, 0x00, 0x06, 0x10, 0x00])
    }

    @Test func listOfFifteenOrMoreUsesVarintSize() {
        var writer = ThriftCompactWriter()
        writer.writeListHeader(elementType: .binary, count: 15)
        writer.writeListHeader(elementType: .struct, count: 300)
        #expect(writer.bytes == [0xF8, 0x0F, 0xFC, 0xAC, 0x02])
    }

    @Test func boolFieldsCarryTheValueInTheTypeNibble() {
        let header = ParquetFormat.DictionaryPageHeader(numValues: 3, encoding: .plain, isSorted: false)
        // 15 06 (num_values 3) 15 00 (PLAIN) 12 (is_sorted false) 00
        #expect(header.thriftBytes() == [0x15, 0x06, 0x15, 0x00, 0x12, 0x00])
        let sorted = ParquetFormat.DictionaryPageHeader(numValues: 3, encoding: .plain, isSorted: true)
        #expect(sorted.thriftBytes() == [0x15, 0x06, 0x15, 0x00, 0x11, 0x00])
    }

    @Test func stringLeafCarriesUTF8AndSTRINGAnnotations() {
        let leaf = ParquetColumn("s", .string, .optional).schemaElement
        // type BYTE_ARRAY (15 0C), OPTIONAL (id 3: 25 02), name "s" (18 01 73), then the bytes
        // parquet.md gives for the annotation pair: 25 00 4C 1C 00 00, then the stop byte.
        #expect(
            leaf.thriftBytes() == [0x15, 0x0C, 0x25, 0x02, 0x18, 0x01, 0x73, 0x25, 0x00, 0x4C, 0x1C, 0x00, 0x00, 0x00])
    }

    @Test func nestedStructRestartsFieldIDs() {
        var writer = ThriftCompactWriter()
        writer.beginStruct()
        writer.writeI32Field(4, 7)
        writer.writeStructField(5) { inner in inner.writeI32Field(1, 1) }
        writer.writeI32Field(6, 2)
        writer.endStruct()
        #expect(writer.bytes == [0x45, 0x0E, 0x1C, 0x15, 0x02, 0x00, 0x15, 0x04, 0x00])
    }

    @Test func doubleAndBinary() throws {
        var writer = ThriftCompactWriter()
        writer.writeDouble(1.5)
        writer.writeBinary([0xDE, 0xAD])
        writer.writeString("é")
        #expect(writer.bytes == [0, 0, 0, 0, 0, 0, 0xF8, 0x3F, 0x02, 0xDE, 0xAD, 0x02, 0xC3, 0xA9])
        var reader = ThriftCompactReader(writer.bytes)
        #expect(try reader.readDouble() == 1.5)
        #expect(try reader.readBinary() == [0xDE, 0xAD])
        #expect(try reader.readString() == "é")
    }
}
