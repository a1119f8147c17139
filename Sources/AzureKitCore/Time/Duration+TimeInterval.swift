import Foundation

extension Duration {
    /// Seconds as a `TimeInterval`, for the Foundation APIs (timeouts, `Date` arithmetic) that take one.
    public var timeInterval: TimeInterval {
        let parts = components
        return TimeInterval(parts.seconds) + TimeInterval(parts.attoseconds) / 1e18
    }
}
