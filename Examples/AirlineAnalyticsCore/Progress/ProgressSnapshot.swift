/// One reading of a run's progress and its rendering, kept free of I/O so it can be tested.
public struct ProgressSnapshot: Sendable, Equatable {
    /// Input bytes read (as stored: compressed bytes for a compressed input).
    public var bytesRead: Int64
    /// Input size, when known.
    public var totalBytes: Int64?
    /// Seconds since the run started.
    public var elapsed: Double

    public init(bytesRead: Int64, totalBytes: Int64?, elapsed: Double) {
        self.bytesRead = bytesRead
        self.totalBytes = totalBytes
        self.elapsed = elapsed
    }

    /// Input MB/s (10^6 bytes) so far.
    public var megabytesPerSecond: Double { elapsed > 0 ? Double(bytesRead) / 1e6 / elapsed : 0 }

    /// 0…1 when the total is known.
    public var fraction: Double? {
        guard let totalBytes, totalBytes > 0 else { return nil }
        return min(1, max(0, Double(bytesRead) / Double(totalBytes)))
    }

    /// Seconds left at the current rate, when the total is known and something has been read.
    public var etaSeconds: Double? {
        guard let fraction, fraction > 0, elapsed > 0 else { return nil }
        return elapsed * (1 - fraction) / fraction
    }

    /// `[##########----------]  52%  61.2/117.8 MB  24.3 MB/s  ETA 0:02`
    public func barLine(width: Int = 24) -> String {
        let read = Self.megabytes(bytesRead)
        let rate = Self.fixed(megabytesPerSecond, 1) + " MB/s"
        guard let fraction, let totalBytes else {
            return "\(read) MB read  \(rate)  \(Self.clock(elapsed))"
        }
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: max(0, width - filled))
        let percent = Self.pad(String(Int((fraction * 100).rounded(.down))), 3) + "%"
        let eta = etaSeconds.map { "ETA " + Self.clock($0) } ?? "ETA --:--"
        return "[\(bar)] \(percent)  \(read)/\(Self.megabytes(totalBytes)) MB  \(rate)  \(eta)"
    }

    /// `progress: 52% (61.2 of 117.8 MB) at 24.3 MB/s, 0:03 elapsed, ETA 0:02`
    public var plainLine: String {
        let rate = Self.fixed(megabytesPerSecond, 1)
        guard let fraction, let totalBytes else {
            return "progress: \(Self.megabytes(bytesRead)) MB read at \(rate) MB/s, \(Self.clock(elapsed)) elapsed"
        }
        let eta = etaSeconds.map { ", ETA " + Self.clock($0) } ?? ""
        return
            "progress: \(Int((fraction * 100).rounded(.down)))% (\(Self.megabytes(bytesRead)) of \(Self.megabytes(totalBytes)) MB) at \(rate) MB/s, \(Self.clock(elapsed)) elapsed\(eta)"
    }

    static func megabytes(_ bytes: Int64) -> String { fixed(Double(bytes) / 1e6, 1) }

    /// `m:ss` (or `h:mm:ss`) for other displays of elapsed time.
    public static func clockText(_ seconds: Double) -> String { clock(seconds) }

    /// `value` with `digits` decimals, independent of the locale.
    public static func decimal(_ value: Double, _ digits: Int) -> String { fixed(value, digits) }

    /// `m:ss`, or `h:mm:ss` from an hour.
    static func clock(_ seconds: Double) -> String {
        let total = Int(max(0, seconds.isFinite ? seconds : 0).rounded())
        let (hours, minutes, secs) = (total / 3600, (total % 3600) / 60, total % 60)
        let two = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return hours > 0 ? "\(hours):\(two(minutes)):\(two(secs))" : "\(minutes):\(two(secs))"
    }

    /// `value` with `digits` decimals, without Foundation's locale-dependent formatting.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "0" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int64((abs(value) * scale).rounded())
        let whole = scaled / Int64(scale)
        let fraction = scaled % Int64(scale)
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard digits > 0 else { return "\(sign)\(whole)" }
        let fractionText = String(fraction)
        return "\(sign)\(whole)." + String(repeating: "0", count: digits - fractionText.count) + fractionText
    }

    static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
