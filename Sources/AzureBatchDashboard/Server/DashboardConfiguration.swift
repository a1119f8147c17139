/// Where a dashboard listens and how often it reads its source.
public struct DashboardConfiguration: Sendable, Hashable {
    /// `127.0.0.1` by default: the page shows task command lines and node names, so widening it (`0.0.0.0`)
    /// is a decision to make knowingly.
    public var host: String
    /// `0` picks a free port (see ``Dashboard/url``).
    public var port: Int
    /// How often the source is asked for fresh state. The Azure source reads each resource at most at its own
    /// ``BatchPollingOptions`` intervals, so a short value here costs no extra requests.
    public var refreshInterval: Duration
    /// How often the page polls the dashboard (browser → this process only).
    public var pagePollInterval: Duration
    /// Bytes of a failed task's `stderr.txt` shown on click and in the report.
    public var stderrBytes: Int
    /// At most this many failed tasks get their stderr in the report (two requests each on Azure).
    public var reportStderrLimit: Int

    public init(
        host: String = "127.0.0.1", port: Int = 0, refreshInterval: Duration = .seconds(2),
        pagePollInterval: Duration = .seconds(2), stderrBytes: Int = 4096, reportStderrLimit: Int = 50
    ) {
        self.host = host
        self.port = port
        self.refreshInterval = refreshInterval
        self.pagePollInterval = pagePollInterval
        self.stderrBytes = stderrBytes
        self.reportStderrLimit = reportStderrLimit
    }

    /// Whether `host` only accepts connections from this machine.
    public var isLoopbackOnly: Bool { ["127.0.0.1", "::1", "localhost"].contains(host.lowercased()) }

    /// Whether a request's `Host` (`host[:port]`, `[v6]:port`) names this machine.
    static func isLoopbackAuthority(_ authority: String?) -> Bool {
        guard let authority = authority?.lowercased() else { return false }
        let host: Substring
        if authority.hasPrefix("[") {
            host = authority.dropFirst().prefix { $0 != "]" }
        } else {
            host = authority.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        }
        return ["127.0.0.1", "localhost", "::1"].contains(String(host))
    }
}
