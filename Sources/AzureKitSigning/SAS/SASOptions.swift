/// The protocols a SAS allows (`spr`).
public struct SASProtocol: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// HTTPS only (`https`).
    public static let https = SASProtocol(rawValue: "https")
    /// HTTPS or HTTP (`https,http`), needed for the Azurite emulator over plain HTTP.
    public static let httpsAndHTTP = SASProtocol(rawValue: "https,http")

    public var description: String { rawValue }
}

/// The client IP address or inclusive range a SAS allows (`sip`), e.g. `168.1.5.65` or
/// `168.1.5.60-168.1.5.70`.
public struct SASIPRange: Sendable, Hashable, CustomStringConvertible {
    public var start: String
    public var end: String?

    public init(_ start: String, to end: String? = nil) {
        self.start = start
        self.end = end
    }

    /// The `sip` value.
    public var value: String { end.map { start + "-" + $0 } ?? start }
    public var description: String { value }
}

/// Response headers the service returns in place of the blob's stored properties when the
/// request uses this SAS (`rscc`, `rscd`, `rsce`, `rscl`, `rsct`).
public struct SASResponseHeaders: Sendable, Hashable {
    public var cacheControl: String?
    public var contentDisposition: String?
    public var contentEncoding: String?
    public var contentLanguage: String?
    public var contentType: String?

    public init(
        cacheControl: String? = nil,
        contentDisposition: String? = nil,
        contentEncoding: String? = nil,
        contentLanguage: String? = nil,
        contentType: String? = nil
    ) {
        self.cacheControl = cacheControl
        self.contentDisposition = contentDisposition
        self.contentEncoding = contentEncoding
        self.contentLanguage = contentLanguage
        self.contentType = contentType
    }

    /// `(name, value)` in string-to-sign order.
    var fields: [(String, String?)] {
        [
            ("rscc", cacheControl), ("rscd", contentDisposition), ("rsce", contentEncoding),
            ("rscl", contentLanguage), ("rsct", contentType),
        ]
    }
}

/// The signed service version (`sv`) of generated SAS tokens.
public enum SASVersion {
    /// The version the Blob client sends (`x-ms-version`), and so the default `sv`.
    public static let current = "2026-10-06"
    /// The oldest `sv` whose string-to-sign layout this module writes for key-signed SAS
    /// (`ses` joined the layout in 2020-12-06).
    public static let oldestSupported = "2020-12-06"
    /// The oldest `sv` for user delegation SAS (`skdutid`, `sduoid`, `srh`, `srq` in the layout).
    public static let oldestSupportedUserDelegation = "2026-04-06"

    static func validate(_ version: String, oldest: String) throws(SigningError) {
        let bytes = Array(version.utf8)
        let shaped =
            bytes.count == 10 && bytes[4] == UInt8(ascii: "-") && bytes[7] == UInt8(ascii: "-")
            && bytes.enumerated().allSatisfy { $0.offset == 4 || $0.offset == 7 || (0x30...0x39).contains($0.element) }
        guard shaped else {
            throw SigningError(
                .invalidSASParameter,
                "Signed version \"\(SigningHeaders.printable(version))\" is not of the form YYYY-MM-DD.")
        }
        guard !version.utf8.lexicographicallyPrecedes(oldest.utf8) else {
            throw SigningError(
                .invalidSASParameter,
                "Signed version \(version) is older than \(oldest), the oldest whose string-to-sign layout is supported."
            )
        }
    }
}
