import AzureKitCore
import AzureKitSigning

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Reads and writes Batch's body timestamps: ISO 8601 UTC with up to 7 fractional digits
/// (`2025-11-22T18:55:25.2608598Z`); offsets such as `+02:00` are accepted too.
public enum BatchTimestampFormat {
    /// The date `text` denotes.
    /// - Throws: ``BatchCodingError`` naming the text.
    public static func parse(_ text: String) throws -> Date {
        let fail = BatchCodingError("invalid ISO 8601 timestamp '\(text)'")
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) throws -> Int {
            guard range.upperBound <= bytes.count else { throw fail }
            var value = 0
            for byte in bytes[range] {
                guard (48...57).contains(byte) else { throw fail }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard bytes.count >= 19, bytes[4] == 45, bytes[7] == 45, bytes[10] == 84 || bytes[10] == 116,
            bytes[13] == 58, bytes[16] == 58
        else { throw fail }
        let year = try number(0..<4)
        let month = try number(5..<7)
        let day = try number(8..<10)
        let hour = try number(11..<13)
        let minute = try number(14..<16)
        let second = try number(17..<19)
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { throw fail }
        var index = 19
        var fraction = 0.0
        if index < bytes.count, bytes[index] == 46 {
            index += 1
            var scale = 0.1
            let start = index
            while index < bytes.count, (48...57).contains(bytes[index]) {
                fraction += Double(bytes[index] - 48) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { throw fail }
        }
        var offset = 0
        guard index < bytes.count else { throw fail }
        switch bytes[index] {
        case 90, 122: index += 1
        case 43, 45:
            let sign = bytes[index] == 45 ? -1 : 1
            guard index + 6 == bytes.count, bytes[index + 3] == 58 else { throw fail }
            offset = sign * (try number(index + 1..<index + 3) * 3600 + number(index + 4..<index + 6) * 60)
            index += 6
        default: throw fail
        }
        guard index == bytes.count else { throw fail }
        let days = CivilCalendar.daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second - offset)
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// `date` in UTC with 7 fractional digits, as the service writes it.
    public static func format(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970
        var seconds = Int64(interval.rounded(.down))
        var ticks = Int64(((interval - Double(seconds)) * 10_000_000).rounded())
        if ticks >= 10_000_000 {
            seconds += 1
            ticks -= 10_000_000
        }
        let dayNumber = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - dayNumber * 86_400)
        let (year, month, day) = CivilCalendar.civil(fromDays: dayNumber)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        let fraction = pad(Int(ticks), 7)
        return
            "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2)).\(fraction)Z"
    }
}

/// A `Date?` stored on the wire as a Batch timestamp; absent when `nil`.
///
/// `Date` cannot hold every 100 ns tick of a current timestamp exactly, so the text that was decoded is kept
/// and written back unchanged while the date is not modified: a decoded model re-encodes byte for byte.
@propertyWrapper
public struct BatchTimestamp: Codable, Hashable, Sendable {
    public var wrappedValue: Date? {
        didSet { wireText = nil }
    }
    /// The exact text received, while `wrappedValue` is unchanged.
    public private(set) var wireText: String?

    public var projectedValue: BatchTimestamp { self }

    public init(wrappedValue: Date?) { self.wrappedValue = wrappedValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            wrappedValue = nil
            return
        }
        let text = try container.decode(String.self)
        do { wrappedValue = try BatchTimestampFormat.parse(text) } catch let error as BatchCodingError {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
        wireText = text
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        guard let wrappedValue else {
            try container.encodeNil()
            return
        }
        try container.encode(wireText ?? BatchTimestampFormat.format(wrappedValue))
    }

    public static func == (lhs: BatchTimestamp, rhs: BatchTimestamp) -> Bool { lhs.wrappedValue == rhs.wrappedValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(wrappedValue) }
}

extension KeyedDecodingContainer {
    /// A missing key decodes as `nil`.
    public func decode(_ type: BatchTimestamp.Type, forKey key: Key) throws -> BatchTimestamp {
        try decodeIfPresent(type, forKey: key) ?? BatchTimestamp(wrappedValue: nil)
    }
}

extension KeyedEncodingContainer {
    /// A `nil` date is left out of the JSON.
    public mutating func encode(_ value: BatchTimestamp, forKey key: Key) throws {
        if value.wrappedValue != nil { try encodeIfPresent(value, forKey: key) }
    }
}
