/// A minimal Thrift compact protocol reader, the mirror of ``ThriftCompactWriter``.
///
/// It exists for ``ParquetReader`` and round-trip tests. Every read is bounds
/// checked and nesting is limited, so corrupt input throws
/// ``ThriftDecodingError`` instead of crashing.
///
/// ```swift
/// var reader = ThriftCompactReader(bytes)
/// let metadata = try ParquetFormat.FileMetaData(from: &reader)
/// ```
public struct ThriftCompactReader: Sendable {
    /// A decoded field header.
    public struct FieldHeader: Sendable, Equatable {
        public let id: Int16
        public let type: ThriftCompactType
    }

    /// Deepest struct/list nesting accepted while skipping unknown fields.
    public static let maximumDepth = 64

    private let bytes: [UInt8]
    /// Offset of the next byte to read.
    public private(set) var position: Int
    private let end: Int
    private var lastFieldID: Int16 = 0
    private var enclosingFieldIDs: [Int16] = []

    /// Reads `bytes[range]` (the whole array by default).
    public init(_ bytes: [UInt8], range: Range<Int>? = nil) {
        self.bytes = bytes
        let r = range ?? bytes.startIndex..<bytes.endIndex
        position = r.lowerBound
        end = r.upperBound
    }

    private func fail(_ reason: String) -> ThriftDecodingError {
        ThriftDecodingError(offset: position, reason: reason)
    }

    // MARK: Primitives

    public mutating func readByte() throws(ThriftDecodingError) -> UInt8 {
        guard position < end else { throw fail("unexpected end of data") }
        defer { position += 1 }
        return bytes[position]
    }

    public mutating func readVarint() throws(ThriftDecodingError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte()
            guard shift < 64 else { throw fail("varint longer than 10 bytes") }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
    }

    public mutating func readZigzag() throws(ThriftDecodingError) -> Int64 {
        let raw = try readVarint()
        return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
    }

    public mutating func readI32() throws(ThriftDecodingError) -> Int32 {
        let value = try readZigzag()
        guard let narrow = Int32(exactly: value) else { throw fail("i32 value \(value) out of range") }
        return narrow
    }

    public mutating func readI16() throws(ThriftDecodingError) -> Int16 {
        let value = try readZigzag()
        guard let narrow = Int16(exactly: value) else { throw fail("i16 value \(value) out of range") }
        return narrow
    }

    public mutating func readI64() throws(ThriftDecodingError) -> Int64 { try readZigzag() }

    public mutating func readDouble() throws(ThriftDecodingError) -> Double {
        guard end - position >= 8 else { throw fail("double needs 8 bytes") }
        var bits: UInt64 = 0
        for i in 0..<8 { bits |= UInt64(bytes[position + i]) << (8 * UInt64(i)) }
        position += 8
        return Double(bitPattern: bits)
    }

    public mutating func readBinary() throws(ThriftDecodingError) -> [UInt8] {
        let start = position
        let length = try readVarint()
        guard length <= UInt64(end - position) else {
            throw ThriftDecodingError(
                offset: start, reason: "binary length \(length) exceeds the \(end - position) remaining bytes")
        }
        let count = Int(length)
        defer { position += count }
        return Array(bytes[position..<position + count])
    }

    public mutating func readString() throws(ThriftDecodingError) -> String {
        let start = position
        let raw = try readBinary()
        guard let text = String(validating: raw, as: UTF8.self) else {
            throw ThriftDecodingError(offset: start, reason: "string is not valid UTF-8")
        }
        return text
    }

    // MARK: Structs

    public mutating func beginStruct() throws(ThriftDecodingError) {
        guard enclosingFieldIDs.count < Self.maximumDepth else {
            throw fail("structs nested deeper than \(Self.maximumDepth)")
        }
        enclosingFieldIDs.append(lastFieldID)
        lastFieldID = 0
    }

    public mutating func endStruct() {
        lastFieldID = enclosingFieldIDs.popLast() ?? 0
    }

    /// Reads the next field header, or `nil` at the struct's stop byte.
    public mutating func readFieldHeader() throws(ThriftDecodingError) -> FieldHeader? {
        let byte = try readByte()
        if byte == 0 { return nil }
        let type = ThriftCompactType(rawValue: byte & 0x0F)
        let delta = Int16(byte >> 4)
        let id: Int16 = delta == 0 ? try readI16() : lastFieldID &+ delta
        lastFieldID = id
        return FieldHeader(id: id, type: type)
    }

    /// The value of a bool field, which lives in its header's type nibble.
    public func boolValue(of header: FieldHeader) throws(ThriftDecodingError) -> Bool {
        switch header.type {
        case .booleanTrue: return true
        case .booleanFalse: return false
        default: throw fail("field \(header.id) is \(header.type), expected bool")
        }
    }

    /// Checks a field's wire type before reading its value.
    public func expect(_ header: FieldHeader, _ type: ThriftCompactType, field: String) throws(ThriftDecodingError) {
        guard header.type == type else {
            throw fail("field \(field) (id \(header.id)) has type \(header.type), expected \(type)")
        }
    }

    // MARK: Lists

    /// Reads a list header: element type and element count.
    public mutating func readListHeader() throws(ThriftDecodingError) -> (elementType: ThriftCompactType, count: Int) {
        let byte = try readByte()
        let type = ThriftCompactType(rawValue: byte & 0x0F)
        var count = UInt64(byte >> 4)
        if count == 15 { count = try readVarint() }
        // Every element takes at least one byte, which bounds hostile counts.
        guard count <= UInt64(end - position) else {
            throw fail("list of \(count) elements exceeds the remaining bytes")
        }
        return (type, Int(count))
    }

    /// Reads a list whose elements must have `type`, decoding each with `element`.
    public mutating func readList<T>(
        of type: ThriftCompactType, field: String, _ element: (inout ThriftCompactReader) throws -> T
    ) throws -> [T] {
        let header = try readListHeader()
        guard header.elementType == type || header.count == 0 else {
            throw fail("list \(field) has \(header.elementType) elements, expected \(type)")
        }
        var result: [T] = []
        result.reserveCapacity(header.count)
        for _ in 0..<header.count { result.append(try element(&self)) }
        return result
    }

    // MARK: Skipping

    /// Skips a value of `type`, so readers tolerate fields they do not know.
    public mutating func skip(_ type: ThriftCompactType, depth: Int = 0) throws(ThriftDecodingError) {
        guard depth < Self.maximumDepth else { throw fail("values nested deeper than \(Self.maximumDepth)") }
        switch type {
        case .booleanTrue, .booleanFalse: return
        case .byte: _ = try readByte()
        case .i16, .i32, .i64: _ = try readVarint()
        case .double:
            guard end - position >= 8 else { throw fail("double needs 8 bytes") }
            position += 8
        case .binary:
            let length = try readVarint()
            guard length <= UInt64(end - position) else {
                throw fail("binary length \(length) exceeds the remaining bytes")
            }
            position += Int(length)
        case .list, .set:
            let header = try readListHeader()
            for _ in 0..<header.count {
                if header.elementType == .booleanTrue || header.elementType == .booleanFalse {
                    _ = try readByte()
                } else {
                    try skip(header.elementType, depth: depth + 1)
                }
            }
        case .map:
            let count = try readVarint()
            if count == 0 { return }
            guard count <= UInt64(end - position) else {
                throw fail("map of \(count) entries exceeds the remaining bytes")
            }
            let kinds = try readByte()
            let keyType = ThriftCompactType(rawValue: kinds >> 4)
            let valueType = ThriftCompactType(rawValue: kinds & 0x0F)
            for _ in 0..<count {
                try skip(keyType, depth: depth + 1)
                try skip(valueType, depth: depth + 1)
            }
        case .struct:
            try beginStruct()
            while let header = try readFieldHeader() {
                try skip(header.type, depth: depth + 1)
            }
            endStruct()
        default:
            throw fail("unknown compact type \(type.rawValue)")
        }
    }
}
