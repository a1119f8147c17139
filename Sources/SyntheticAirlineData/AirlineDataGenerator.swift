import Foundation

/// Deterministic, seeded synthetic data in the ASA Data Expo airline on-time schema (29 columns).
///
/// Values follow the real files' shapes: rows ordered by date, realistic time-of-day and delay distributions
/// (mostly small, a long positive tail), about 2% cancelled rows with `NA` times and delays, a few diverted rows,
/// cause-of-delay columns filled only when the arrival delay is 15 minutes or more. 7,453,215 rows (the 2007
/// file's count) give a file of roughly 700 MB.
///
/// ```swift
/// let generator = AirlineDataGenerator(year: 2007)                  // 7,453,215 rows
/// try generator.write(to: "/tmp/2007.csv")
/// let sample = AirlineDataGenerator(year: 1988, rows: 1_000, seed: 7).csvBytes()
/// ```
public struct AirlineDataGenerator: Sendable {
    /// The ASA Data Expo header.
    public static let header = [
        "Year", "Month", "DayofMonth", "DayOfWeek", "DepTime", "CRSDepTime", "ArrTime", "CRSArrTime",
        "UniqueCarrier", "FlightNum", "TailNum", "ActualElapsedTime", "CRSElapsedTime", "AirTime", "ArrDelay",
        "DepDelay", "Origin", "Dest", "Distance", "TaxiIn", "TaxiOut", "Cancelled", "CancellationCode", "Diverted",
        "CarrierDelay", "WeatherDelay", "NASDelay", "SecurityDelay", "LateAircraftDelay",
    ]

    /// Rows in the real 2007 file.
    public static let rows2007 = 7_453_215

    public var year: Int
    public var rows: Int
    public var seed: UInt64
    /// Fraction of cancelled rows.
    public var cancelledFraction: Double

    public init(
        year: Int = 2007, rows: Int = AirlineDataGenerator.rows2007, seed: UInt64 = 2007,
        cancelledFraction: Double = 0.02
    ) {
        self.year = year
        self.rows = max(0, rows)
        self.seed = seed
        self.cancelledFraction = cancelledFraction
    }

    /// Streams the CSV (header first) in pieces of about `pieceSize` bytes.
    public func generate(pieceSize: Int = 1 << 20, _ consume: ([UInt8]) throws -> Void) rethrows {
        var writer = RowWriter(out: [])
        writer.out.reserveCapacity(pieceSize + 512)
        writer.out.append(contentsOf: Array(Self.header.joined(separator: ",").utf8))
        writer.out.append(0x0A)
        var random = SeededRandom(seed: seed ^ UInt64(truncatingIfNeeded: year) &* 0x9E37_79B9)
        let days = Self.daysInYear(year)
        var row = 0
        var dayOfYear = 0
        var (month, day) = (1, 1)
        var weekday = Self.weekday(year: year, month: 1, day: 1)
        while dayOfYear < days {
            // Spread rows evenly over the days; the first days take the remainder.
            let todays = rows / days + (dayOfYear < rows % days ? 1 : 0)
            for _ in 0..<todays {
                writer.row(
                    year: year, month: month, day: day, weekday: weekday, cancelledFraction: cancelledFraction,
                    random: &random)
                row += 1
                if writer.out.count >= pieceSize {
                    try consume(writer.out)
                    writer.out.removeAll(keepingCapacity: true)
                }
            }
            dayOfYear += 1
            weekday = weekday % 7 + 1
            day += 1
            if day > Self.daysInMonth(year, month) {
                day = 1
                month += 1
            }
        }
        if !writer.out.isEmpty { try consume(writer.out) }
    }

    /// The whole CSV in memory (for small row counts).
    public func csvBytes() -> [UInt8] {
        var all: [UInt8] = []
        generate { all.append(contentsOf: $0) }
        return all
    }

    /// ``write(to:)`` could not create the file (missing folder, no permission).
    public struct FileNotCreated: Error, Sendable, Hashable, CustomStringConvertible {
        public var path: String
        public var description: String { "cannot create \(path)" }
    }

    /// Writes the CSV to `path` (replacing it), streaming; returns the byte count.
    /// - Throws: ``FileNotCreated``, or the file handle's error when a write fails.
    @discardableResult
    public func write(to path: String) throws -> Int {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else {
            throw FileNotCreated(path: path)
        }
        defer { try? handle.close() }
        var total = 0
        try generate { piece in
            try handle.write(contentsOf: piece)
            total += piece.count
        }
        return total
    }

    // MARK: Calendar

    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }
    static func daysInYear(_ year: Int) -> Int { isLeap(year) ? 366 : 365 }
    static func daysInMonth(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// ISO weekday (1 = Monday … 7 = Sunday), as in the DayOfWeek column (Sakamoto's method).
    static func weekday(year: Int, month: Int, day: Int) -> Int {
        let offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
        let y = month < 3 ? year - 1 : year
        let sunday0 = (y + y / 4 - y / 100 + y / 400 + offsets[month - 1] + day) % 7
        return sunday0 == 0 ? 7 : sunday0
    }
}
