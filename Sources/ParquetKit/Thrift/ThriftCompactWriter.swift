/// Serialises values with the Thrift compact protocol into a byte array.
///
/// Only what a Parquet footer needs: integers (zigzag varints), binary and
/// strings, booleans, nested structs and lists. Field headers use the 4-bit id
/// delta when the id grows by 1...15 and the long form otherwise, so callers
/// must emit each struct's fields in ascending id order (fastparquet misreads
/// structs whose ids go backwards).
///
/// ```swift
/// var writer = ThriftCompactWriter()
/// writer.beginStruct()
/// writer.writeI32Field(1, 1)        // FileMetaData.version = 1 -> 15 02
/// writer.endStruct()
/// ```
public struct ThriftCompactWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8]
    private var lastFieldID: Int16 = 0
    private var enclosingFieldIDs: [Int16] = []

    public init(reservingCapacity capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    // MARK: Primitive encodings

    /// Unsigned LEB128.
    public mutating func writeVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// Zigzag-encoded varint, used for i16, i32 and i64.
    public mutating func writeZigzag(_ value: Int64) {
        writeVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    public mutating func writeI32(_ value: Int32) { writeZigzag(Int64(value)) }
    public mutating func writeI64(_ value: Int64) { writeZigzag(value) }

    /// Varint length followed by the raw bytes.
    public mutating func writeBinary(_ value: [UInt8]) {
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    public mutating func writeString(_ value: String) {
        writeVarint(UInt64(value.utf8.count))
        bytes.append(contentsOf: value.utf8)
    }

    /// 8 bytes, IEEE-754 little-endian.
    public mutating func writeDouble(_ value: Double) {
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    // MARK: Structs and fields

    /// Starts a struct: its field ids restart from 0. Pair with ``endStruct()``.
    public mutating func beginStruct() {
        enclosingFieldIDs.append(lastFieldID)
        lastFieldID = 0
    }

    /// Writes the stop byte and restores the enclosing struct's field-id state.
    public mutating func endStruct() {
        bytes.append(0)
        lastFieldID = enclosingFieldIDs.popLast() ?? 0
    }

    /// Writes a field header: the id delta in the high nibble when it fits,
    /// otherwise a zero nibble followed by the zigzag i16 id.
    public mutating func writeFieldHeader(id: Int16, type: ThriftCompactType) {
        assert(id > lastFieldID, "Thrift fields must be written in ascending id order")
        let delta = Int(id) - Int(lastFieldID)
        if delta > 0 && delta <= 15 {
            bytes.append(UInt8(delta) << 4 | type.rawValue)
        } else {
            bytes.append(type.rawValue)
            writeZigzag(Int64(id))
        }
        lastFieldID = id
    }

    public mutating func writeBoolField(_ id: Int16, _ value: Bool) {
        writeFieldHeader(id: id, type: value ? .booleanTrue : .booleanFalse)
    }

    public mutating func writeI8Field(_ id: Int16, _ value: Int8) {
        writeFieldHeader(id: id, type: .byte)
        bytes.append(UInt8(bitPattern: value))
    }

    public mutating func writeI16Field(_ id: Int16, _ value: Int16) {
        writeFieldHeader(id: id, type: .i16)
        writeZigzag(Int64(value))
    }

    public mutating func writeI32Field(_ id: Int16, _ value: Int32) {
        writeFieldHeader(id: id, type: .i32)
        writeI32(value)
    }

    public mutating func writeI64Field(_ id: Int16, _ value: Int64) {
        writeFieldHeader(id: id, type: .i64)
        writeI64(value)
    }

    public mutating func writeBinaryField(_ id: Int16, _ value: [UInt8]) {
        writeFieldHeader(id: id, type: .binary)
        writeBinary(value)
    }

    public mutating func writeStringField(_ id: Int16, _ value: String) {
        writeFieldHeader(id: id, type: .binary)
        writeString(value)
    }

    /// Writes a struct-valued field; `body` writes the nested fields.
    public mutating func writeStructField(_ id: Int16, _ body: (inout ThriftCompactWriter) -> Void) {
        writeFieldHeader(id: id, type: .struct)
        beginStruct()
        body(&self)
        endStruct()
    }

    // MARK: Lists

    /// List header: size in the high nibble when below 15, else `0xF` and a varint size.
    public mutating func writeListHeader(elementType: ThriftCompactType, count: Int) {
        if count < 15 {
            bytes.append(UInt8(count) << 4 | elementType.rawValue)
        } else {
            bytes.append(0xF0 | elementType.rawValue)
            writeVarint(UInt64(count))
        }
    }

    /// Writes a list field whose elements `body` writes (without field headers).
    public mutating func writeListField(
        _ id: Int16, elementType: ThriftCompactType, count: Int, _ body: (inout ThriftCompactWriter) -> Void
    ) {
        writeFieldHeader(id: id, type: .list)
        writeListHeader(elementType: elementType, count: count)
        body(&self)
    }

    /// Writes a list of structs, each element written by `element`.
    public mutating func writeStructListField<T>(
        _ id: Int16, _ elements: [T], _ element: (inout ThriftCompactWriter, T) -> Void
    ) {
        writeListField(id, elementType: .struct, count: elements.count) { writer in
            for value in elements {
                writer.beginStruct()
                element(&writer, value)
                writer.endStruct()
            }
        }
    }
}
