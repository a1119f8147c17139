import AzureKitCore
import Foundation

/// A parsed XML element: just enough structure for Storage's listing and key bodies.
///
/// Storage XML is small, namespace-free and attribute-light, so a tree of elements with their text is all the
/// SDK needs; unknown elements are kept and ignored, so new service versions parse unchanged.
struct XMLTree: Sendable, Equatable {
    var name: String
    var attributes: [String: String] = [:]
    var children: [XMLTree] = []
    /// The element's own text (entities decoded, CDATA included), concatenated.
    var text: String = ""

    /// The first child named `name`.
    func child(_ name: String) -> XMLTree? { children.first { $0.name == name } }

    /// Every child named `name`.
    func children(_ name: String) -> [XMLTree] { children.filter { $0.name == name } }

    /// The text of the first child named `name`.
    func text(of name: String) -> String? { child(name)?.text }

    /// Parses one document.
    /// - Throws: ``AzureKitCore/AzureClientError`` (`.unexpectedResponse`) naming the byte offset of the problem.
    static func parse(_ data: Data, context: String) throws -> XMLTree {
        var parser = XMLScanner(bytes: Array(data), context: context)
        return try parser.document()
    }
}

/// A small recursive-descent XML reader over bytes.
private struct XMLScanner {
    let bytes: [UInt8]
    let context: String
    var index = 0

    init(bytes: [UInt8], context: String) {
        self.bytes = bytes
        self.context = context
    }

    func fail(_ reason: String) -> AzureClientError {
        AzureClientError.unexpectedResponse(context, "malformed XML at byte \(index): \(reason)")
    }

    mutating func document() throws -> XMLTree {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }  // UTF-8 byte order mark
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw fail("no root element") }
            if startsWith("<?") {
                try skip(past: "?>")
            } else if startsWith("<!--") {
                try skip(past: "-->")
            } else if startsWith("<!") {
                try skip(past: ">")
            } else if bytes[index] == UInt8(ascii: "<") {
                return try element(depth: 0)
            } else {
                throw fail("text before the root element")
            }
        }
    }

    mutating func element(depth: Int) throws -> XMLTree {
        guard depth < 64 else { throw fail("elements nested too deeply") }
        index += 1  // '<'
        var element = XMLTree(name: name())
        guard !element.name.isEmpty else { throw fail("an element without a name") }
        // Attributes.
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw fail("unterminated start tag <\(element.name)>") }
            if startsWith("/>") {
                index += 2
                return element
            }
            if bytes[index] == UInt8(ascii: ">") {
                index += 1
                break
            }
            let attribute = name()
            guard !attribute.isEmpty else { throw fail("unexpected character in <\(element.name)>") }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
                throw fail("attribute \(attribute) has no value")
            }
            index += 1
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
                throw fail("attribute \(attribute) value is not quoted")
            }
            let quote = bytes[index]
            index += 1
            let start = index
            while index < bytes.count, bytes[index] != quote { index += 1 }
            guard index < bytes.count else { throw fail("unterminated attribute \(attribute)") }
            element.attributes[attribute] = decodeText(bytes[start..<index])
            index += 1
        }
        // Content.
        var text = ""
        while true {
            guard index < bytes.count else { throw fail("<\(element.name)> is not closed") }
            if startsWith("</") {
                index += 2
                let closing = name()
                guard closing == element.name else { throw fail("</\(closing)> closes <\(element.name)>") }
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ">") else {
                    throw fail("unterminated </\(closing)>")
                }
                index += 1
                element.text = text
                return element
            } else if startsWith("<![CDATA[") {
                index += 9
                let start = index
                try skip(past: "]]>")
                text += String(decoding: bytes[start..<(index - 3)], as: UTF8.self)
            } else if startsWith("<!--") {
                try skip(past: "-->")
            } else if startsWith("<?") {
                try skip(past: "?>")
            } else if bytes[index] == UInt8(ascii: "<") {
                let child = try self.element(depth: depth + 1)
                element.children.append(child)
            } else {
                let start = index
                while index < bytes.count, bytes[index] != UInt8(ascii: "<") { index += 1 }
                text += decodeText(bytes[start..<index])
            }
        }
    }

    mutating func name() -> String {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=") || byte <= 0x20 {
                break
            }
            index += 1
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    mutating func skipWhitespace() {
        while index < bytes.count, bytes[index] <= 0x20 { index += 1 }
    }

    func startsWith(_ text: String) -> Bool {
        let pattern = Array(text.utf8)
        guard bytes.count - index >= pattern.count else { return false }
        return bytes[index..<(index + pattern.count)].elementsEqual(pattern)
    }

    mutating func skip(past terminator: String) throws {
        while index < bytes.count, !startsWith(terminator) { index += 1 }
        guard index < bytes.count else { throw fail("missing '\(terminator)'") }
        index += terminator.utf8.count
    }

    /// Decodes the five named entities and numeric references (`&#233;`, `&#x4E2D;`) in one pass, so `&amp;lt;`
    /// stays `&lt;`; an unknown or malformed reference is kept as written.
    func decodeText(_ slice: ArraySlice<UInt8>) -> String {
        let text = String(decoding: slice, as: UTF8.self)
        guard text.contains("&") else { return text }
        let named: [Substring: String] = ["lt": "<", "gt": ">", "amp": "&", "quot": "\"", "apos": "'"]
        var output = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            output += rest[..<ampersand]
            let afterAmpersand = rest.index(after: ampersand)
            guard let semicolon = rest[afterAmpersand...].prefix(12).firstIndex(of: ";") else {
                output += "&"
                rest = rest[afterAmpersand...]
                continue
            }
            let name = rest[afterAmpersand..<semicolon]
            var replacement = named[name]
            if replacement == nil, name.hasPrefix("#") {
                let digits = name.dropFirst()
                let value =
                    digits.hasPrefix("x") || digits.hasPrefix("X")
                    ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
                replacement = value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
            }
            output += replacement ?? String(rest[ampersand...semicolon])
            rest = rest[rest.index(after: semicolon)...]
        }
        output += rest
        return output
    }
}
