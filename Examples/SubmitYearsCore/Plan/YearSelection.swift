import ArgumentParser

/// The years to process, from `--years`: single years and inclusive ranges separated by commas, such as
/// `2001-2008` (the default), `2003` or `2001-2003,2007`. Years are kept sorted and unique.
///
/// ```swift
/// let years = try YearSelection(parsing: "2001-2003,2007")
/// years.years   // [2001, 2002, 2003, 2007]
/// ```
public struct YearSelection: Sendable, Hashable, CustomStringConvertible, ExpressibleByArgument {
    public let years: [Int]

    /// The airline on-time data starts in October 1987; later years are accepted for new data.
    public static let validRange = 1987...2100
    public static let `default` = YearSelection(uncheckedYears: Array(2001...2008))

    init(uncheckedYears: [Int]) { years = uncheckedYears }

    /// - Throws: ``YearSelectionError`` naming the part of `text` that is wrong.
    public init(parsing text: String) throws(YearSelectionError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else {
            throw YearSelectionError(text: text, reason: "no years given (e.g. 2001-2008, 2003 or 2001-2003,2007)")
        }
        var selected = Set<Int>()
        for rawPart in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
            let part = rawPart.trimmingCharacters(in: .whitespaces)
            guard !part.isEmpty else { throw YearSelectionError(text: text, reason: "an empty item between commas") }
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
            guard bounds.count <= 2 else {
                throw YearSelectionError(text: text, reason: "'\(part)' is not a year or a range like 2001-2003")
            }
            let numbers = try bounds.map { bound throws(YearSelectionError) -> Int in
                let digits = bound.trimmingCharacters(in: .whitespaces)
                guard digits.count == 4, digits.allSatisfy(\.isASCII), let year = Int(digits) else {
                    throw YearSelectionError(text: text, reason: "'\(digits)' in '\(part)' is not a four-digit year")
                }
                guard Self.validRange.contains(year) else {
                    throw YearSelectionError(
                        text: text,
                        reason: "\(year) is outside \(Self.validRange.lowerBound)-\(Self.validRange.upperBound)")
                }
                return year
            }
            let low = numbers[0]
            let high = numbers.count == 2 ? numbers[1] : numbers[0]
            guard low <= high else {
                throw YearSelectionError(
                    text: text, reason: "the range '\(part)' runs backwards (write \(high)-\(low))")
            }
            selected.formUnion(low...high)
        }
        years = selected.sorted()
    }

    public init?(argument: String) { try? self.init(parsing: argument) }

    /// Compact form: `2001-2003,2007`.
    public var description: String {
        var parts: [String] = []
        var index = 0
        while index < years.count {
            var end = index
            while end + 1 < years.count, years[end + 1] == years[end] + 1 { end += 1 }
            parts.append(end == index ? "\(years[index])" : "\(years[index])-\(years[end])")
            index = end + 1
        }
        return parts.joined(separator: ",")
    }

    public var defaultValueDescription: String { description }
}

/// A `--years` value that does not parse.
public struct YearSelectionError: Error, Sendable, Equatable, CustomStringConvertible {
    public let text: String
    public let reason: String
    public var description: String { "--years '\(text)': \(reason)" }
}
