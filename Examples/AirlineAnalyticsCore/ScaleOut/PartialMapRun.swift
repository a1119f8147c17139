import AirlineAggregation
import AzureBlobKit
import Foundation

/// One map task of a scaled-out query (`AirlineAnalytics map`): aggregates the records a byte range of the input
/// owns into a partial result and writes it (a local file atomically; a blob once it is complete).
///
/// ```swift
/// let run = PartialMapRun(input: try DataLocation("2007.csv.bz2"), range: 0..<60_000_000,
///                         partialOutput: try DataLocation("out/2007-0.partial.parquet"))
/// print(try await run.run().summaryLine)
/// ```
public struct PartialMapRun: Sendable {
    public var input: DataLocation
    /// The byte range (end exclusive); nil for the whole input.
    public var range: Range<Int>?
    public var partialOutput: DataLocation
    public var sql: String
    public var workers: WorkerCount
    public var skipMalformed: Bool
    public var access: BlobAccess

    public init(
        input: DataLocation, range: Range<Int>?, partialOutput: DataLocation,
        sql: String = Aggregation.originalStatement,
        workers: WorkerCount = .automatic, skipMalformed: Bool = false, access: BlobAccess = BlobAccess()
    ) {
        self.input = input
        self.range = range
        self.partialOutput = partialOutput
        self.sql = sql
        self.workers = workers
        self.skipMalformed = skipMalformed
        self.access = access
    }

    public struct Report: Sendable {
        public var partial: PartialResult
        public var written: String
        public var seconds: Double

        /// `partial of 2007.csv.bz2 [0-60000000]: rows 3726607, groups 183 in 2.10 s; wrote out/2007-0.partial.parquet`
        public var summaryLine: String {
            let covered = partial.coverage.map(\.label).joined(separator: ", ")
            return "partial of \(covered): rows \(partial.rows), groups \(partial.groups) in "
                + "\(ProgressSnapshot.fixed(seconds, 2)) s; wrote \(written)"
        }
    }

    /// - Throws: ``AnalyticsFailure`` with a one-line, secret-free cause.
    public func run() async throws -> Report {
        let started = ContinuousClock.now
        do {
            let spec: AggregateSpec
            do { spec = try AggregateSpec(sql: sql) } catch {
                throw AnalyticsFailure(wrapping: error, context: "--sql")
            }
            if case .standardStream = partialOutput {
                throw AnalyticsFailure("--partial-output must be a file or a blob")
            }
            let ranged = try await RangedInputOpener.open(input, access: access)
            let options = AggregationOptions(workers: workers, skipMalformed: skipMalformed)
            let partial = try await Aggregation.partial(of: ranged, range: range, spec, options: options)
            switch partialOutput {
            case .blob(let url):
                let bytes = try partial.encoded()
                do {
                    _ = try await access.client(for: url).upload(
                        Data(bytes), options: BlobUploadOptions(contentType: "application/vnd.apache.parquet"))
                } catch {
                    throw AnalyticsFailure(wrapping: error, context: "cannot upload the partial result to \(url)")
                }
            case .local(let path):
                try partial.write(to: path)
            case .standardStream:
                break
            }
            let elapsed = ContinuousClock.now - started
            return Report(
                partial: partial, written: partialOutput.description,
                seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        } catch {
            throw AnalyticsFailure(wrapping: error)
        }
    }
}
