import Foundation
import Testing

/// Every bad-input case of the kernel issue, run through the AirlineAnalytics executable: a non-zero exit, one
/// clear line on standard error naming the cause, and nothing left in the output folder.
@Suite("AirlineAnalytics bad input")
struct BadInputTests {
    static let header =
        "Year,Month,DayofMonth,DayOfWeek,DepTime,CRSDepTime,ArrTime,CRSArrTime,UniqueCarrier,FlightNum,TailNum,ActualElapsedTime,CRSElapsedTime,AirTime,ArrDelay,DepDelay,Origin,Dest,Distance,TaxiIn,TaxiOut,Cancelled,CancellationCode,Diverted,CarrierDelay,WeatherDelay,NASDelay,SecurityDelay,LateAircraftDelay"
    static let row = "2007,1,1,1,1232,1225,1341,1340,WN,2891,N351,69,75,54,1,7,SMF,ONT,389,4,11,0,,0,0,0,0,0,0"

    enum Input: Sendable {
        case text(String)
        case fixture(String, @Sendable (Data) -> Data)
    }

    /// (name, input file name, content, extra arguments, expected words in the error line)
    static let cases: [(String, String, Input, [String], String)] = [
        ("empty file", "in.csv", .text(""), [], "emptyInput"),
        ("too few fields", "in.csv", .text(header + "\n" + row + "\n2007,1,2,2,1232\n"), [], "malformedRow"),
        ("too many fields", "in.csv", .text(header + "\n" + row + ",extra,fields\n"), [], "malformedRow"),
        (
            "non-numeric delay", "in.csv",
            .text(header + "\n" + row.replacingOccurrences(of: ",69,75,54,1,7,", with: ",69,75,54,late,7,") + "\n"), [],
            "invalidNumber"
        ),
        (
            "unterminated quote", "in.csv", .text(header + "\n" + row + "\n2007,1,2,\"unterminated"), [],
            "unterminatedQuote"
        ),
        (
            "truncated bzip2", "in.csv.bz2", .fixture("sample.csv.bz2", { $0.prefix($0.count / 2) }), [],
            "corruptCompressedInput"
        ),
        (
            "corrupt bzip2", "in.csv.bz2", .fixture("sample.csv.bz2", { flip($0, at: $0.count / 2) }), [],
            "corruptCompressedInput"
        ),
        (
            "truncated gzip", "in.csv.gz", .fixture("sample.csv.gz", { $0.prefix($0.count / 2) }), [],
            "corruptCompressedInput"
        ),
        (
            "corrupt gzip", "in.csv.gz", .fixture("sample.csv.gz", { flip($0, at: $0.count - 6) }), [],
            "corruptCompressedInput"
        ),
        (
            "missing column", "in.csv", .text(header + "\n" + row + "\n"),
            ["--sql", "SELECT Year, avg(NoSuchDelay) FROM airlines GROUP BY Year"], "NoSuchDelay"
        ),
    ]

    static func flip(_ data: Data, at offset: Int) -> Data {
        var copy = data
        copy[copy.startIndex + offset] ^= 0x5A
        return copy
    }

    static func write(_ input: Input, to url: URL) throws {
        switch input {
        case .text(let text): try Data(text.utf8).write(to: url)
        case .fixture(let name, let transform): try transform(try Fixtures.data(name)).write(to: url)
        }
    }

    /// The error lines of a run (progress lines excluded).
    static func errorLines(_ stderr: String) -> [String] {
        stderr.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.hasPrefix("progress:") && !$0.isEmpty }
    }

    @Test("bad input: one line, no output", arguments: cases.indices)
    func badInput(index: Int) async throws {
        let (name, fileName, input, arguments, expected) = Self.cases[index]
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputURL = directory.appendingPathComponent(fileName)
        try Self.write(input, to: inputURL)
        let output = directory.appendingPathComponent("out.parquet").path
        let plot = directory.appendingPathComponent("out.svg").path
        let result = try await runProcess(
            try BuiltProducts.executable("AirlineAnalytics"),
            ["--input", inputURL.path, "--output", output] + (arguments.isEmpty ? ["--plot", plot] : arguments))
        let lines = Self.errorLines(result.stderr)
        #expect(result.status != 0, "\(name): exit \(result.status)")
        #expect(lines.count == 1, "\(name): \(lines)")
        #expect(lines.first?.hasPrefix("AirlineAnalytics: error:") == true, "\(name): \(lines)")
        #expect(lines.first?.contains(expected) == true, "\(name): \(lines)")
        #expect(listFiles(directory) == [fileName], "\(name) left \(listFiles(directory))")
    }

    @Test("a header-only file succeeds with zero rows")
    func headerOnly() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in.csv")
        try Data((Self.header + "\n").utf8).write(to: input)
        let output = directory.appendingPathComponent("out.parquet").path
        let result = try await runProcess(
            try BuiltProducts.executable("AirlineAnalytics"), ["--input", input.path, "--output", output])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("rows read 0"))
        #expect(FileManager.default.fileExists(atPath: output))
    }

    @Test(
        "bad destinations and sources",
        arguments: [
            ("missing input", "missing.csv", "out.parquet", "no such file"),
            ("output folder missing", "in.csv", "nofolder/out.parquet", "outputUnwritable"),
            ("output under a file", "in.csv", "in.csv/out.parquet", "outputUnwritable"),
            ("plot folder missing", "in.csv", "out.parquet", "--plot"),
        ])
    func badPaths(name: String, input: String, output: String, expected: String) async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data((Self.header + "\n" + Self.row + "\n").utf8).write(to: directory.appendingPathComponent("in.csv"))
        var arguments = [
            "--input", directory.appendingPathComponent(input).path, "--output",
            directory.appendingPathComponent(output).path,
        ]
        if name == "plot folder missing" {
            arguments += ["--plot", directory.appendingPathComponent("nofolder/x.svg").path]
        }
        let result = try await runProcess(try BuiltProducts.executable("AirlineAnalytics"), arguments)
        let lines = Self.errorLines(result.stderr)
        #expect(result.status != 0)
        #expect(lines.count == 1 && lines.first?.contains(expected) == true, "\(name): \(lines)")
        #expect(listFiles(directory) == ["in.csv"], "\(name) left \(listFiles(directory))")
    }
}
