import Foundation

/// Where SubmitYears prints: standard output by default; tests capture the lines.
public struct Console: Sendable {
    public let write: @Sendable (String) -> Void

    public init(write: @escaping @Sendable (String) -> Void) { self.write = write }

    /// Prints `line` and a newline.
    public func line(_ line: String) { write(line + "\n") }

    public static let standardOutput = Console { text in
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// A console that keeps everything in memory.
    public static func capturing() -> (Console, CapturedText) {
        let captured = CapturedText()
        return (Console { captured.append($0) }, captured)
    }
}

/// Text collected by ``Console/capturing()``.
public final class CapturedText: @unchecked Sendable {
    private let lock = NSLock()
    private var storage = ""

    func append(_ text: String) {
        lock.lock()
        storage += text
        lock.unlock()
    }

    public var text: String {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
