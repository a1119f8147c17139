import ArgumentParser
import AzureBatchDashboard

/// SubmitYears' dashboard and report options, one group so the command's other options stay untouched.
///
/// ```
/// swift run SubmitYears --dashboard              # any free port on 127.0.0.1; the URL is printed
/// swift run SubmitYears --dashboard 8080 --dashboard-keep
/// ```
public struct DashboardOptions: ParsableArguments, Sendable {
    @Option(
        name: .customLong("dashboard"),
        help: ArgumentHelp(
            "Serve a live job dashboard on 127.0.0.1 and print its URL; PORT is optional (a free port when omitted).",
            valueName: "port"))
    public var port: Int?

    @Option(
        name: .customLong("dashboard-host"),
        help:
            "Listen on this address instead of 127.0.0.1, e.g. 0.0.0.0 (the page shows task command lines and node names; a warning is printed)."
    )
    public var host: String?

    @Flag(name: .customLong("dashboard-keep"), help: "Keep serving the dashboard after the job ends, until Ctrl-C.")
    public var keep = false

    @Option(
        name: .customLong("report-blob"),
        help: "Azure mode: also upload the HTML report to this blob under the output prefix, e.g. reports/job.html.")
    public var reportBlob: String?

    public init() {}

    public func validate() throws {
        if let port, !(0...65535).contains(port) {
            throw ValidationError("--dashboard port must be 0…65535, not \(port)")
        }
        if host != nil && port == nil { throw ValidationError("--dashboard-host needs --dashboard") }
        if keep && port == nil { throw ValidationError("--dashboard-keep needs --dashboard") }
        if let reportBlob, reportBlob.isEmpty || reportBlob.hasPrefix("/") {
            throw ValidationError("--report-blob must be a relative blob name, e.g. reports/job.html")
        }
    }

    /// What these options ask for.
    public var settings: DashboardSettings {
        DashboardSettings(port: port, host: host ?? DashboardConfiguration().host, keep: keep, reportBlob: reportBlob)
    }

    /// `--dashboard` takes an optional port, which ArgumentParser options cannot: a bare `--dashboard` (last, or
    /// followed by another option) gets `0`, a free port.
    public static func normalize(_ arguments: [String]) -> [String] {
        var result: [String] = []
        for (index, argument) in arguments.enumerated() {
            result.append(argument)
            guard argument == "--dashboard" else { continue }
            let next = index + 1 < arguments.count ? arguments[index + 1] : nil
            if next.map({ Int($0) == nil }) ?? true { result.append("0") }
        }
        return result
    }
}

/// The dashboard and report settings of one SubmitYears run.
public struct DashboardSettings: Sendable, Hashable {
    /// `nil`: no live dashboard (the report is still written).
    public var port: Int?
    public var host: String
    /// Serve until Ctrl-C after the job ends.
    public var keep: Bool
    /// Azure mode: the report's blob name under the output prefix.
    public var reportBlob: String?
    /// How long the dashboard keeps serving after the job ends (so a browser sees the final state).
    public var grace: Duration

    public init(
        port: Int? = nil, host: String = "127.0.0.1", keep: Bool = false, reportBlob: String? = nil,
        grace: Duration = .seconds(5)
    ) {
        self.port = port
        self.host = host
        self.keep = keep
        self.reportBlob = reportBlob
        self.grace = grace
    }
}
