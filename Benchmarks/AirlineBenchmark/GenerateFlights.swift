import ArgumentParser
import Foundation
import SyntheticAirlineData

/// `generate-flights`: the nycflights13-style CSV for `Tools/differential/nycflights.py`.
struct GenerateFlights: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-flights",
        abstract: "Write an nycflights13-style flights CSV (NA for missing, quoted time_hour).")
    @Option(help: "Output path") var output = "/tmp/flights.csv"
    @Option(help: "Rows") var rows = NYCFlightsGenerator.realRowCount
    @Option(help: "Seed") var seed: UInt64 = 13
    @Flag(help: "Quote every text column, as R's write.csv does") var quoteAllText = false

    func run() throws {
        let bytes = try NYCFlightsGenerator(rows: rows, seed: seed, quotesAllText: quoteAllText).write(to: output)
        print(String(format: "wrote %@: %d rows, %.1f MB", output, rows, Double(bytes) / 1e6))
    }
}
