import AzureBatchKit

/// The pool as Batch Explorer shows it: one cell per node coloured by state, and how many nodes are in each.
public struct NodeHeatMap: Sendable, Hashable, Codable {
    public struct Cell: Sendable, Hashable, Codable {
        public var nodeID: String
        /// The service's state, as is (`waitingforstarttask`, …).
        public var state: String
        /// The heat map colour group, one of ``NodeHeatMap/categories``.
        public var category: String
        public var isDedicated: Bool?
        public var runningTasks: Int
    }

    /// Colour groups in legend order.
    public static let categories = [
        "idle", "running", "starting", "starttaskfailed", "preempted", "unusable", "offline", "other",
    ]

    public var cells: [Cell]
    /// Nodes per category, every category present (zero included), in ``categories`` order.
    public var counts: [String: Int]

    init(nodes: [NodeRecord]) {
        cells = nodes.sorted { $0.id.compare($1.id, options: .numeric) == .orderedAscending }.map { node in
            Cell(
                nodeID: node.id, state: node.state.rawValue, category: Self.category(of: node.state),
                isDedicated: node.isDedicated, runningTasks: node.runningTasks)
        }
        var counts = Dictionary(uniqueKeysWithValues: Self.categories.map { ($0, 0) })
        for cell in cells { counts[cell.category, default: 0] += 1 }
        self.counts = counts
    }

    /// Booting states count as `starting`; states the legend does not name (leaving, deallocated, unknown, a new
    /// service value) as `other`.
    public static func category(of state: NodeState) -> String {
        switch state {
        case .idle: "idle"
        case .running: "running"
        case .creating, .starting, .waitingForStartTask, .rebooting, .reimaging, .upgradingOS: "starting"
        case .startTaskFailed: "starttaskfailed"
        case .preempted: "preempted"
        case .unusable: "unusable"
        case .offline: "offline"
        default: "other"
        }
    }
}
