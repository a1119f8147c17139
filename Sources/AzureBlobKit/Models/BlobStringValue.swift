/// The shape of the module's extensible service values (tiers, blob types, checksums, …): a raw string that
/// prints as itself, so values the SDK does not know yet still round-trip.
public protocol BlobStringValue: RawRepresentable, Hashable, Sendable, CustomStringConvertible
where RawValue == String {
    init(rawValue: String)
}

extension BlobStringValue {
    public var description: String { rawValue }
}
