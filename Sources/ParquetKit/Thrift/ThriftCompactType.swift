/// The 4-bit type codes of the Thrift compact protocol
/// (apache/thrift `doc/specs/thrift-compact-protocol.md`).
///
/// Booleans in a struct field carry their value in the type nibble
/// (``booleanTrue`` / ``booleanFalse``); inside a list they use ``booleanTrue``
/// as the element type and one byte per value.
public struct ThriftCompactType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let booleanTrue = ThriftCompactType(rawValue: 1)
    public static let booleanFalse = ThriftCompactType(rawValue: 2)
    public static let byte = ThriftCompactType(rawValue: 3)
    public static let i16 = ThriftCompactType(rawValue: 4)
    public static let i32 = ThriftCompactType(rawValue: 5)
    public static let i64 = ThriftCompactType(rawValue: 6)
    public static let double = ThriftCompactType(rawValue: 7)
    public static let binary = ThriftCompactType(rawValue: 8)
    public static let list = ThriftCompactType(rawValue: 9)
    public static let set = ThriftCompactType(rawValue: 10)
    public static let map = ThriftCompactType(rawValue: 11)
    public static let `struct` = ThriftCompactType(rawValue: 12)

    public var description: String {
        switch rawValue {
        case 1: "bool(true)"
        case 2: "bool(false)"
        case 3: "i8"
        case 4: "i16"
        case 5: "i32"
        case 6: "i64"
        case 7: "double"
        case 8: "binary"
        case 9: "list"
        case 10: "set"
        case 11: "map"
        case 12: "struct"
        default: "unknown(\(rawValue))"
        }
    }
}
