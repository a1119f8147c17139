import Foundation

/// Pool size over time for the line chart: current nodes, the target, and the autoscale formula's target.
public struct PoolSizeSeries: Sendable, Hashable, Codable {
    public struct Point: Sendable, Hashable, Codable {
        /// Seconds from the chart's origin.
        public var time: Double
        public var current: Int
        public var target: Int?
        public var autoscaleTarget: Int?
    }

    public var points: [Point]
    /// The chart's time axis ends here (seconds, at least one).
    public var span: Double
    /// The largest node count of any series (at least one), for the y axis.
    public var maxNodes: Int

    init(samples: [PoolSample], origin: Date, now: Date) {
        points = samples.sorted { $0.time < $1.time }.map { sample in
            Point(
                time: max(0, sample.time.timeIntervalSince(origin)), current: sample.currentNodes,
                target: sample.targetNodes,
                autoscaleTarget: sample.autoscaleTarget)
        }
        span = max(1, now.timeIntervalSince(origin), points.last?.time ?? 0)
        maxNodes = max(1, points.map { max($0.current, $0.target ?? 0, $0.autoscaleTarget ?? 0) }.max() ?? 0)
    }
}
