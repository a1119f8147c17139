// AzureBlobKit transfer benchmarks.
//
//   swift run -c release --scratch-path .build-release BlobTransferBenchmark --size-mib 1024 [--source file]
//       (`transfer`) upload and download through the engine against the in-memory store, which runs in a child
//       process (`serve`); prints MB/s and peak RSS and checks the memory bound.
//   swift run -c release --scratch-path .build-release BlobTransferBenchmark versus-curl --size-mib 1024
//       downloads one file from a local nginx with curl and with the SDK, alternating.
import ArgumentParser
import AzureBlobKitTesting
import Foundation

@main
struct BlobTransferBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "AzureBlobKit transfer benchmarks.", subcommands: [Transfer.self, VersusCurl.self, Serve.self],
        defaultSubcommand: Transfer.self)
}

/// Writes `size` bytes of the synthetic blob pattern to `url`, 1 MiB at a time.
func writeSyntheticFile(_ url: URL, size: Int) throws {
    _ = FileManager.default.createFile(atPath: url.path, contents: nil)
    let handle = try FileHandle(forWritingTo: url)
    defer { try? handle.close() }
    var offset = 0
    while offset < size {
        let end = min(size, offset + (1 << 20))
        try handle.write(contentsOf: SyntheticContent.bytes(offset..<end))
        offset = end
    }
}

/// Generated 1 MiB chunks of the synthetic pattern, so the source costs no memory.
struct SyntheticChunks: AsyncSequence, Sendable {
    typealias Element = Data
    let total: Int
    let chunk: Int

    struct AsyncIterator: AsyncIteratorProtocol {
        let total: Int
        let chunk: Int
        var offset = 0
        mutating func next() async -> Data? {
            guard offset < total else { return nil }
            let end = Swift.min(total, offset + chunk)
            defer { offset = end }
            return SyntheticContent.bytes(offset..<end)
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(total: total, chunk: chunk) }
}

/// The process's resident memory: the peak since the last reset (VmHWM) and over its lifetime (`ru_maxrss`).
enum PeakMemory {
    /// VmHWM: the peak resident set since start or the last ``reset()``.
    static func current() -> Int? { status("VmHWM:") }

    /// VmRSS: the resident set now.
    static func resident() -> Int? { status("VmRSS:") }

    private static func status(_ field: String) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(field) {
            let digits = line.split(separator: " ").compactMap { Int($0) }
            return digits.first.map { $0 * 1024 }
        }
        return nil
    }

    /// Writing 5 to clear_refs resets VmHWM to the current RSS (Linux 4.0+).
    static func reset() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    /// `getrusage(RUSAGE_SELF).ru_maxrss`: the lifetime peak, which no reset touches.
    static func lifetimeMaximum() -> Int {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss * 1024
    }
}
