import SubmitYearsCore
import Testing

@Suite("SubmitYears --years")
struct YearSelectionTests {
    @Test(
        "valid selections",
        arguments: [
            ("2001-2008", Array(2001...2008)),
            ("2003", [2003]),
            ("2001-2003,2007", [2001, 2002, 2003, 2007]),
            (" 2007 , 2001-2002 ", [2001, 2002, 2007]),
            ("2005-2005", [2005]),
            ("2002,2001-2003", [2001, 2002, 2003]),
        ])
    func parses(text: String, years: [Int]) throws {
        #expect(try YearSelection(parsing: text).years == years)
    }

    @Test(
        "bad selections name the problem",
        arguments: [
            ("", "no years"),
            ("2008-2001", "runs backwards"),
            ("20O7", "four-digit year"),
            ("2001-2003-2005", "not a year or a range"),
            ("2001,,2003", "empty item"),
            ("1900", "outside"),
            ("07", "four-digit year"),
            ("2001-", "four-digit year"),
            ("-2001", "four-digit year"),
        ])
    func rejects(text: String, reason: String) {
        #expect {
            _ = try YearSelection(parsing: text)
        } throws: { error in
            guard let error = error as? YearSelectionError else { return false }
            return error.description.contains(reason) && error.description.contains("--years")
        }
    }

    @Test func compactDescription() throws {
        #expect(try YearSelection(parsing: "2007,2001-2003,2004").description == "2001-2004,2007")
        #expect(YearSelection.default.description == "2001-2008")
    }

    @Test("the command line rejects a bad range with a clear error")
    func commandRejects() {
        do {
            _ = try SubmitYearsCommand.parse(["--years", "2008-2001"])
            Issue.record("a backwards range was accepted")
        } catch {
            let message = SubmitYearsCommand.message(for: error)
            #expect(message.contains("runs backwards"), "\(message)")
        }
    }

    @Test func commandParsesOptions() throws {
        let command = try SubmitYearsCommand.parse([
            "--years", "2003", "--dry-run", "--delete-pool", "--autoscale-idle-minutes", "10",
        ])
        let options = command.appOptions
        #expect(options.years.years == [2003])
        #expect(options.dryRun && options.deletePool)
        #expect(options.autoscaleIdleMinutes == 10)
        #expect(throws: (any Error).self) { _ = try SubmitYearsCommand.parse(["--nodes", "0"]) }
    }
}
