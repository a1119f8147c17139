import Foundation

/// Samples a ``ByteCounter`` while the kernel runs and draws the bar or the periodic lines on standard error.
public final class ProgressReporter: @unchecked Sendable {
    let style: ProgressStyle
    let counter: ByteCounter
    let totalBytes: Int64?
    let write: @Sendable (String) -> Void
    let started = ContinuousClock.now
    private let lock = NSLock()
    private var task: Task<Void, Never>?
    private var drewBar = false

    /// - Parameter write: where text goes (standard error by default); tests capture it.
    public init(
        style: ProgressStyle, counter: ByteCounter, totalBytes: Int64?,
        write: @escaping @Sendable (String) -> Void = ProgressReporter.standardError
    ) {
        self.style = style.resolved
        self.counter = counter
        self.totalBytes = totalBytes
        self.write = write
    }

    public static let standardError: @Sendable (String) -> Void = { text in
        FileHandle.standardError.write(Data(text.utf8))
    }

    var elapsed: Double {
        let duration = ContinuousClock.now - started
        return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    public var snapshot: ProgressSnapshot {
        ProgressSnapshot(bytesRead: counter.total, totalBytes: totalBytes, elapsed: elapsed)
    }

    /// Starts drawing: the bar five times a second, a plain line every five seconds.
    public func start() {
        guard style == .bar || style == .lines else { return }
        let interval: Duration = style == .bar ? .milliseconds(200) : .seconds(5)
        let reporter = self
        lock.lock()
        task = Task.detached {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                if Task.isCancelled { break }
                reporter.draw()
            }
        }
        lock.unlock()
    }

    func draw() {
        let snapshot = self.snapshot
        lock.lock()
        defer { lock.unlock() }
        if style == .bar {
            drewBar = true
            write("\r" + snapshot.barLine() + "\u{1B}[K")
        } else {
            write(snapshot.plainLine + "\n")
        }
    }

    /// Stops drawing and clears the bar's line so the summary starts on a clean line.
    public func stop() {
        lock.lock()
        task?.cancel()
        task = nil
        let clear = drewBar
        drewBar = false
        lock.unlock()
        if clear { write("\r\u{1B}[K") }
    }
}
