import AzureKitCore
import Foundation

/// Writes POSIX ustar archives byte-for-byte reproducibly: the caller's entry order, one fixed modification
/// time, numeric owners with empty user and group names, no device numbers, no PAX records.
///
/// Written here because no maintained Swift package in the project's dependency set writes tar (the one in
/// swift-container-plugin is not available, and ZIPFoundation does zip only); ustar is 512-byte headers and
/// padding, about a hundred lines. Paths longer than 100 bytes use the ustar `prefix` field (up to 255 bytes in
/// all); longer ones are refused rather than written in a form some readers ignore.
///
/// ```swift
/// var tar = TarWriter(modificationTime: 0)
/// try tar.append(TarEntry(path: "etc/hostname", kind: .file(Data("app\n".utf8)), mode: 0o644))
/// let archive = tar.finish()   // entries + two zero blocks
/// ```
public struct TarWriter: Sendable {
    public static let blockSize = 512
    /// The largest payload an 11-digit octal size field holds (8 GiB - 1).
    public static let maximumFileSize = 0o77777777777

    /// Seconds since 1970 stored in every header.
    public let modificationTime: Int
    public private(set) var bytes: [UInt8] = []

    public init(modificationTime: Int = 0) {
        self.modificationTime = modificationTime
    }

    /// Appends one entry (header, payload, zero padding to 512 bytes).
    ///
    /// - Throws: ``AzureKitCore/AzureClientError`` (`.invalidPath`, `.fieldOverflow`) naming the entry.
    public mutating func append(_ entry: TarEntry) throws {
        var header = [UInt8](repeating: 0, count: Self.blockSize)
        let isDirectory = entry.kind == .directory
        // Directories carry a trailing '/' when it fits; readers go by the type flag, so it may be left out.
        let (prefix, name) =
            isDirectory
            ? try (try? Self.split(entry.path + "/", entry: entry.path)) ?? Self.split(entry.path, entry: entry.path)
            : try Self.split(entry.path, entry: entry.path)
        put(name, at: 0, width: 100, into: &header)
        try putOctal(Int(entry.mode & 0o7777), at: 100, width: 8, field: "mode", entry: entry.path, into: &header)
        try putOctal(entry.uid, at: 108, width: 8, field: "uid", entry: entry.path, into: &header)
        try putOctal(entry.gid, at: 116, width: 8, field: "gid", entry: entry.path, into: &header)
        try putOctal(entry.size, at: 124, width: 12, field: "size", entry: entry.path, into: &header)
        try putOctal(modificationTime, at: 136, width: 12, field: "mtime", entry: entry.path, into: &header)
        switch entry.kind {
        case .file: header[156] = UInt8(ascii: "0")
        case .directory: header[156] = UInt8(ascii: "5")
        case .symbolicLink(let target):
            header[156] = UInt8(ascii: "2")
            guard target.utf8.count <= 100, !target.isEmpty else {
                throw AzureClientError(
                    .fieldOverflow, "symbolic link \(entry.path) -> \(target): a ustar link target is 1 to 100 bytes")
            }
            put(target, at: 157, width: 100, into: &header)
        }
        put("ustar", at: 257, width: 6, into: &header)  // "ustar\0"
        put("00", at: 263, width: 2, into: &header)
        put(prefix, at: 345, width: 155, into: &header)
        // The checksum is computed with its own field as eight spaces, then written as six digits, NUL, space.
        for index in 148..<156 { header[index] = UInt8(ascii: " ") }
        let checksum = header.reduce(0) { $0 + Int($1) }
        let digits = Array(String(checksum, radix: 8).utf8)
        let padded = [UInt8](repeating: UInt8(ascii: "0"), count: max(0, 6 - digits.count)) + digits
        for (offset, digit) in padded.enumerated() { header[148 + offset] = digit }
        header[154] = 0
        bytes += header
        if case .file(let data) = entry.kind {
            bytes += data
            bytes += [UInt8](repeating: 0, count: (Self.blockSize - data.count % Self.blockSize) % Self.blockSize)
        }
    }

    /// The archive with its end marker (two zero blocks).
    public func finish() -> [UInt8] { bytes + [UInt8](repeating: 0, count: 2 * Self.blockSize) }

    /// Splits a path into ustar's `prefix` (≤ 155 bytes) and `name` (≤ 100 bytes) at a `/`.
    static func split(_ path: String, entry: String) throws -> (prefix: String, name: String) {
        let utf8 = Array(path.utf8)
        if utf8.count <= 100 { return ("", path) }
        // The split slash belongs to neither part; pick the leftmost one that leaves the name short enough.
        for index in utf8.indices
        where utf8[index] == UInt8(ascii: "/") && index <= 155 && utf8.count - index - 1 <= 100 {
            let name = utf8[(index + 1)...]
            if name.isEmpty || name.allSatisfy({ $0 == UInt8(ascii: "/") }) { continue }
            return (String(decoding: utf8[..<index], as: UTF8.self), String(decoding: name, as: UTF8.self))
        }
        throw AzureClientError(
            .invalidPath,
            "path \(entry) (\(utf8.count) bytes) does not fit a ustar header's 155-byte prefix and 100-byte name")
    }

    private func put(_ text: String, at offset: Int, width: Int, into header: inout [UInt8]) {
        for (index, byte) in text.utf8.prefix(width).enumerated() { header[offset + index] = byte }
    }

    /// Zero-padded octal with a trailing NUL, as GNU tar and Go's archive/tar write ustar numbers.
    private func putOctal(
        _ value: Int, at offset: Int, width: Int, field: String, entry: String, into header: inout [UInt8]
    ) throws {
        let digits = Array(String(value, radix: 8).utf8)
        guard value >= 0, digits.count <= width - 1 else {
            throw AzureClientError(
                .fieldOverflow, "\(entry): \(field) \(value) does not fit a \(width - 1)-digit octal ustar field")
        }
        let padded = [UInt8](repeating: UInt8(ascii: "0"), count: width - 1 - digits.count) + digits
        for (index, digit) in padded.enumerated() { header[offset + index] = digit }
        header[offset + width - 1] = 0
    }
}
