/// A token of the supported SQL subset.
struct SQLToken: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case identifier  // bare word (keywords are identifiers compared case-insensitively)
        case quotedIdentifier  // "name" or `name`
        case number
        case string  // 'text'
        case symbol  // , ( ) * = <> != < <= > >= ; - + .
        case end
    }

    var kind: Kind
    var text: String
    var offset: Int

    func isKeyword(_ word: String) -> Bool {
        kind == .identifier && text.lowercased() == word
    }
}

/// Splits a statement into tokens, tracking byte offsets for error messages.
enum SQLLexer {
    static func tokens(_ sql: String) throws -> [SQLToken] {
        let bytes = Array(sql.utf8)
        var tokens: [SQLToken] = []
        var index = 0
        func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        func isIdentifierByte(_ byte: UInt8) -> Bool {
            byte == 0x5F || (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A || byte >= 0x30 && byte <= 0x39
                || byte >= 0x80
        }
        while index < bytes.count {
            let byte = bytes[index]
            let start = index
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D:
                index += 1
            case UInt8(ascii: "-") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "-"):
                while index < bytes.count, bytes[index] != 0x0A { index += 1 }
            case UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`"):
                let closing = byte
                var value: [UInt8] = []
                index += 1
                var closed = false
                while index < bytes.count {
                    if bytes[index] == closing {
                        if index + 1 < bytes.count, bytes[index + 1] == closing {
                            value.append(closing)
                            index += 2
                            continue
                        }
                        index += 1
                        closed = true
                        break
                    }
                    value.append(bytes[index])
                    index += 1
                }
                guard closed else {
                    throw SQLSyntaxError(
                        offset: start, token: text(start..<bytes.count), message: "unterminated quoted text",
                        statement: sql)
                }
                let kind: SQLToken.Kind = closing == UInt8(ascii: "'") ? .string : .quotedIdentifier
                tokens.append(SQLToken(kind: kind, text: String(decoding: value, as: UTF8.self), offset: start))
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                while index < bytes.count,
                    bytes[index] >= 0x30 && bytes[index] <= 0x39 || bytes[index] == UInt8(ascii: ".")
                        || bytes[index] | 0x20 == UInt8(ascii: "e")
                        || (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+"))
                            && bytes[index - 1] | 0x20 == UInt8(ascii: "e")
                {
                    index += 1
                }
                tokens.append(SQLToken(kind: .number, text: text(start..<index), offset: start))
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "!"):
                index += 1
                if index < bytes.count,
                    bytes[index] == UInt8(ascii: "=")
                        || byte == UInt8(ascii: "<")
                            && bytes[index] == UInt8(ascii: ">")
                {
                    index += 1
                }
                tokens.append(SQLToken(kind: .symbol, text: text(start..<index), offset: start))
            default:
                if isIdentifierByte(byte) {
                    while index < bytes.count, isIdentifierByte(bytes[index]) { index += 1 }
                    tokens.append(SQLToken(kind: .identifier, text: text(start..<index), offset: start))
                } else {
                    index += 1
                    tokens.append(SQLToken(kind: .symbol, text: text(start..<index), offset: start))
                }
            }
        }
        tokens.append(SQLToken(kind: .end, text: "", offset: bytes.count))
        return tokens
    }
}
