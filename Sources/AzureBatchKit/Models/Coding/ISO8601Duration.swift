#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Converts between ISO 8601 durations as Batch writes them (`PT15M`, `P7D`, `PT1H30M`,
/// `P10675199DT2H48M5.4775807S`) and Swift's `Duration`.
///
/// The service's "unlimited" value is .NET's `TimeSpan.MaxValue` (`P10675199DT2H48M5.4775807S`); it parses
/// exactly (``unlimited``) and prints back the same way. Years and months are rejected: a month has no fixed
/// length, and Batch never sends them.
public enum ISO8601DurationFormat {
    /// `TimeSpan.MaxValue`, which Batch returns for "no limit".
    public static let unlimited: Duration = .seconds(922_337_203_685) + .nanoseconds(477_580_700)

    /// The duration `text` denotes.
    /// - Throws: ``BatchCodingError`` naming the text and what is wrong with it.
    public static func parse(_ text: String) throws -> Duration {
        func fail(_ reason: String) -> BatchCodingError {
            BatchCodingError("invalid ISO 8601 duration '\(text)': \(reason)")
        }
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        var negative = false
        if rest.first == "-" {
            negative = true
            rest = rest.dropFirst()
        }
        guard rest.first == "P" || rest.first == "p" else { throw fail("it must start with 'P'") }
        rest = rest.dropFirst()
        guard !rest.isEmpty else { throw fail("it has no components") }
        var inTime = false
        var total: Duration = .zero
        var sawComponent = false
        var number = ""
        for character in rest {
            switch character {
            case "T", "t":
                guard !inTime, number.isEmpty else { throw fail("misplaced 'T'") }
                inTime = true
            case "0"..."9", ".", ",":
                number.append(character == "," ? "." : character)
            default:
                guard !number.isEmpty else { throw fail("a '\(character)' has no number before it") }
                let unit = character.uppercased()
                let isFraction = number.contains(".")
                if isFraction && !(inTime && unit == "S") { throw fail("only seconds may have a fraction") }
                switch (inTime, unit) {
                case (false, "D"): total += try whole(number, scale: 86_400, text)
                case (false, "W"): total += try whole(number, scale: 604_800, text)
                case (true, "H"): total += try whole(number, scale: 3_600, text)
                case (true, "M"): total += try whole(number, scale: 60, text)
                case (true, "S"): total += try seconds(number, text)
                case (false, "Y"), (false, "M"): throw fail("years and months have no fixed length")
                default: throw fail("unknown unit '\(character)'")
                }
                number = ""
                sawComponent = true
            }
        }
        guard number.isEmpty else { throw fail("a number has no unit after it") }
        guard sawComponent else { throw fail("it has no components") }
        return negative ? .zero - total : total
    }

    /// The shortest ISO 8601 form of `duration` (`PT0S` for zero), with up to 7 fractional second digits,
    /// as the service normalises durations (`PT6M`, not `PT06M00S`).
    public static func format(_ duration: Duration) -> String {
        let negative = duration < .zero
        let magnitude = negative ? .zero - duration : duration
        let parts = magnitude.components
        var seconds = parts.seconds
        // 100 ns ticks, the service's resolution.
        var ticks = (parts.attoseconds + 50_000_000_000) / 100_000_000_000
        if ticks >= 10_000_000 {
            seconds += 1
            ticks -= 10_000_000
        }
        let days = seconds / 86_400
        let hours = seconds % 86_400 / 3_600
        let minutes = seconds % 3_600 / 60
        let secs = seconds % 60
        var text = negative ? "-P" : "P"
        if days > 0 { text += "\(days)D" }
        if hours > 0 || minutes > 0 || secs > 0 || ticks > 0 || days == 0 {
            text += "T"
            if hours > 0 { text += "\(hours)H" }
            if minutes > 0 { text += "\(minutes)M" }
            if secs > 0 || ticks > 0 || (days == 0 && hours == 0 && minutes == 0) {
                text += "\(secs)"
                if ticks > 0 {
                    var fraction = String(ticks)
                    fraction = String(repeating: "0", count: 7 - fraction.count) + fraction
                    while fraction.hasSuffix("0") { fraction.removeLast() }
                    text += ".\(fraction)"
                }
                text += "S"
            }
        }
        return text
    }

    private static func whole(_ number: String, scale: Int64, _ text: String) throws -> Duration {
        guard let value = Int64(number), value <= Int64.max / scale else {
            throw BatchCodingError("invalid ISO 8601 duration '\(text)': '\(number)' is not a whole number in range")
        }
        return .seconds(value * scale)
    }

    private static func seconds(_ number: String, _ text: String) throws -> Duration {
        let pieces = number.split(separator: ".", omittingEmptySubsequences: false)
        guard pieces.count <= 2, let whole = Int64(pieces[0].isEmpty ? "0" : pieces[0]) else {
            throw BatchCodingError("invalid ISO 8601 duration '\(text)': '\(number)' is not a number of seconds")
        }
        var result: Duration = .seconds(whole)
        if pieces.count == 2 {
            let digits = pieces[1].prefix(18)
            guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let fraction = Int64(digits) else {
                throw BatchCodingError("invalid ISO 8601 duration '\(text)': bad fraction in '\(number)'")
            }
            var attoseconds = fraction
            for _ in digits.count..<18 { attoseconds *= 10 }
            result += Duration(secondsComponent: 0, attosecondsComponent: attoseconds)
        }
        return result
    }
}

/// A `Duration?` stored on the wire as an ISO 8601 string; absent when `nil`.
///
/// Used on every Batch model property that is a duration, so the models encode and decode correctly with any
/// `JSONEncoder`/`JSONDecoder`.
@propertyWrapper
public struct ISO8601Duration: Codable, Hashable, Sendable {
    public var wrappedValue: Duration?

    public init(wrappedValue: Duration?) { self.wrappedValue = wrappedValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            wrappedValue = nil
            return
        }
        let text = try container.decode(String.self)
        do { wrappedValue = try ISO8601DurationFormat.parse(text) } catch let error as BatchCodingError {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue {
            try container.encode(ISO8601DurationFormat.format(wrappedValue))
        } else {
            try container.encodeNil()
        }
    }
}

extension KeyedDecodingContainer {
    /// A missing key decodes as `nil` rather than failing.
    public func decode(_ type: ISO8601Duration.Type, forKey key: Key) throws -> ISO8601Duration {
        try decodeIfPresent(type, forKey: key) ?? ISO8601Duration(wrappedValue: nil)
    }
}

extension KeyedEncodingContainer {
    /// A `nil` duration is left out of the JSON.
    public mutating func encode(_ value: ISO8601Duration, forKey key: Key) throws {
        if value.wrappedValue != nil { try encodeIfPresent(value, forKey: key) }
    }
}

/// A Batch value that could not be read or written: names the text and the problem.
public struct BatchCodingError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
