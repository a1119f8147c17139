import Foundation
import Testing

@testable import AirlineAggregation

@Suite("Compressed input (detected by magic bytes)")
struct CompressedInputTests {
    /// `small.csv` compressed with `gzip -9` and `bzip2 -9` (GNU gzip 1.12, bzip2 1.0.8), base64.
    static let gzip = Array(
        Data(
            base64Encoded:
                "H4sICLi1BmsCA3NtYWxsLmNzdgCLTE0s0vHNzyvJ0HFJrMxPgzAdi4pcUnMSK3VcUgvADF4uIwMDcx1DEDTQMUXi+jkCEZxvpKNrrGOCxFUyV9IBcy2AHCNLHUM9Ux0jXi4AXF/G3XcAAAA="
        )!)
    static let bzip2 = Array(
        Data(
            base64Encoded:
                "QlpoOTFBWSZTWZKr5v0AAC3fgAASEAd+4CQDACAjRdQgIABUJRE0A0A0HqMg0U0NqHlH6oAAKE+dzN76LJCQhQpVlBqJ4Eew0KGQTQSAQoLqptpBCuRAng5lS9vTtlSdCA43+HzxlQen4u5IpwoSElV836A="
        )!)
    static let plain = Array(
        "Year,Month,DayofMonth,ArrDelay,DepDelay\r\n2007,1,1,10,5\r\n2007,1,1,NA,NA\r\n2007,1,2,-3,4\r\n2007,1,2,\"7\",\r\n2008,2,29,1.5,2\r\n"
            .utf8)

    @Test(arguments: [("gzip", gzip), ("bzip2", bzip2)])
    func compressedGivesTheSameResultAsPlain(_ format: String, _ bytes: [UInt8]) async throws {
        let spec = try AggregateSpec(sql: Aggregation.originalStatement)
        let plain = try await Aggregation.run(from: .bytes(Self.plain), spec)
        for readSize in [1, 7, 1 << 20] {
            let compressed = try await Aggregation.run(
                from: .bytes(bytes, name: "small.csv.x", maximumRead: readSize), spec,
                options: .init(workers: 2, chunkSize: 16))
            #expect(compressed.result == plain.result)
            #expect(compressed.compression == format)
            #expect(compressed.bytesRead == Self.plain.count)
        }
        // Progress counts the input as stored: compressed bytes.
        let total = ProgressTotal()
        _ = try await Aggregation.run(
            from: .bytes(bytes, maximumRead: 7), spec, options: .init(workers: 2, inputProgress: { total.add($0) }))
        #expect(total.value == bytes.count)
        #expect(plain.result["avg_ArrDelay"]?.values == .double([10, 2, 1.5]))
    }

    @Test(arguments: [("gzip", gzip), ("bzip2", bzip2)])
    func truncatedOrCorruptInputIsATypedError(_ format: String, _ bytes: [UInt8]) async throws {
        var corrupt = bytes
        corrupt[corrupt.count / 2] ^= 0x55
        for input in [Array(bytes.prefix(bytes.count - 5)), corrupt] {
            do {
                _ = try await Aggregation.run(
                    from: .bytes(input, name: "in.\(format)"), try AggregateSpec(sql: Aggregation.originalStatement))
                Issue.record("no error for \(format)")
            } catch let error as AggregationError {
                #expect(error.file == "in.\(format)")
                #expect(
                    [.corruptCompressedInput, .malformedRow, .invalidNumber, .unterminatedQuote].contains(error.kind))
            }
        }
    }
}
