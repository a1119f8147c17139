/// A task command line built from separate words, each quoted for a POSIX shell when it needs it.
///
/// Batch does not run command lines in a shell, but its agent splits them into words with shell-style
/// quoting, so `TaskCommandLine` renders words that come back out exactly as given: spaces, quotes, `$`, `*` and
/// empty words included. Two adjacent arguments can never run together (the original script's missing space
/// between `--input …bz2` and `--output`).
///
/// ```swift
/// let command = TaskCommandLine(["/app/AirlineAnalytics", "--input", input, "--output", output])
/// command.rendered   // /app/AirlineAnalytics --input https://…/2007.csv.bz2 --output https://…/2007.parquet
/// let shell = TaskCommandLine.shell("cd $AZ_BATCH_TASK_WORKING_DIR && ls -l | head")   // /bin/sh -c '…'
/// ```
public struct TaskCommandLine: Hashable, Sendable, CustomStringConvertible, ExpressibleByArrayLiteral {
    /// The words, unquoted.
    public var arguments: [String]

    public init(_ arguments: [String]) { self.arguments = arguments }
    public init(arrayLiteral elements: String...) { self.arguments = elements }

    /// Runs `script` with `/bin/sh -c`, for when you want variables, pipes or globs expanded on the node.
    public static func shell(_ script: String) -> TaskCommandLine { TaskCommandLine(["/bin/sh", "-c", script]) }

    /// The text Batch receives: words quoted as needed and joined with single spaces.
    public var rendered: String { arguments.map(ShellQuoting.quote).joined(separator: " ") }

    public var description: String { rendered }

    /// Appends words.
    public func appending(_ more: String...) -> TaskCommandLine { TaskCommandLine(arguments + more) }
}

/// POSIX shell quoting and the matching word splitter.
public enum ShellQuoting {
    /// `word` as one shell word: unchanged when it has only safe characters, else in single quotes with each
    /// `'` written as `'\''`. The empty word is `''`.
    public static func quote(_ word: String) -> String {
        if !word.isEmpty, word.unicodeScalars.allSatisfy(isSafe) { return word }
        return "'" + word.replacingAll("'", with: "'\\''") + "'"
    }

    private static func isSafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_", "-", ".", "/", ":", ",", "+", "@", "%", "=": return true
        default: return false
        }
    }

    /// Splits a command line into words the way a POSIX shell does, without any expansion: blanks separate
    /// words; single quotes keep everything literally; double quotes keep everything except `\"`, `\\`, `\$`,
    /// `` \` `` and backslash-newline; a backslash outside quotes escapes the next character.
    /// - Throws: ``CommandLineParseError`` for an unterminated quote or a trailing backslash, with its offset.
    public static func split(_ text: String) throws -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var iterator = Array(text).enumerated().makeIterator()
        while let (offset, character) = iterator.next() {
            switch character {
            case " ", "\t", "\n":
                if inWord {
                    words.append(current)
                    current = ""
                    inWord = false
                }
            case "'":
                inWord = true
                var closed = false
                while let (_, next) = iterator.next() {
                    if next == "'" {
                        closed = true
                        break
                    }
                    current.append(next)
                }
                if !closed {
                    throw CommandLineParseError(text: text, offset: offset, reason: "unterminated single quote")
                }
            case "\"":
                inWord = true
                var closed = false
                while let (_, next) = iterator.next() {
                    if next == "\"" {
                        closed = true
                        break
                    }
                    if next == "\\" {
                        guard let (_, escaped) = iterator.next() else { break }
                        switch escaped {
                        case "\"", "\\", "$", "`": current.append(escaped)
                        case "\n": break
                        default:
                            current.append("\\")
                            current.append(escaped)
                        }
                        continue
                    }
                    current.append(next)
                }
                if !closed {
                    throw CommandLineParseError(text: text, offset: offset, reason: "unterminated double quote")
                }
            case "\\":
                guard let (_, escaped) = iterator.next() else {
                    throw CommandLineParseError(text: text, offset: offset, reason: "trailing backslash")
                }
                if escaped != "\n" {
                    current.append(escaped)
                    inWord = true
                }
            default:
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}

/// A command line that cannot be split into words.
public struct CommandLineParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let text: String
    /// Character offset of the problem.
    public let offset: Int
    public let reason: String
    public var description: String {
        "cannot split command line at character \(offset): \(reason) in \(text.debugDescription)"
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        result.reserveCapacity(count)
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
