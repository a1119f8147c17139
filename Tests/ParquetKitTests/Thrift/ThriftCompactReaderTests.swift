import ParquetKit
import TestSupport
import Testing

struct ThriftCompactReaderTests {
    @Test func skipsUnknownFieldsOfEveryType() throws {
        var writer = ThriftCompactWriter()
        writer.beginStruct()
        writer.writeStringField(1, "key")
        writer.writeBoolField(3, true)
        writer.writeI8Field(4, -3)
        writer.writeI16Field(5, 300)
        writer.writeFieldHeader(id: 6, type: .double)
        writer.writeDouble(2.5)
        writer.writeListField(7, elementType: .binary, count: 2) { w in
            w.writeString("a")
            w.writeString("b")
        }
        writer.writeStructField(8) { inner in
            inner.writeI64Field(1, 99)
            inner.writeListField(2, elementType: .struct, count: 1) { w in
                w.beginStruct()
                w.writeI32Field(1, 1)
                w.endStruct()
            }
        }
        writer.writeFieldHeader(id: 9, type: .map)
        // map<binary, binary> {"a": "b"}: count 1, key/value type byte 0x88, entries; then the stop byte.
        let bytes = writer.bytes + [0x01, 0x88, 0x01, 0x61, 0x01, 0x62, 0x00]
        let keyValue = try ParquetFormat.KeyValue(thriftBytes: bytes)
        #expect(keyValue == ParquetFormat.KeyValue(key: "key", value: nil))
    }

    @Test func missingRequiredFieldIsNamed() {
        // DataPageHeader with only num_values.
        let bytes: [UInt8] = [0x15, 0x06, 0x00]
        #expect {
            _ = try ParquetFormat.DataPageHeader(thriftBytes: bytes)
        } throws: { error in
            (error as? ThriftDecodingError)?.reason == "required field DataPageHeader.encoding is missing"
        }
    }

    @Test(arguments: [
        [UInt8](),  // empty
        [0x15],  // header without value
        [0x18, 0x05, 0x61],  // binary longer than the input
        [0x19, 0xF5, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F],  // list count far beyond the input
        [0x15, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF],  // varint too long
        [0x1D, 0x00],  // unknown compact type 13
    ])
    func corruptInputThrowsInsteadOfCrashing(_ bytes: [UInt8]) {
        #expect(throws: ThriftDecodingError.self) {
            _ = try ParquetFormat.FileMetaData(thriftBytes: bytes)
        }
    }

    @Test func deeplyNestedStructsAreRejected() {
        // Field 20 (unknown) holding structs nested 100 deep.
        var bytes: [UInt8] = []
        for _ in 0..<100 { bytes += [0x1C] }
        bytes += Array(repeating: 0x00, count: 101)
        #expect(throws: ThriftDecodingError.self) {
            _ = try ParquetFormat.Statistics(thriftBytes: bytes)
        }
    }

    @Test func i32OutOfRangeIsRejected() {
        var writer = ThriftCompactWriter()
        writer.beginStruct()
        writer.writeI64Field(1, Int64(Int32.max) + 1)
        writer.endStruct()
        var bytes = writer.bytes
        bytes[0] = 0x15  // relabel the field as i32
        #expect(throws: ThriftDecodingError.self) {
            _ = try ParquetFormat.DataPageHeader(thriftBytes: bytes)
        }
    }

    @Test func mutatedFootersNeverCrash() {
        let footer = FooterRoundTripTests.footer.thriftBytes()
        var rng = SeededRandom(seed: 31)
        var rejected = 0
        for _ in 0..<2000 {
            var bytes = footer
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            if (try? ParquetFormat.FileMetaData(thriftBytes: bytes)) == nil { rejected += 1 }
        }
        #expect(rejected > 0)
    }
}
