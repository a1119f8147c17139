import Foundation
import ParquetKit
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct AtomicFileWriterTests {
    /// A fresh folder per test, removed afterwards.
    final class Folder {
        let path: String
        init() throws {
            path = NSTemporaryDirectory() + "parquetkit-tests-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        var entries: [String] { (try? FileManager.default.contentsOfDirectory(atPath: path).sorted()) ?? [] }
        func read(_ name: String) -> [UInt8]? {
            FileManager.default.contents(atPath: "\(path)/\(name)").map { [UInt8]($0) }
        }
    }

    struct BodyFailure: Error {}

    @Test func writesAndReplacesWithoutLeavingTemporaryFiles() throws {
        let folder = try Folder()
        try AtomicFileWriter.write([1, 2, 3], to: "\(folder.path)/a.bin")
        #expect(folder.read("a.bin") == [1, 2, 3])
        try AtomicFileWriter.write([9], to: "\(folder.path)/a.bin")
        #expect(folder.read("a.bin") == [9])
        #expect(folder.entries == ["a.bin"])
    }

    @Test func streamsChunksAndCountsBytes() throws {
        let folder = try Folder()
        var total = 0
        try AtomicFileWriter.write(to: "\(folder.path)/s.bin") { output in
            for chunk in 0..<5 { try output.write([UInt8](repeating: UInt8(chunk), count: 100_000)) }
            total = output.count
        }
        #expect(total == 500_000)
        #expect(folder.read("s.bin")?.count == 500_000)
    }

    @Test func emptyMarkerFile() throws {
        let folder = try Folder()
        try AtomicFileWriter.write(to: "\(folder.path)/_SUCCESS") { _ in }
        #expect(folder.read("_SUCCESS") == [])
    }

    @Test func failingBodyLeavesNoFileAndKeepsTheOldOne() throws {
        let folder = try Folder()
        #expect(throws: AtomicFileError.self) {
            try AtomicFileWriter.write(to: "\(folder.path)/new.bin") { output in
                try output.write([1, 2, 3])
                throw BodyFailure()
            }
        }
        #expect(folder.entries.isEmpty)
        try AtomicFileWriter.write([7, 7], to: "\(folder.path)/old.bin")
        #expect(throws: AtomicFileError.self) {
            try AtomicFileWriter.write(to: "\(folder.path)/old.bin") { output in
                try output.write([1])
                throw BodyFailure()
            }
        }
        #expect(folder.read("old.bin") == [7, 7])
        #expect(folder.entries == ["old.bin"])
    }

    @Test func missingFolderIsNamed() throws {
        let folder = try Folder()
        let missing = "\(folder.path)/no/such"
        let error = AtomicFileError.directoryNotFound(path: missing)
        #expect(throws: error) { try AtomicFileWriter.write([1], to: "\(missing)/x.parquet") }
        #expect(error.description == "output folder '\(missing)' does not exist")
    }

    @Test func parentThatIsAFileOrDestinationThatIsAFolder() throws {
        let folder = try Folder()
        try AtomicFileWriter.write([1], to: "\(folder.path)/file")
        #expect(throws: AtomicFileError.notADirectory(path: "\(folder.path)/file")) {
            try AtomicFileWriter.write([1], to: "\(folder.path)/file/x")
        }
        try FileManager.default.createDirectory(atPath: "\(folder.path)/dir", withIntermediateDirectories: false)
        #expect(throws: AtomicFileError.destinationIsDirectory(path: "\(folder.path)/dir")) {
            try AtomicFileWriter.write([1], to: "\(folder.path)/dir")
        }
        #expect(throws: AtomicFileError.destinationIsDirectory(path: "\(folder.path)/new/")) {
            try AtomicFileWriter.write([1], to: "\(folder.path)/new/")
        }
        #expect(folder.entries == ["dir", "file"])
    }

    @Test func unwritableFolderIsNamed() throws {
        if geteuid() != 0 {
            let folder = try Folder()
            let locked = "\(folder.path)/locked"
            try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: false)
            chmod(locked, 0o555)
            defer { chmod(locked, 0o755) }
            #expect(throws: AtomicFileError.directoryNotWritable(path: locked, errno: EACCES)) {
                try AtomicFileWriter.write([1], to: "\(locked)/x.parquet")
            }
        } else {
            #if os(Linux)
                // Root bypasses permission bits; sysfs still refuses new files.
                #expect(throws: AtomicFileError.directoryNotWritable(path: "/sys", errno: EACCES)) {
                    try AtomicFileWriter.write([1], to: "/sys/x.parquet")
                }
            #endif
        }
    }

    @Test func relativePathsUseTheCurrentFolder() {
        #expect(throws: AtomicFileError.directoryNotFound(path: "no-such-folder-for-parquetkit")) {
            try AtomicFileWriter.write([1], to: "no-such-folder-for-parquetkit/x")
        }
    }
}
