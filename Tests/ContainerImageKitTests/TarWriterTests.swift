import AzureKitCore
import Foundation
import Testing

@testable import ContainerImageKit

struct TarWriterTests {
    /// Reads a ustar header field as text up to its first NUL.
    static func field(_ header: ArraySlice<UInt8>, _ offset: Int, _ width: Int) -> String {
        let start = header.startIndex + offset
        return String(decoding: header[start..<(start + width)].prefix { $0 != 0 }, as: UTF8.self)
    }

    @Test func headerFieldsAndChecksumFollowUstar() throws {
        var writer = TarWriter(modificationTime: 1_700_000_000)
        try writer.append(
            TarEntry(path: "etc/hostname", kind: .file(Data("airline\n".utf8)), mode: 0o644, uid: 10001, gid: 10001))
        let archive = writer.finish()
        #expect(archive.count == 512 + 512 + 1024)  // header, one padded block of data, end marker
        let header = archive[0..<512]
        #expect(Self.field(header, 0, 100) == "etc/hostname")
        #expect(Self.field(header, 100, 8) == "0000644")
        #expect(Self.field(header, 108, 8) == "0023421")  // 10001 in octal
        #expect(Self.field(header, 124, 12) == String(8, radix: 8).leftPadded(to: 11))
        #expect(Self.field(header, 136, 12) == String(1_700_000_000, radix: 8).leftPadded(to: 11))
        #expect(header[156] == UInt8(ascii: "0"))
        #expect(Self.field(header, 257, 6) == "ustar")
        #expect(Self.field(header, 263, 2) == "00")
        #expect(Self.field(header, 265, 32).isEmpty)  // no user or group names: numeric owners only
        var checksumInput = Array(header)
        for index in 148..<156 { checksumInput[index] = UInt8(ascii: " ") }
        #expect(Int(Self.field(header, 148, 6), radix: 8) == checksumInput.reduce(0) { $0 + Int($1) })
        #expect(String(decoding: archive[512..<520], as: UTF8.self) == "airline\n")
        #expect(archive[520..<1024].allSatisfy { $0 == 0 })
        #expect(archive[1024...].allSatisfy { $0 == 0 })
    }

    @Test func longPathsUseThePrefixField() throws {
        let directory = String(repeating: "d", count: 120)
        let path = "\(directory)/\(String(repeating: "f", count: 90))"
        var writer = TarWriter()
        try writer.append(TarEntry(path: path, kind: .file(Data()), mode: 0o644))
        let header = writer.bytes[0..<512]
        #expect(Self.field(header, 345, 155) == directory)
        #expect(Self.field(header, 0, 100) == String(repeating: "f", count: 90))
    }

    @Test(arguments: [String(repeating: "x", count: 101), String(repeating: "d/", count: 130) + "file"])
    func pathsTooLongForUstarAreRefused(path: String) throws {
        var writer = TarWriter()
        let error = try #require(throws: AzureClientError.self) {
            try writer.append(TarEntry(path: path, kind: .file(Data()), mode: 0o644))
        }
        #expect(error.kind == .invalidPath)
    }

    @Test func gnuTarReadsTheArchive() async throws {
        var contents = LayerContents()
        try contents.addFile("/usr/local/bin/app", contents: Data("#!binary".utf8), mode: 0o755)
        try contents.addFile("/etc/passwd", contents: Data("root:x:0:0::/root:/sbin/nologin\n".utf8))
        try contents.addDirectory("/tmp", mode: 0o1777)
        try contents.addSymbolicLink("/usr/bin/app", target: "../local/bin/app")
        // 60 + 1 + 60 + 1 + 60 bytes: over ustar's 100-byte name, so the prefix field is used.
        try contents.addFile(
            "/\(String(repeating: "p", count: 60))/\(String(repeating: "r", count: 60))/\(String(repeating: "q", count: 60))",
            contents: Data("x".utf8))
        let archive = try contents.tarArchive(modificationTime: 0)
        let listing = try await Self.tar(["-tvf", "-", "--numeric-owner"], input: archive)
        let lines = listing.split(separator: "\n").map(String.init)
        #expect(lines.count == 12)
        #expect(lines.contains { $0.hasPrefix("drwxrwxrwt 0/0") && $0.hasSuffix(" tmp/") })
        #expect(
            lines.contains {
                $0.hasPrefix("-rwxr-xr-x 0/0") && $0.contains("1970-01-01") && $0.hasSuffix(" usr/local/bin/app")
            })
        #expect(lines.contains { $0.hasPrefix("lrwxrwxrwx") && $0.hasSuffix(" usr/bin/app -> ../local/bin/app") })
        #expect(lines.contains { $0.hasSuffix("/" + String(repeating: "q", count: 60)) })
        // Parents come before children, and the order is by path.
        let names = lines.map { $0.split(separator: " ").last.map(String.init) ?? "" }
        #expect(names.first == "etc/")
        #expect(try await Self.tar(["-xOf", "-", "usr/local/bin/app"], input: archive) == "#!binary")
    }

    @Test func insertionOrderDoesNotChangeTheBytes() throws {
        let files = (0..<20).map { ("/data/file\($0)", Data("content \($0)".utf8)) }
        var forward = LayerContents()
        var backward = LayerContents()
        for (path, data) in files { try forward.addFile(path, contents: data) }
        for (path, data) in files.reversed() { try backward.addFile(path, contents: data) }
        #expect(try forward.tarArchive() == backward.tarArchive())
    }

    @Test func archiveOrderKeepsChildrenNextToTheirDirectory() throws {
        var contents = LayerContents()
        try contents.addFile("/usr/lib-extra/b", contents: Data())
        try contents.addFile("/usr/lib/x", contents: Data())
        #expect(
            contents.orderedEntries.map(\.path) == ["usr", "usr/lib", "usr/lib/x", "usr/lib-extra", "usr/lib-extra/b"])
    }

    @Test func conflictingAndInvalidEntriesAreRefused() throws {
        var contents = LayerContents()
        try contents.addFile("/etc/config", contents: Data("a".utf8))
        try contents.addFile("/etc/config", contents: Data("a".utf8))  // identical: fine
        #expect(throws: AzureClientError.self) { try contents.addFile("/etc/config", contents: Data("b".utf8)) }
        #expect(throws: AzureClientError.self) { try contents.addFile("/etc/config/inner", contents: Data()) }
        #expect(throws: AzureClientError.self) { try contents.addFile("/etc/../passwd", contents: Data()) }
        #expect(throws: AzureClientError.self) { try contents.addFile("/", contents: Data()) }
    }

    static func tar(_ arguments: [String], input: [UInt8]) async throws -> String {
        let result = try await ChildProcess(
            URL(fileURLWithPath: "/usr/bin/env"), ["tar"] + arguments,
            environment: ["TZ": "UTC", "LC_ALL": "C", "PATH": "/usr/bin:/bin"], standardInput: Data(input)
        ).run()
        guard result.succeeded else { throw AzureClientError(.invalidPath, "tar \(arguments) failed") }
        return result.standardOutputText
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
