/// The identity of a query for partial results: a canonical text of everything that decides which rows land in
/// which group state (the parsed query and the CSV dialect), and a short hash of it. Two map tasks produce
/// mergeable partials exactly when their canonical texts are equal.
///
/// ```swift
/// let fingerprint = QueryFingerprint(spec: try AggregateSpec(sql: sql), dialect: .standard)
/// print(fingerprint.hash)          // "9f3c…", 16 hex digits
/// ```
public struct QueryFingerprint: Sendable, Hashable {
    /// The canonical text (stored in each partial's metadata).
    public let canonical: String
    /// FNV-1a (64-bit) of ``canonical``, as 16 hex digits: a name, not a security measure.
    public var hash: String {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in canonical.utf8 { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    public init(spec: AggregateSpec, dialect: CSVDialect = .standard, skipMalformed: Bool = false) {
        canonical =
            "spec=\(String(reflecting: spec));dialect=\(String(reflecting: dialect));skipMalformed=\(skipMalformed)"
    }

    init(canonical: String) { self.canonical = canonical }
}
