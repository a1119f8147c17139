/// The page's sections rendered from a ``DashboardView``: the same HTML for the live page (swapped in by its
/// script) and for the static report.
public struct DashboardSections: Sendable, Hashable, Codable {
    /// Section id → HTML (`summary`, `tasks`, `timeline`, `nodes`, `pool`).
    public var sections: [String: String]
    /// Every task has completed: the live page stops polling.
    public var complete: Bool

    public init(_ view: DashboardView) {
        var summary = SummaryHTML.render(view.summary)
        if let error = view.lastError {
            summary = "<p class=\"error\">Last read failed: \(HTMLText.escape(error))</p>" + summary
        }
        sections = [
            "summary": summary,
            "tasks": TaskTableHTML.render(view.tasks),
            "timeline": TimelineSVG.render(view.timeline),
            "nodes": NodeHeatMapHTML.render(view.heatMap),
            "pool": PoolSizeSVG.render(view.poolSize),
        ]
        complete = view.summary.isComplete
    }

    /// Titles in page order.
    static let layout: [(id: String, title: String)] = [
        ("summary", "Summary"), ("tasks", "Tasks"), ("timeline", "Timeline"), ("nodes", "Nodes"), ("pool", "Pool size"),
    ]
}

extension DashboardSections {
    /// Sections that only say why there is nothing to show yet.
    init(placeholder message: String) {
        sections = ["summary": "<p class=\"empty\">\(HTMLText.escape(message))</p>"]
        complete = false
    }
}
