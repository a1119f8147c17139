import Testing

@testable import AzureKitSigning

struct CivilCalendarTests {
    @Test(
        "days and dates convert both ways",
        arguments: [
            (Int64(0), 1970, 1, 1), (-1, 1969, 12, 31), (11_016, 2000, 2, 29), (13_939, 2008, 3, 1),
            (-719_162, 1, 1, 1), (2_932_896, 9999, 12, 31), (-141_427, 1582, 10, 15),
        ])
    func roundTrip(days: Int64, year: Int, month: Int, day: Int) {
        #expect(CivilCalendar.daysFromCivil(year: year, month: month, day: day) == days)
        let date = CivilCalendar.civil(fromDays: days)
        #expect(date.year == year && date.month == month && date.day == day)
    }

    @Test(
        "only dates that exist are valid",
        arguments: [
            (2000, 2, 29, true), (1900, 2, 29, false), (2008, 2, 29, true), (2007, 2, 29, false),
            (2007, 4, 31, false), (2007, 12, 31, true), (2007, 13, 1, false), (2007, 1, 0, false),
        ])
    func validity(year: Int, month: Int, day: Int, valid: Bool) {
        #expect(CivilCalendar.isValid(year: year, month: month, day: day) == valid)
    }

    @Test func floorDivisionRoundsTowardsMinusInfinity() {
        #expect(CivilCalendar.floorDivision(-1, 86_400) == -1)
        #expect(CivilCalendar.floorDivision(86_399, 86_400) == 0)
        #expect(CivilCalendar.floorDivision(-86_400, 86_400) == -1)
    }
}
