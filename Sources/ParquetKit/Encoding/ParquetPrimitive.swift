/// A Swift value type stored in a Parquet column: its physical type, PLAIN
/// encoding, dictionary key and type order for statistics.
///
/// The encoders and the column writer are generic over this protocol, so each of
/// the four supported types gets specialised code with no boxing per value.
public protocol ParquetPrimitive: Sendable {
    /// A hashable identity for dictionary encoding. Doubles use their bit
    /// pattern, so `-0.0`/`+0.0` and NaN payloads round-trip exactly.
    associatedtype DictionaryKey: Hashable & Sendable

    static var physicalType: ParquetFormat.PhysicalType { get }
    var dictionaryKey: DictionaryKey { get }
    /// The value's identity for dictionary encoding as 64 bits, for types whose values fit (numbers): their
    /// dictionaries are then built without hashing through `Hashable`. `nil` (the default) uses ``dictionaryKey``.
    var dictionaryBits: UInt64? { get }

    /// Bytes this value takes in a PLAIN-encoded page.
    var plainSize: Int { get }
    /// Appends the PLAIN encoding (strings: 4-byte length prefix, then UTF-8).
    func appendPlain(to bytes: inout [UInt8])
    /// Appends the PLAIN encoding of every non-null value of `values`.
    static func appendPlain(_ values: ArraySlice<Self?>, to bytes: inout [UInt8])
    /// Appends the statistics encoding (PLAIN without a length prefix).
    func appendStatisticsBytes(to bytes: inout [UInt8])
    /// Decodes one PLAIN value at `offset`, advancing it; `nil` when the bytes end early
    /// or are invalid.
    static func decodePlain(_ bytes: UnsafeRawBufferPointer, offset: inout Int) -> Self?

    /// Type order (signed for integers, by value for doubles, unsigned byte-wise for strings).
    static func typeOrderLess(_ lhs: Self, _ rhs: Self) -> Bool
    /// Values statistics must ignore (NaN).
    var isExcludedFromStatistics: Bool { get }
    /// The value as written for a minimum bound (a zero double becomes `-0.0`).
    var asStatisticsMinimum: Self { get }
    /// The value as written for a maximum bound (a zero double becomes `+0.0`).
    var asStatisticsMaximum: Self { get }
}

extension ParquetPrimitive {
    public var dictionaryBits: UInt64? { nil }
    public var isExcludedFromStatistics: Bool { false }
    public var asStatisticsMinimum: Self { self }
    public var asStatisticsMaximum: Self { self }
    public func appendStatisticsBytes(to bytes: inout [UInt8]) { appendPlain(to: &bytes) }

    public static func appendPlain(_ values: ArraySlice<Self?>, to bytes: inout [UInt8]) {
        for value in values {
            if let value { value.appendPlain(to: &bytes) }
        }
    }
}

/// Fixed-width little-endian storage shared by INT32, INT64 and DOUBLE.
public protocol ParquetFixedWidthPrimitive: ParquetPrimitive {
    associatedtype Bits: FixedWidthInteger & UnsignedInteger
    var plainBits: Bits { get }
    init(plainBits: Bits)
}

extension ParquetFixedWidthPrimitive {
    public var plainSize: Int { MemoryLayout<Bits>.size }
    /// The PLAIN bits: equal exactly when the values are the same dictionary entry (doubles by bit pattern).
    public var dictionaryBits: UInt64? { UInt64(plainBits) }

    public func appendPlain(to bytes: inout [UInt8]) {
        withUnsafeBytes(of: plainBits.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// One resize, then unaligned little-endian stores.
    public static func appendPlain(_ values: ArraySlice<Self?>, to bytes: inout [UInt8]) {
        let width = MemoryLayout<Bits>.size
        var nonNull = 0
        for value in values where value != nil { nonNull += 1 }
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: nonNull * width))
        bytes.withUnsafeMutableBytes { raw in
            var offset = start
            for value in values {
                guard let value else { continue }
                raw.storeBytes(of: value.plainBits.littleEndian, toByteOffset: offset, as: Bits.self)
                offset += width
            }
        }
    }

    public static func decodePlain(_ bytes: UnsafeRawBufferPointer, offset: inout Int) -> Self? {
        let width = MemoryLayout<Bits>.size
        guard offset >= 0, bytes.count - offset >= width else { return nil }
        let bits = bytes.loadUnaligned(fromByteOffset: offset, as: Bits.self)
        offset += width
        return Self(plainBits: Bits(littleEndian: bits))
    }
}

extension Int32: ParquetFixedWidthPrimitive {
    public static var physicalType: ParquetFormat.PhysicalType { .int32 }
    public var dictionaryKey: Int32 { self }
    public var plainBits: UInt32 { UInt32(bitPattern: self) }
    public init(plainBits: UInt32) { self.init(bitPattern: plainBits) }
    public static func typeOrderLess(_ lhs: Int32, _ rhs: Int32) -> Bool { lhs < rhs }
}

extension Int64: ParquetFixedWidthPrimitive {
    public static var physicalType: ParquetFormat.PhysicalType { .int64 }
    public var dictionaryKey: Int64 { self }
    public var plainBits: UInt64 { UInt64(bitPattern: self) }
    public init(plainBits: UInt64) { self.init(bitPattern: plainBits) }
    public static func typeOrderLess(_ lhs: Int64, _ rhs: Int64) -> Bool { lhs < rhs }
}

extension Double: ParquetFixedWidthPrimitive {
    public static var physicalType: ParquetFormat.PhysicalType { .double }
    public var dictionaryKey: UInt64 { bitPattern }
    public var plainBits: UInt64 { bitPattern }
    public init(plainBits: UInt64) { self.init(bitPattern: plainBits) }
    public static func typeOrderLess(_ lhs: Double, _ rhs: Double) -> Bool { lhs < rhs }
    public var isExcludedFromStatistics: Bool { isNaN }
    // parquet.thrift: readers cannot tell which zero was seen, so bounds must cover both.
    public var asStatisticsMinimum: Double { self == 0 ? -0.0 : self }
    public var asStatisticsMaximum: Double { self == 0 ? 0.0 : self }
}

extension String: ParquetPrimitive {
    public static var physicalType: ParquetFormat.PhysicalType { .byteArray }
    public var dictionaryKey: String { self }
    public var plainSize: Int { 4 + utf8.count }

    public func appendPlain(to bytes: inout [UInt8]) {
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: utf8.count).littleEndian) { bytes.append(contentsOf: $0) }
        appendStatisticsBytes(to: &bytes)
    }

    public func appendStatisticsBytes(to bytes: inout [UInt8]) {
        let appended: Void? = utf8.withContiguousStorageIfAvailable { bytes.append(contentsOf: $0) }
        if appended == nil { bytes.append(contentsOf: utf8) }
    }

    public static func decodePlain(_ bytes: UnsafeRawBufferPointer, offset: inout Int) -> String? {
        guard offset >= 0, bytes.count - offset >= 4 else { return nil }
        let length = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
        guard bytes.count - offset - 4 >= length else { return nil }
        let start = offset + 4
        offset = start + length
        return String(validating: UnsafeRawBufferPointer(rebasing: bytes[start..<start + length]), as: UTF8.self)
    }

    /// Unsigned byte-wise order, which equals code-point order for valid UTF-8.
    public static func typeOrderLess(_ lhs: String, _ rhs: String) -> Bool {
        let fast: Bool?? = lhs.utf8.withContiguousStorageIfAvailable { a in
            rhs.utf8.withContiguousStorageIfAvailable { b in
                for i in 0..<Swift.min(a.count, b.count) where a[i] != b[i] { return a[i] < b[i] }
                return a.count < b.count
            }
        }
        if let result = fast ?? nil { return result }
        return lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }

    /// One resize for the whole slice, then length prefixes and UTF-8 copied in place.
    public static func appendPlain(_ values: ArraySlice<String?>, to bytes: inout [UInt8]) {
        var total = 0
        for value in values {
            if let value { total += 4 + value.utf8.count }
        }
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: total))
        bytes.withUnsafeMutableBytes { raw in
            var offset = start
            for value in values {
                guard let value else { continue }
                let count = value.utf8.count
                raw.storeBytes(
                    of: UInt32(truncatingIfNeeded: count).littleEndian, toByteOffset: offset, as: UInt32.self)
                offset += 4
                let target = UnsafeMutableRawBufferPointer(rebasing: raw[offset..<offset + count])
                let copied: Void? = value.utf8.withContiguousStorageIfAvailable {
                    target.copyMemory(from: UnsafeRawBufferPointer($0))
                }
                if copied == nil {
                    for (index, byte) in value.utf8.enumerated() { target[index] = byte }
                }
                offset += count
            }
        }
    }
}
