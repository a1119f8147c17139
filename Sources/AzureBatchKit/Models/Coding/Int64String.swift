#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// An `Int64?` counter that Batch sends as a JSON string (`"contentLength": "1813"`, `"readIOps": "0"`).
///
/// Numbers are accepted too, since the spec types these as `int64` and a future service version may send
/// them unquoted. Encodes as a string, as the service does.
@propertyWrapper
public struct Int64String: Codable, Hashable, Sendable {
    public var wrappedValue: Int64?

    public init(wrappedValue: Int64?) { self.wrappedValue = wrappedValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            wrappedValue = nil
            return
        }
        if let number = try? container.decode(Int64.self) {
            wrappedValue = number
            return
        }
        let text = try container.decode(String.self)
        guard let value = Int64(text.trimmingCharacters(in: .whitespaces)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a 64-bit integer")
        }
        wrappedValue = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(String(wrappedValue)) } else { try container.encodeNil() }
    }
}

extension KeyedDecodingContainer {
    /// A missing key decodes as `nil`.
    public func decode(_ type: Int64String.Type, forKey key: Key) throws -> Int64String {
        try decodeIfPresent(type, forKey: key) ?? Int64String(wrappedValue: nil)
    }
}

extension KeyedEncodingContainer {
    /// A `nil` counter is left out of the JSON.
    public mutating func encode(_ value: Int64String, forKey key: Key) throws {
        if value.wrappedValue != nil { try encodeIfPresent(value, forKey: key) }
    }
}
