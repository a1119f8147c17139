import ParquetKit
import Testing

struct PlainEncodingTests {
    @Test func int32SkipsNullsAndIsLittleEndian() {
        var out: [UInt8] = []
        PlainEncoder.append([1, nil, -2][...] as ArraySlice<Int32?>, to: &out)
        #expect(out == [1, 0, 0, 0, 0xFE, 0xFF, 0xFF, 0xFF])
    }

    @Test func int64AndDoubleBytes() {
        var out: [UInt8] = []
        PlainEncoder.append([Int64(0x0102_0304_0506_0708)][...] as ArraySlice<Int64?>, to: &out)
        #expect(out == [8, 7, 6, 5, 4, 3, 2, 1])
        out = []
        PlainEncoder.append([1.0, -0.0][...] as ArraySlice<Double?>, to: &out)
        #expect(out == [0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0, 0, 0, 0, 0, 0, 0, 0x80])
    }

    @Test func stringsAreLengthPrefixedUTF8() {
        var out: [UInt8] = []
        PlainEncoder.append(["ab", nil, "", "é"][...] as ArraySlice<String?>, to: &out)
        #expect(out == [2, 0, 0, 0, 0x61, 0x62, 0, 0, 0, 0, 2, 0, 0, 0, 0xC3, 0xA9])
    }

    @Test func decodeRoundTripsEveryType() throws {
        try roundTrip([Int32.min, -1, 0, Int32.max])
        try roundTrip([Int64.min, 42, Int64.max])
        try roundTrip([-Double.infinity, -0.0, 0.0, 1e-300, .greatestFiniteMagnitude, .nan])
        try roundTrip(["", "a", String(repeating: "x", count: 1000), "日本語", "emoji 🚀"])
    }

    private func roundTrip<Value: ParquetPrimitive>(_ values: [Value]) throws {
        var out: [UInt8] = []
        PlainEncoder.append(dense: values, to: &out)
        let decoded = try out.withUnsafeBytes { raw in
            var offset = 0
            let result = try PlainDecoder.decode(Value.self, count: values.count, from: raw, offset: &offset)
            #expect(offset == raw.count)
            return result
        }
        var again: [UInt8] = []
        PlainEncoder.append(dense: decoded, to: &again)
        #expect(again == out)
    }

    @Test func truncatedOrInvalidPlainDataThrows() {
        let cases: [[UInt8]] = [[1, 0, 0], [5, 0, 0, 0, 0x61], [2, 0, 0, 0, 0xC3, 0x28]]
        #expect(throws: ParquetError.self) {
            try cases[0].withUnsafeBytes { raw in
                var offset = 0
                _ = try PlainDecoder.decode(Int32.self, count: 1, from: raw, offset: &offset)
            }
        }
        for bytes in cases.dropFirst() {
            #expect(throws: ParquetError.self) {
                try bytes.withUnsafeBytes { raw in
                    var offset = 0
                    _ = try PlainDecoder.decode(String.self, count: 1, from: raw, offset: &offset)
                }
            }
        }
    }

    @Test func negativeCountsThrow() {
        #expect(throws: ParquetError.self) {
            try [UInt8]().withUnsafeBytes { raw in
                var offset = 0
                _ = try PlainDecoder.decode(Double.self, count: -1, from: raw, offset: &offset)
            }
        }
        #expect(throws: ParquetError.self) {
            try [UInt8]().withUnsafeBytes { raw in
                var offset = 0
                _ = try RLEHybridDecoder.decode(raw, offset: &offset, end: 0, bitWidth: 1, count: -5)
            }
        }
    }
}
