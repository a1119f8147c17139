/// The AirlineAnalytics command's logic, kept in the library so it can be tested without a process.
///
/// ```swift
/// let job = AnalyticsJob(input: "2007.csv.bz2", output: "2007.parquet")
/// let outcome = await job.run()
/// print(outcome.lines.joined(separator: "\n")); exit(outcome.exitCode)
/// ```
public struct AnalyticsJob: Sendable {
    /// A local path, or `-` for standard input.
    public var input: String
    /// A local path; `-` prints the result as CSV on standard output instead of writing Parquet.
    public var output: String
    public var sql: String
    public var codec: ParquetOutputOptions.Codec
    public var workers: WorkerCount
    public var skipMalformed: Bool
    public var sparkLayout: Bool
    public var dialect: CSVDialect

    public init(
        input: String, output: String, sql: String = Aggregation.originalStatement,
        codec: ParquetOutputOptions.Codec = .snappy, workers: WorkerCount = .automatic, skipMalformed: Bool = false,
        sparkLayout: Bool = false, dialect: CSVDialect = .standard
    ) {
        self.input = input
        self.output = output
        self.sql = sql
        self.codec = codec
        self.workers = workers
        self.skipMalformed = skipMalformed
        self.sparkLayout = sparkLayout
        self.dialect = dialect
    }

    /// What the command prints and its exit status.
    public struct Outcome: Sendable {
        public var exitCode: Int32
        /// Lines for standard output (the summary, or the CSV result for `--output -`).
        public var lines: [String]
        /// One line with the cause, for standard error, when the run failed.
        public var errorLine: String?
        public var summary: AggregationSummary?
    }

    public func run() async -> Outcome {
        guard ParquetOutputOptions.Codec.supported.contains(codec) else {
            return failure("unsupported codec \"\(codec)\" (supported: snappy, uncompressed, gzip)", code: 64)
        }
        let spec: AggregateSpec
        do {
            spec = try AggregateSpec(sql: sql)
        } catch let error as SQLSyntaxError {
            return failure(error.description.split(separator: "\n").first.map(String.init) ?? "\(error)", code: 64)
        } catch {
            return failure("\(error)", code: 64)
        }
        let source: CSVSource = input == "-" ? .standardInput : .file(input)
        let destination: AggregationOutput
        if output == "-" {
            destination = .none
        } else if sparkLayout {
            destination = .sparkDirectory(output, options: .init(codec: codec))
        } else {
            destination = .parquet(output, options: .init(codec: codec))
        }
        do {
            let summary = try await Aggregation.run(
                from: source, spec, into: destination,
                options: .init(dialect: dialect, workers: workers, skipMalformed: skipMalformed))
            var lines = output == "-" ? summary.result.csvLines() : []
            lines.append(Self.summaryLine(summary, output: output))
            return Outcome(exitCode: 0, lines: lines, errorLine: nil, summary: summary)
        } catch let error as AggregationError {
            return failure(error.description, code: 1)
        } catch {
            return failure("\(error)", code: 1)
        }
    }

    static func summaryLine(_ summary: AggregationSummary, output: String) -> String {
        let seconds = (summary.seconds * 1000).rounded() / 1000
        let rate = summary.megabytesPerSecond.rounded()
        var line =
            "rows read \(summary.rowsRead), skipped \(summary.rowsSkipped), groups \(summary.groups), "
            + "\(seconds) s, \(Int(rate)) MB/s, workers \(summary.workers), input \(summary.compression)"
        if output != "-" { line += " -> \(output)" }
        return line
    }

    private func failure(_ message: String, code: Int32) -> Outcome {
        Outcome(exitCode: code, lines: [], errorLine: "error: " + message, summary: nil)
    }
}

extension ResultTable {
    /// The table as CSV lines: the header first, nulls as empty fields, text quoted when it holds a delimiter,
    /// quote or line break (RFC 4180).
    public func csvLines() -> [String] {
        let table = self
        var lines = [table.columns.map(\.name).joined(separator: ",")]
        for row in 0..<table.rowCount {
            lines.append(
                table.columns.map { column -> String in
                    switch column.values {
                    case .int32(let values): return values[row].map { "\($0)" } ?? ""
                    case .int64(let values): return values[row].map { "\($0)" } ?? ""
                    case .double(let values): return values[row].map { "\($0)" } ?? ""
                    case .string(let values): return values[row].map(Self.csvField) ?? ""
                    }
                }.joined(separator: ","))
        }
        return lines
    }

    private static func csvField(_ text: String) -> String {
        guard text.isEmpty || text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
