import Foundation
import Testing

@testable import AzureBatchKit

@Suite struct CodingTests {
    static let durations: [(String, Duration, String)] = [
        ("PT15M", .seconds(900), "PT15M"),
        ("PT06M00S", .seconds(360), "PT6M"),
        ("P7D", .seconds(604_800), "P7D"),
        ("P1DT2H", .seconds(93_600), "P1DT2H"),
        ("PT1H30M5S", .seconds(5405), "PT1H30M5S"),
        ("PT0.5S", .milliseconds(500), "PT0.5S"),
        ("PT0S", .zero, "PT0S"),
        ("P10675199DT2H48M5.4775807S", ISO8601DurationFormat.unlimited, "P10675199DT2H48M5.4775807S"),
        ("P2W", .seconds(1_209_600), "P14D"),
    ]

    @Test(arguments: durations.indices)
    func durationParsesAndFormats(_ index: Int) throws {
        let (text, value, canonical) = Self.durations[index]
        #expect(try ISO8601DurationFormat.parse(text) == value)
        #expect(ISO8601DurationFormat.format(value) == canonical)
    }

    @Test func unlimitedIsTimeSpanMaxValue() {
        // .NET TimeSpan.MaxValue is Int64.max ticks of 100 ns.
        #expect(ISO8601DurationFormat.unlimited.components.seconds == Int64.max / 10_000_000)
        #expect(ISO8601DurationFormat.unlimited.components.attoseconds == (Int64.max % 10_000_000) * 100_000_000_000)
    }

    @Test(arguments: [
        "", "P", "PT", "15M", "P1Y", "P1M", "PTXS", "PT1.5M", "P1H", "PT5", "P99999999999999999999D", "PT1..2S",
    ])
    func badDurationsThrowNamingTheText(_ text: String) {
        #expect {
            _ = try ISO8601DurationFormat.parse(text)
        } throws: { error in
            (error as? BatchCodingError)?.message.contains("'\(text)'") == true
        }
    }

    @Test func durationPropertyIsStringOnTheWireAndOmittedWhenNil() throws {
        let constraints = TaskConstraints(maxWallClockTime: .seconds(3600), maxTaskRetryCount: 2)
        let json = String(decoding: try JSONEncoder().encode(constraints), as: UTF8.self)
        #expect(json.contains(#""maxWallClockTime":"PT1H""#))
        #expect(!json.contains("retentionTime"))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(TaskConstraints.self, from: Data(#"{"maxWallClockTime":"soon"}"#.utf8))
        }
    }

    @Test func timestampsKeepSevenFractionalDigits() throws {
        let date = try BatchTimestampFormat.parse("2025-11-22T18:55:25.2608598Z")
        // Date's precision at this epoch is about 0.2 µs: the formatted text is within one tick.
        let formatted = BatchTimestampFormat.format(date)
        #expect(formatted.hasPrefix("2025-11-22T18:55:25.26085") && formatted.count == 28)
        #expect(abs(date.timeIntervalSince1970 - 1_763_837_725.2608598) < 1e-6)
        let whole = try BatchTimestampFormat.parse("2019-11-01T00:00:00.0Z")
        #expect(whole.timeIntervalSince1970 == 1_572_566_400)
        #expect(BatchTimestampFormat.format(whole) == "2019-11-01T00:00:00.0000000Z")
        let offset = try BatchTimestampFormat.parse("2019-11-01T02:00:00+02:00")
        #expect(offset == whole)
    }

    @Test func decodedTimestampsReencodeExactly() throws {
        let data = Data(
            #"{"id":"t","creationTime":"2025-11-22T18:55:25.2608598Z","lastModified":"2025-11-19T00:05:25.311915Z"}"#
                .utf8)
        var task = try JSONDecoder().decode(BatchTask.self, from: data)
        #expect(TestSupport.jsonEqual(try JSONEncoder().encode(task), data))
        task.lastModified = Date(timeIntervalSince1970: 0)
        #expect(
            String(decoding: try JSONEncoder().encode(task), as: UTF8.self).contains("1970-01-01T00:00:00.0000000Z"))
    }

    @Test(arguments: [
        "", "2025-11-22", "2025-13-01T00:00:00Z", "2025-11-22T18:55:25", "2025-11-22T18:55:25.Z",
        "garbage-garbage-garbage",
    ])
    func badTimestampsThrow(_ text: String) {
        #expect(throws: BatchCodingError.self) { try BatchTimestampFormat.parse(text) }
    }

    @Test func int64CountersAcceptStringsAndNumbers() throws {
        let fromString = try JSONDecoder().decode(
            FileProperties.self, from: Data(#"{"contentLength":"9223372036854775807"}"#.utf8))
        #expect(fromString.contentLength == Int64.max)
        let fromNumber = try JSONDecoder().decode(FileProperties.self, from: Data(#"{"contentLength":1813}"#.utf8))
        #expect(fromNumber.contentLength == 1813)
        #expect(String(decoding: try JSONEncoder().encode(fromNumber), as: UTF8.self) == #"{"contentLength":"1813"}"#)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(FileProperties.self, from: Data(#"{"contentLength":"12kB"}"#.utf8))
        }
    }

    @Test func secretsStayOutOfDescriptions() {
        let registry = ContainerRegistry.basic("r.azurecr.io", username: "u", password: "hunter2")
        #expect(!registry.description.contains("hunter2"))
        #expect(!UserAccount(name: "a", password: "hunter2").description.contains("hunter2"))
    }
}
