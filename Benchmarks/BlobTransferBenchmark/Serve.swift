import ArgumentParser
import AzureBlobKitTesting
import Foundation

/// `serve`: the in-memory Blob store (uploads discarded, one synthetic blob to download) behind a loopback server,
/// run as its own process so the measuring process's peak RSS is the SDK's alone. Prints the port on the first
/// line of stdout and serves until stdin closes (the parent exiting closes it too).
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serves the in-memory Blob store on 127.0.0.1 until stdin closes (used by `transfer`).")

    @Option(name: .customLong("size-mib"), help: "Length of bench/download.bin in MiB.") var sizeMiB = 1024

    func run() async throws {
        let store = InMemoryBlobStore(discardsUploadedBytes: true)
        store.putSynthetic(container: "bench", name: "download.bin", length: sizeMiB << 20)
        let server = try await store.startLoopbackServer()
        FileHandle.standardOutput.write(Data("\(server.port)\n".utf8))
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread {
                var byte: UInt8 = 0
                while read(STDIN_FILENO, &byte, 1) > 0 {}
                continuation.resume()
            }
        }
        FileHandle.standardError.write(
            Data("serve: peak RSS \(PeakMemory.current().map { $0 >> 20 } ?? -1) MiB\n".utf8))
        await server.shutdown()
    }
}

/// This executable started again as `serve` in a child process.
final class ServerProcess: @unchecked Sendable {
    // Started in init, stopped once by the connection's shutdown.
    let port: Int
    private let process: Process
    private let input: Pipe

    init(sizeMiB: Int) throws {
        guard let executable = Bundle.main.executableURL else { throw ValidationError("cannot locate this executable") }
        process = Process()
        process.executableURL = executable
        process.arguments = ["serve", "--size-mib", String(sizeMiB)]
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), let first = byte.first,
            first != UInt8(ascii: "\n")
        {
            line.append(first)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            process.terminate()
            throw ValidationError(
                "the server process did not report a port (got '\(String(decoding: line, as: UTF8.self))')")
        }
        self.port = port
    }

    /// Closes the child's stdin and waits for it to exit.
    func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
