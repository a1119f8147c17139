/// An ordered list of HTTP header fields with case-insensitive lookup.
///
/// Order is kept because signing and fixtures are easier to read that way; lookups ignore case as HTTP does.
///
/// ```swift
/// var headers: HTTPHeaders = ["Content-Type": "application/json"]
/// headers["x-ms-date"] = "Wed, 01 Oct 2025 12:00:00 GMT"
/// headers["content-type"]   // "application/json"
/// ```
public struct HTTPHeaders: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral, CustomStringConvertible {
    public typealias Field = (name: String, value: String)
    private var fields: [(name: String, value: String)]

    public init() { fields = [] }
    public init(_ fields: [(String, String)]) { self.fields = fields.map { (name: $0.0, value: $0.1) } }
    public init(dictionaryLiteral elements: (String, String)...) { self.init(elements) }

    /// The first value for `name` (case-insensitive); setting replaces every field of that name, `nil` removes them.
    public subscript(name: String) -> String? {
        get { fields.first { $0.name.caseInsensitiveEquals(name) }?.value }
        set {
            if let index = fields.firstIndex(where: { $0.name.caseInsensitiveEquals(name) }), let newValue {
                fields[index].value = newValue
                var seen = false
                fields.removeAll { field in
                    guard field.name.caseInsensitiveEquals(name) else { return false }
                    defer { seen = true }
                    return seen
                }
            } else {
                fields.removeAll { $0.name.caseInsensitiveEquals(name) }
                if let newValue { fields.append((name: name, value: newValue)) }
            }
        }
    }

    /// Every value for `name`, in order.
    public func values(for name: String) -> [String] {
        fields.filter { $0.name.caseInsensitiveEquals(name) }.map(\.value)
    }

    /// Appends a field, keeping any existing field of the same name.
    public mutating func add(name: String, value: String) { fields.append((name: name, value: value)) }

    public func contains(_ name: String) -> Bool { fields.contains { $0.name.caseInsensitiveEquals(name) } }

    public var count: Int { fields.count }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> { fields.makeIterator() }

    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.count == rhs.fields.count
            && zip(lhs.fields, rhs.fields).allSatisfy { $0.name.caseInsensitiveEquals($1.name) && $0.value == $1.value }
    }

    /// Redacted by the default allow-list: values of headers that could carry secrets are never printed.
    public var description: String {
        Redaction.default.redact(self).map { "\($0.name): \($0.value)" }.joined(separator: ", ")
    }
}

extension String {
    @usableFromInline
    func caseInsensitiveEquals(_ other: String) -> Bool {
        utf8.count == other.utf8.count && lowercased() == other.lowercased()
    }
}
