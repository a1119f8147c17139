import ArgumentParser
import CompressionCodecs
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// User + system CPU seconds of this process (`self`) or of its finished children.
func cpuSeconds(children: Bool) -> Double {
    var usage = rusage()
    getrusage(children ? Int32(RUSAGE_CHILDREN.rawValue) : Int32(RUSAGE_SELF.rawValue), &usage)
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// Times this package's decoders against the system tools on the same file, in one run, all output discarded
/// (the Swift decoder's output is only counted and CRC-32'd).
///
/// ```
/// swift build -c release --product DecompressBenchmark --scratch-path .build-release
/// .build-release/release/DecompressBenchmark /tmp/airline.csv.bz2            # workers 1 and 2, bzip2, lbzip2
/// .build-release/release/DecompressBenchmark /tmp/airline.csv.gz --workers 1  # gzip -dc
/// ```
///
/// `lbzip2` is optional (`apt-get install -y lbzip2`); a missing tool is reported and skipped. Wall time and CPU
/// time (user + system, from `getrusage`) are both printed: on a shared machine the CPU-time ratio is the stable
/// measure of decoder efficiency, wall time shows what parallelism bought. Any airline-like CSV compressed with
/// `bzip2 -9` makes a test file. The libFuzzer target is described in FuzzEntryPoint.swift.
@main
struct DecompressBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Times the pure-Swift bzip2/gzip decoders against bzip2 -dc, lbzip2 -dc and gzip -dc.")

    @Argument(help: "A .bz2 or .gz file (format detected from its magic bytes).")
    var file: String

    @Option(name: .long, help: "Worker counts to time (repeatable).")
    var workers: [Int] = [1, 2]

    @Option(name: .customLong("chunk-kib"), help: "Read chunk size in KiB (how the input is fed to the streaming decoder).")
    var chunkKiB = 1024

    @Flag(name: .long, help: "Skip the system tools.")
    var skipTools = false

    func run() throws {
        let format = try detectFormat()
        print("file: \(file)  format: \(format)")
        var rows: [(String, Double)] = []
        var cpuRows: [(String, Double)] = []
        for count in workers {
            let cpuStart = cpuSeconds(children: false)
            let (seconds, bytes, crc) = try timeSwift(format: format, workers: count)
            let cpu = cpuSeconds(children: false) - cpuStart
            print(String(format: "swift workers=%d: %.3f s wall, %.3f s CPU  (%d bytes out, crc32 %08x)",
                         count, seconds, cpu, bytes, crc))
            rows.append(("swift workers=\(count)", seconds))
            cpuRows.append(("swift workers=\(count)", cpu))
        }
        if !skipTools {
            let tools: [(String, [String])] = format == .gzip
                ? [("gzip -dc", ["gzip", "-dc"])]
                : [("bzip2 -dc", ["bzip2", "-dc"]), ("lbzip2 -dc -n 2", ["lbzip2", "-dc", "-n", "2"])]
            for (name, command) in tools {
                let cpuStart = cpuSeconds(children: true)
                guard let seconds = try timeTool(command) else {
                    print("\(name): not installed")
                    continue
                }
                let cpu = cpuSeconds(children: true) - cpuStart
                print(String(format: "%@: %.3f s wall, %.3f s CPU", name, seconds, cpu))
                rows.append((name, seconds))
                cpuRows.append((name, cpu))
            }
        }
        print("\nwall-time ratios (< 1 means the Swift decoder is faster):")
        printRatios(rows)
        print("CPU-time ratios (total work; fairer than wall time on a loaded machine):")
        printRatios(cpuRows)
    }

    private func printRatios(_ rows: [(String, Double)]) {
        for (name, seconds) in rows where name.hasPrefix("swift") {
            for (tool, toolSeconds) in rows where !tool.hasPrefix("swift") {
                print(String(format: "  %@ vs %@: %.2fx", name, tool, seconds / toolSeconds))
            }
        }
    }

    private func detectFormat() throws -> CompressionFormat {
        guard let handle = FileHandle(forReadingAtPath: file) else { throw ValidationError("cannot open \(file)") }
        defer { try? handle.close() }
        let prefix = handle.readData(ofLength: CompressionFormat.detectionPrefixLength)
        return CompressionFormat.detect([UInt8](prefix))
    }

    private func timeSwift(format: CompressionFormat, workers: Int) throws -> (Double, Int, UInt32) {
        guard let handle = FileHandle(forReadingAtPath: file) else { throw ValidationError("cannot open \(file)") }
        defer { try? handle.close() }
        var decoder = format.makeDecompressor(workers: workers)
        var total = 0
        var crc = CRC32()
        let start = DispatchTime.now()
        while true {
            let chunk = handle.readData(ofLength: chunkKiB * 1024)
            if chunk.isEmpty { break }
            try chunk.withUnsafeBytes { bytes in
                try decoder.write(bytes) { out in
                    total += out.count
                    crc.update(out)
                }
            }
        }
        try decoder.finish { out in
            total += out.count
            crc.update(out)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return (seconds, total, crc.value)
    }

    /// Runs `command file > /dev/null`; nil when the tool is not on PATH.
    private func timeTool(_ command: [String]) throws -> Double? {
        let which = Process()
        which.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        which.arguments = ["which", command[0]]
        which.standardOutput = FileHandle.nullDevice
        which.standardError = FileHandle.nullDevice
        try which.run()
        which.waitUntilExit()
        guard which.terminationStatus == 0 else { return nil }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command + [file]
        process.standardOutput = FileHandle.nullDevice
        let start = DispatchTime.now()
        try process.run()
        process.waitUntilExit()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        guard process.terminationStatus == 0 else {
            throw ValidationError("\(command.joined(separator: " ")) exited with \(process.terminationStatus)")
        }
        return seconds
    }
}
