import AzureBlobKit
import Foundation
import TestSupport
import Testing

/// Vectors transcribed into `Fixtures/crc64-vectors.json` from the reference (see its `source`).
struct CRC64Vector: Decodable, Sendable, CustomTestStringConvertible {
    let name: String
    let dataHex: String
    let crc64: String
    let xMsContentCrc64: String
    var testDescription: String { name }

    var data: Data {
        var bytes: [UInt8] = []
        var index = dataHex.startIndex
        while index < dataHex.endIndex, let next = dataHex.index(index, offsetBy: 2, limitedBy: dataHex.endIndex) {
            bytes.append(UInt8(dataHex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return Data(bytes)
    }

    var value: UInt64 { UInt64(crc64.dropFirst(2), radix: 16) ?? 0 }

    static func load(_ file: URL?) -> [CRC64Vector] {
        struct File: Decodable { let vectors: [CRC64Vector] }
        guard let file, let data = try? Data(contentsOf: file) else { return [] }
        return (try? JSONDecoder().decode(File.self, from: data).vectors) ?? []
    }

    static let all = load(
        Bundle.module.url(forResource: "crc64-vectors", withExtension: "json", subdirectory: "Fixtures"))
}

@Suite struct CRC64Tests {
    @Test func vectorsArePresent() {
        #expect(CRC64Vector.all.count >= 5)
    }

    @Test(arguments: CRC64Vector.all)
    func matchesTheSDK(_ vector: CRC64Vector) {
        #expect(CRC64.checksum(vector.data) == vector.value)
        #expect(CRC64.headerValue(CRC64.checksum(vector.data)) == vector.xMsContentCrc64)
        #expect(TransferChecksum.crc64.headerValue(for: vector.data) == vector.xMsContentCrc64)
    }

    @Test(arguments: CRC64Vector.all)
    func continuesAcrossAnySplit(_ vector: CRC64Vector) {
        let data = vector.data
        for split in Set([0, 1, data.count / 3, data.count / 2, max(0, data.count - 1), data.count])
        where split <= data.count {
            var crc = CRC64()
            crc.update(data.prefix(split))
            crc.update(data.dropFirst(split))
            #expect(crc.value == vector.value, "split at \(split)")
            #expect(
                CRC64.checksum(data.dropFirst(split), continuing: CRC64.checksum(data.prefix(split))) == vector.value)
        }
    }

    @Test func slicingByEightAgreesWithBitwiseForUnalignedLengths() {
        var generator = SeededRandom(seed: 42)
        for length in [1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 1000, 4099] {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            #expect(CRC64.checksum(Data(bytes)) == bitwiseCRC64(bytes), "length \(length)")
            #expect(CRC64.checksum(bytes) == bitwiseCRC64(bytes))
        }
    }

    @Test func sharedReferenceVectorsWhenAvailable() throws {
        // Also run the reference file itself when the repository sits beside ../shared (never required).
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../shared/reference/vectors/crc64.json").standardizedFileURL
        guard FileManager.default.fileExists(atPath: file.path) else { return }
        let vectors = CRC64Vector.load(file)
        #expect(!vectors.isEmpty)
        for vector in vectors {
            #expect(CRC64.headerValue(CRC64.checksum(vector.data)) == vector.xMsContentCrc64, "\(vector.name)")
        }
    }

    /// The definition, one bit at a time: the independent oracle for the table-driven code.
    func bitwiseCRC64(_ bytes: [UInt8]) -> UInt64 {
        var crc = UInt64.max
        for byte in bytes {
            crc ^= UInt64(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x9A6C_9329_AC4B_C9B5 : crc >> 1 }
        }
        return ~crc
    }
}
