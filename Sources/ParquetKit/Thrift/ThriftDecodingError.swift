/// A Thrift compact payload could not be decoded: names the byte offset and the cause.
public struct ThriftDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Offset in the decoded buffer where the problem was found.
    public let offset: Int
    public let reason: String

    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "Thrift decoding failed at byte \(offset): \(reason)" }
}
