/// An autoscale formula in Batch's formula language, with builders for the common cases.
///
/// ```swift
/// AutoScale(.scaleToPendingTasks(maxNodes: 20))                      // Spot nodes follow the queue
/// AutoScale(.scaleToZeroWhenIdle(afterMinutes: 10, maxNodes: 20))   // and go away when idle
/// ```
public struct AutoScaleFormula: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The formula text sent to the service.
    public var text: String

    public init(_ text: String) { self.text = text }
    public init(stringLiteral value: String) { self.text = value }
    public var description: String { text }

    /// Which node kind a formula sizes.
    public enum NodeKind: Sendable, Hashable {
        case dedicated
        /// Spot (low-priority) nodes.
        case spot

        var variable: String { self == .dedicated ? "$TargetDedicatedNodes" : "$TargetLowPriorityNodes" }
        var other: String { self == .dedicated ? "$TargetLowPriorityNodes" : "$TargetDedicatedNodes" }
    }

    /// One node per pending (active or running) task, at most `maxNodes`; when the queue is empty the pool
    /// halves at each evaluation. Uses the last 5 minutes of samples when enough exist, else the latest sample.
    /// Nodes leave only after their running task completes.
    public static func scaleToPendingTasks(maxNodes: Int, nodeKind: NodeKind = .spot) -> AutoScaleFormula {
        let cap = max(0, maxNodes)
        let target = nodeKind.variable
        return AutoScaleFormula(
            """
            $samples = $PendingTasks.GetSamplePercent(TimeInterval_Minute * 5);
            $tasks = $samples < 70 ? max(0, $PendingTasks.GetSample(1)) : max($PendingTasks.GetSample(1), avg($PendingTasks.GetSample(TimeInterval_Minute * 5)));
            $targetVMs = $tasks > 0 ? $tasks : max(0, \(target) / 2);
            \(target) = max(0, min($targetVMs, \(cap)));
            \(nodeKind.other) = 0;
            $NodeDeallocationOption = taskcompletion;
            """)
    }

    /// Follows pending tasks up to `maxNodes` and drops to zero nodes once no task has been pending for
    /// `minutes` minutes (until then the pool keeps its size, so short gaps do not cost a reallocation).
    public static func scaleToZeroWhenIdle(afterMinutes minutes: Int, maxNodes: Int, nodeKind: NodeKind = .spot)
        -> AutoScaleFormula
    {
        let window = max(1, minutes)
        let cap = max(0, maxNodes)
        let target = nodeKind.variable
        return AutoScaleFormula(
            """
            $pendingNow = max(0, $PendingTasks.GetSample(1));
            $idleKnown = $PendingTasks.GetSamplePercent(TimeInterval_Minute * \(window)) >= 90;
            $pendingRecently = $idleKnown ? max($PendingTasks.GetSample(TimeInterval_Minute * \(window))) : 1;
            $targetVMs = $pendingNow > 0 ? $pendingNow : ($pendingRecently > 0 ? \(target) : 0);
            \(target) = max(0, min($targetVMs, \(cap)));
            \(nodeKind.other) = 0;
            $NodeDeallocationOption = taskcompletion;
            """)
    }
}
