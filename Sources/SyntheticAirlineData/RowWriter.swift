import Foundation

/// Formats one synthetic airline row into a byte buffer without creating strings.
struct RowWriter {
    var out: [UInt8]

    static let carriers: [[UInt8]] = [
        "WN", "AA", "MQ", "UA", "OO", "DL", "XE", "CO", "US", "EV", "NW", "FL", "YV", "OH", "B6", "9E", "AS", "F9",
        "HA", "AQ",
    ].map { Array($0.utf8) }
    static let airports: [[UInt8]] = [
        "ATL", "ORD", "DFW", "DEN", "LAX", "PHX", "IAH", "LAS", "DTW", "EWR", "SLC", "MSP", "SFO", "CLT", "MCO",
        "JFK", "BOS", "SEA", "LGA", "PHL", "BWI", "MDW", "SAN", "DCA", "IAD", "TPA", "FLL", "MIA", "SMF", "ONT",
        "OAK", "SJC", "HOU", "DAL", "STL", "MCI", "PDX", "CLE", "CVG", "MEM", "BNA", "AUS", "RDU", "SNA", "BUR",
    ].map { Array($0.utf8) }
    static let cancellationCodes: [UInt8] = Array("ABCD".utf8)

    mutating func row(
        year: Int, month: Int, day: Int, weekday: Int, cancelledFraction: Double, random: inout SeededRandom
    ) {
        let crsDeparture = 330 + random.below(1_140)  // minutes after midnight, 05:30 … 24:29
        let crsElapsed = 35 + random.below(330)
        let distance = max(30, crsElapsed * 7 - 150 + random.below(120))
        let cancelled = random.unit() < cancelledFraction
        let diverted = !cancelled && random.below(1_000) < 2
        // Departure delay: mostly a little early or late, with a long tail of large delays.
        var departureDelay = random.below(16) - 6
        if random.below(100) < 22 { departureDelay += Int(-40 * log1p(-random.unit() * 0.999)) }
        let arrivalDelay = departureDelay + random.below(25) - 12
        let taxiOut = 5 + random.below(25)
        let taxiIn = 2 + random.below(12)
        let actualElapsed = max(taxiIn + taxiOut + 10, crsElapsed + arrivalDelay - departureDelay)
        let carrier = random.below(Self.carriers.count)
        let origin = random.below(Self.airports.count)
        var destination = random.below(Self.airports.count - 1)
        if destination >= origin { destination += 1 }

        int(year)
        comma()
        int(month)
        comma()
        int(day)
        comma()
        int(weekday)
        comma()
        if cancelled { na() } else { clock(crsDeparture + departureDelay) }
        comma()
        clock(crsDeparture)
        comma()
        if cancelled || diverted { na() } else { clock(crsDeparture + actualElapsed + departureDelay) }
        comma()
        clock(crsDeparture + crsElapsed)
        comma()
        out.append(contentsOf: Self.carriers[carrier])
        comma()
        int(1 + random.below(7_000))
        comma()
        tailNumber(&random)
        comma()
        if cancelled || diverted { na() } else { int(actualElapsed) }
        comma()
        int(crsElapsed)
        comma()
        if cancelled || diverted { na() } else { int(actualElapsed - taxiIn - taxiOut) }
        comma()
        if cancelled || diverted { na() } else { int(arrivalDelay) }
        comma()
        if cancelled { na() } else { int(departureDelay) }
        comma()
        out.append(contentsOf: Self.airports[origin])
        comma()
        out.append(contentsOf: Self.airports[destination])
        comma()
        int(distance)
        comma()
        int(cancelled ? 0 : taxiIn)
        comma()
        int(cancelled ? 0 : taxiOut)
        comma()
        int(cancelled ? 1 : 0)
        comma()
        if cancelled { out.append(Self.cancellationCodes[random.below(4)]) }
        comma()
        int(diverted ? 1 : 0)
        comma()
        causes(arrivalDelay: cancelled || diverted ? 0 : arrivalDelay, &random)
        out.append(0x0A)
    }

    /// Cause-of-delay minutes (Carrier, Weather, NAS, Security, LateAircraft): zeros unless the flight was 15+ late.
    private mutating func causes(arrivalDelay: Int, _ random: inout SeededRandom) {
        guard arrivalDelay >= 15 else {
            out.append(contentsOf: [0x30, 0x2C, 0x30, 0x2C, 0x30, 0x2C, 0x30, 0x2C, 0x30])
            return
        }
        var remaining = arrivalDelay
        let carrier = random.below(remaining + 1)
        remaining -= carrier
        let weather = random.below(10) == 0 ? random.below(remaining + 1) : 0
        remaining -= weather
        let nas = random.below(remaining + 1)
        remaining -= nas
        let security = 0
        int(carrier)
        comma()
        int(weather)
        comma()
        int(nas)
        comma()
        int(security)
        comma()
        int(remaining)
    }

    mutating func tailNumber(_ random: inout SeededRandom) {
        out.append(UInt8(ascii: "N"))
        int(100 + random.below(900))
        out.append(UInt8(ascii: "A") + UInt8(random.below(26)))
        out.append(UInt8(ascii: "A") + UInt8(random.below(26)))
    }

    @inline(__always) mutating func comma() { out.append(0x2C) }
    @inline(__always) mutating func na() { out.append(contentsOf: [0x4E, 0x41]) }

    /// hhmm local time, wrapped to one day (as the real files write 2400 as midnight only rarely, we use 0…2359).
    mutating func clock(_ minutes: Int) {
        let wrapped = ((minutes % 1_440) + 1_440) % 1_440
        int((wrapped / 60) * 100 + wrapped % 60)
    }

    mutating func int(_ value: Int) {
        var magnitude = value
        if value < 0 {
            out.append(UInt8(ascii: "-"))
            magnitude = -value
        }
        if magnitude < 10 {
            out.append(UInt8(48 + magnitude))
            return
        }
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while magnitude > 0 {
                buffer[count] = UInt8(48 + magnitude % 10)
                magnitude /= 10
                count += 1
            }
        }
        withUnsafeBytes(of: &digits) { buffer in
            var index = count - 1
            while index >= 0 {
                out.append(buffer[index])
                index -= 1
            }
        }
    }
}
