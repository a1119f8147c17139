/// An HTTP request method.
///
/// An extensible string-backed value rather than a closed enum, so an unusual verb never needs an SDK release.
public struct HTTPMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue.uppercased() }

    public static let get = HTTPMethod(rawValue: "GET")
    public static let head = HTTPMethod(rawValue: "HEAD")
    public static let put = HTTPMethod(rawValue: "PUT")
    public static let post = HTTPMethod(rawValue: "POST")
    public static let patch = HTTPMethod(rawValue: "PATCH")
    public static let delete = HTTPMethod(rawValue: "DELETE")

    public static let options = HTTPMethod(rawValue: "OPTIONS")
    public static let trace = HTTPMethod(rawValue: "TRACE")

    /// RFC 9110's idempotent methods, the ones azure-core retries after a request may have reached the service.
    public var isIdempotent: Bool { [.get, .head, .put, .delete, .options, .trace].contains(self) }

    public var description: String { rawValue }
}
