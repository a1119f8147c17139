import AirlineAggregation
import AirlineAnalyticsCore
import Foundation
import SyntheticAirlineData
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Counts polylines and their points while checking the document is well-formed XML.
final class SVGInspector: NSObject, XMLParserDelegate {
    var root: String?
    var polylinePoints: [String: Int] = [:]

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if root == nil { root = name }
        if name == "polyline", let series = attributes["data-series"] {
            polylinePoints[series] = attributes["points"]?.split(separator: " ").count ?? 0
        }
    }
}

@Suite("AirlineAnalytics --plot")
struct PlotTests {
    @Test("a year of generated data plots as valid SVG with one point per day in each series")
    func plotsAYear() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("2007.csv").path
        _ = try AirlineDataGenerator(year: 2007, rows: 20_000, seed: 7).write(to: input)
        let plot = directory.appendingPathComponent("2007.svg").path
        // No Parquet output: the chart is drawn from the result table alone.
        let request = AnalyticsRequest(input: .local(input), output: nil, plot: plot, progress: .none)
        let report = try await AnalyticsRun(request: request).run()
        #expect(report.written.last == plot)

        let parser = try #require(XMLParser(contentsOf: URL(fileURLWithPath: plot)))
        let inspector = SVGInspector()
        parser.delegate = inspector
        #expect(parser.parse(), "\(parser.parserError.map { String(describing: $0) } ?? "")")
        #expect(inspector.root == "svg")
        #expect(Set(inspector.polylinePoints.keys) == ["avg_ArrDelay", "avg_DepDelay"])
        for (_, count) in inspector.polylinePoints {
            #expect(count == report.summary.groups)
            #expect((360...366).contains(count))
        }
    }

    @Test("a query without daily keys cannot be plotted and writes nothing")
    func refusesNonDaily() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in.csv").path
        _ = try AirlineDataGenerator(year: 2007, rows: 500, seed: 1).write(to: input)
        let output = directory.appendingPathComponent("out.parquet").path
        let request = AnalyticsRequest(
            input: .local(input), output: .local(output),
            sql: "SELECT Month, avg(ArrDelay) FROM airlines GROUP BY Month",
            plot: directory.appendingPathComponent("x.svg").path, progress: .none)
        await #expect(throws: AnalyticsFailure.self) { _ = try await AnalyticsRun(request: request).run() }
        #expect(listFiles(directory) == ["in.csv"])
    }

    @Test("calendar arithmetic round-trips", arguments: [(2007, 1, 1), (2008, 2, 29), (2000, 12, 31), (1987, 10, 1)])
    func calendar(year: Int, month: Int, day: Int) throws {
        let table = ResultTable(columns: [
            .init(name: "Year", values: .int32([Int32(year)])), .init(name: "Month", values: .int32([Int32(month)])),
            .init(name: "DayOfMonth", values: .int32([Int32(day)])), .init(name: "avg", values: .double([1.5])),
        ])
        let plot = try DelayPlot(table: table)
        #expect(plot.start == (year, month, day))
        #expect(plot.dayCount == 1)
    }
}
