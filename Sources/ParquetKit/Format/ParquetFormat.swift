/// The Parquet footer and page-header structures (apache/parquet-format
/// `parquet.thrift`), limited to the fields this library writes or reads.
///
/// Each struct encodes itself with ``ThriftCompactWriter`` in ascending field-id
/// order, always writing required fields (even when zero), and decodes with
/// ``ThriftCompactReader``, skipping unknown fields and rejecting missing
/// required ones.
public enum ParquetFormat {}

/// A value that round-trips through the Thrift compact protocol.
public protocol ThriftCodable: Sendable {
    /// Writes the struct's fields between `beginStruct` and `endStruct`.
    func writeFields(to writer: inout ThriftCompactWriter)
    /// Reads the struct's fields; the reader is positioned after `beginStruct`.
    init(fields reader: inout ThriftCompactReader) throws
}

extension ThriftCodable {
    /// The struct as a standalone compact-protocol message.
    public func thriftBytes() -> [UInt8] {
        var writer = ThriftCompactWriter()
        write(to: &writer)
        return writer.bytes
    }

    /// Writes the struct with its stop byte.
    public func write(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writeFields(to: &writer)
        writer.endStruct()
    }

    /// Decodes one struct (fields up to and including the stop byte).
    public init(from reader: inout ThriftCompactReader) throws {
        try reader.beginStruct()
        self = try Self(fields: &reader)
        reader.endStruct()
    }

    /// Decodes one struct from the start of `bytes`.
    public init(thriftBytes bytes: [UInt8]) throws {
        var reader = ThriftCompactReader(bytes)
        try self.init(from: &reader)
    }
}

extension ThriftCompactWriter {
    /// Writes a nested ``ThriftCodable`` struct as field `id`.
    public mutating func writeStructField(_ id: Int16, _ value: some ThriftCodable) {
        writeFieldHeader(id: id, type: .struct)
        value.write(to: &self)
    }

    /// Writes a list of ``ThriftCodable`` structs as field `id`.
    public mutating func writeStructListField(_ id: Int16, _ values: [some ThriftCodable]) {
        writeListField(id, elementType: .struct, count: values.count) { writer in
            for value in values { value.write(to: &writer) }
        }
    }
}

extension ThriftCompactReader {
    /// Throws when a required field was absent from a decoded struct.
    public func require<T>(_ value: T?, _ field: String) throws(ThriftDecodingError) -> T {
        guard let value else {
            throw ThriftDecodingError(offset: position, reason: "required field \(field) is missing")
        }
        return value
    }

    /// Reads a list of ``ThriftCodable`` structs.
    public mutating func readStructList<T: ThriftCodable>(_ type: T.Type, field: String) throws -> [T] {
        try readList(of: .struct, field: field) { reader in try T(from: &reader) }
    }
}
