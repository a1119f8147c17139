#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How a run reports progress on standard error.
public struct ProgressStyle: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue.lowercased() }
    public var description: String { rawValue }

    /// A bar redrawn in place (`\r`) when standard error is a terminal, else ``lines``.
    public static let auto = ProgressStyle(rawValue: "auto")
    /// Always the in-place bar.
    public static let bar = ProgressStyle(rawValue: "bar")
    /// A plain line every few seconds, for logs (Batch's `stderr.txt`, CI).
    public static let lines = ProgressStyle(rawValue: "lines")
    /// Only the final summary.
    public static let none = ProgressStyle(rawValue: "none")

    public static let all: [ProgressStyle] = [.auto, .bar, .lines, .none]

    /// ``auto`` resolved against whether standard error is a terminal.
    public var resolved: ProgressStyle {
        guard self == .auto else { return self }
        return isatty(2) != 0 ? .bar : .lines
    }
}
