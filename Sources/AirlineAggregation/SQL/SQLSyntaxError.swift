/// A SQL statement outside the supported subset, pointing at the offending token.
///
/// `description` shows the statement with a caret under the problem:
/// ```
/// unsupported HAVING at offset 72: expected end of statement
///   SELECT … GROUP BY Year HAVING count(*) > 1
///                          ^
/// ```
public struct SQLSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 0-based UTF-8 offset of the offending token in the statement.
    public var offset: Int
    /// The offending token's text (empty at end of input).
    public var token: String
    /// What was expected or why the construct is unsupported.
    public var message: String
    /// The statement, for the caret display.
    public var statement: String

    public init(offset: Int, token: String, message: String, statement: String) {
        self.offset = offset
        self.token = token
        self.message = message
        self.statement = statement
    }

    public var description: String {
        let shown = token.isEmpty ? "end of statement" : "\"\(token)\""
        let line = statement.replacingNewlines()
        let caret = String(repeating: " ", count: max(0, min(offset, line.utf8.count))) + "^"
        return "unsupported SQL at offset \(offset) (\(shown)): \(message)\n  \(line)\n  \(caret)"
    }
}

extension String {
    fileprivate func replacingNewlines() -> String {
        String(decoding: utf8.map { $0 == 0x0A || $0 == 0x0D || $0 == 0x09 ? 0x20 : $0 }, as: UTF8.self)
    }
}
