import Crypto
import Foundation

/// A content digest such as `sha256:1f2e…` (64 lower-case hex digits for SHA-256).
///
/// ```swift
/// let digest = try ImageDigest(parsing: "sha256:" + String(repeating: "ab", count: 32))
/// digest.algorithm   // "sha256"
/// ```
public struct ImageDigest: Hashable, Sendable, CustomStringConvertible, Codable {
    /// `sha256`, `sha384` or `sha512`.
    public let algorithm: String
    /// The lower-case hex encoding.
    public let hex: String

    /// Hex lengths of the algorithms registries accept (OCI image spec, go-digest).
    static let hexLengths: [String: Int] = ["sha256": 64, "sha384": 96, "sha512": 128]

    /// - Throws: ``ContainerImageReferenceError`` (`.invalidDigest`) naming what is wrong.
    public init(parsing text: String) throws {
        guard let colon = text.firstIndex(of: ":") else {
            throw ContainerImageReferenceError(
                .invalidDigest, reference: text, part: text,
                reason: "digest '\(text)' has no ':' between algorithm and hex (expected sha256:<64 hex>)")
        }
        let algorithm = String(text[..<colon])
        let hex = String(text[text.index(after: colon)...])
        guard let length = Self.hexLengths[algorithm] else {
            throw ContainerImageReferenceError(
                .invalidDigest, reference: text, part: algorithm,
                reason: "digest algorithm '\(algorithm)' is not supported (expected sha256, sha384 or sha512)")
        }
        guard hex.utf8.count == length,
            hex.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) })
        else {
            throw ContainerImageReferenceError(
                .invalidDigest, reference: text, part: hex,
                reason:
                    "\(algorithm) digest must be \(length) lower-case hex digits, got '\(hex)' (\(hex.count) characters)"
            )
        }
        self.algorithm = algorithm
        self.hex = hex
    }

    public var description: String { "\(algorithm):\(hex)" }

    /// Decodes the string form; an invalid one is a `DecodingError.dataCorrupted` naming the bad part.
    public init(from decoder: any Decoder) throws {
        self = try StringForm.decode(from: decoder, parse: Self.init(parsing:))
    }

    public func encode(to encoder: any Encoder) throws { try StringForm.encode(description, to: encoder) }
}

extension ImageDigest {
    /// The SHA-256 digest of `bytes`: how registries name blobs and manifests.
    ///
    /// ```swift
    /// let digest = ImageDigest.sha256(of: Data("{}".utf8))   // sha256:44136fa3…
    /// ```
    public static func sha256(of bytes: some DataProtocol) -> ImageDigest {
        let hex = SHA256.hash(data: bytes).map { byte in
            let digits = Array("0123456789abcdef".utf8)
            return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]], as: UTF8.self)
        }.joined()
        return ImageDigest(algorithm: "sha256", validatedHex: hex)
    }

    private init(algorithm: String, validatedHex: String) {
        self.algorithm = algorithm
        self.hex = validatedHex
    }

    /// Whether `bytes` hash to this digest (SHA-256 only; other algorithms are never produced by this SDK and
    /// are compared as not matching).
    public func matches(_ bytes: some DataProtocol) -> Bool {
        algorithm == "sha256" && Self.sha256(of: bytes) == self
    }
}
