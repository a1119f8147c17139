import CoreMetrics

/// The SDK's swift-metrics instruments: no-ops until the application bootstraps a backend
/// (`MetricsSystem.bootstrap`, or `withMetricsFactory` in a test).
///
/// | label | kind | dimensions |
/// |---|---|---|
/// | `azure.sdk.requests` | counter, one per HTTP attempt | `service`, `operation`, `status` (code or `error`) |
/// | `azure.sdk.request.duration` | timer, per attempt | `service`, `operation` |
/// | `azure.sdk.retries` | counter | `service`, `operation`, `reason` (status code, `throttled`, or error type) |
/// | `azure.sdk.bytes` | counter | `service`, `direction` (`sent`, `received`) |
/// | `azure.batch.tasks` | gauge, per progress poll | `job`, `state` (`active`, `running`, `completed`, `succeeded`, `failed`) |
///
/// ```swift
/// MetricsSystem.bootstrap(PrometheusMetricsFactory())   // or any swift-metrics backend
/// ```
public enum AzureMetrics {
    public static let requests = "azure.sdk.requests"
    public static let requestDuration = "azure.sdk.request.duration"
    public static let retries = "azure.sdk.retries"
    public static let bytes = "azure.sdk.bytes"
    public static let batchTasks = "azure.batch.tasks"

    /// Counts one finished HTTP attempt with its duration and the bytes it moved.
    static func recordAttempt(
        service: String, operation: String, status: Int?, duration: Duration,
        sentBytes: Int?, receivedBytes: Int?
    ) {
        Counter(
            label: requests,
            dimensions: [
                ("service", service), ("operation", operation), ("status", status.map(String.init) ?? "error"),
            ]
        ).increment()
        Timer(label: requestDuration, dimensions: [("service", service), ("operation", operation)])
            .recordNanoseconds(duration.nanoseconds)
        if let sentBytes, sentBytes > 0 {
            Counter(label: bytes, dimensions: [("service", service), ("direction", "sent")]).increment(by: sentBytes)
        }
        if let receivedBytes, receivedBytes > 0 {
            Counter(label: bytes, dimensions: [("service", service), ("direction", "received")]).increment(
                by: receivedBytes)
        }
    }

    static func recordRetry(service: String, operation: String, reason: String) {
        Counter(label: retries, dimensions: [("service", service), ("operation", operation), ("reason", reason)])
            .increment()
    }
}

extension Duration {
    /// Whole nanoseconds (saturating).
    var nanoseconds: Int64 {
        let parts = components
        let (seconds, overflow) = parts.seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : seconds &+ parts.attoseconds / 1_000_000_000
    }
}
