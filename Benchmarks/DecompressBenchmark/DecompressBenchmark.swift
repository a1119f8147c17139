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
/// (the Swift decoder's output is only counted and CRC-32'd). Every decoder runs once per round, in the same order,
/// so a slow phase of a shared machine hits all of them; medians, ranges and per-round ratios are printed.
///
/// ```
/// swift build -c release --product DecompressBenchmark --scratch-path .build-release
/// .build-release/release/DecompressBenchmark /tmp/airline.csv.bz2 --rounds 5  # workers 1 and 2, bzip2, lbzip2
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

    @Option(
        name: .customLong("chunk-kib"), help: "Read chunk size in KiB (how the input is fed to the streaming decoder).")
    var chunkKiB = 1024

    @Flag(name: .long, help: "Skip the system tools.")
    var skipTools = false

    @Option(name: .long, help: "Rounds: every decoder runs once per round, in the same order (alternating).")
    var rounds = 3

    func run() throws {
        let format = try detectFormat()
        print("file: \(file)  format: \(format)  rounds: \(rounds)")
        let tools: [(String, [String])] =
            skipTools
            ? []
            : format == .gzip
                ? [("gzip -dc", ["gzip", "-dc"])]
                : [("bzip2 -dc", ["bzip2", "-dc"]), ("lbzip2 -dc -n 2", ["lbzip2", "-dc", "-n", "2"])]
        let installed = try tools.filter { tool in
            let found = try isInstalled(tool.1[0])
            if !found { print("\(tool.0): not installed") }
            return found
        }
        var runs: [String: [(wall: Double, cpu: Double)]] = [:]
        var names: [String] = []
        func record(_ name: String, _ wall: Double, _ cpu: Double) {
            if runs[name] == nil { names.append(name) }
            runs[name, default: []].append((wall, cpu))
            print(String(format: "  %@: %.3f s wall, %.3f s CPU", name, wall, cpu))
        }
        for round in 1...max(1, rounds) {
            print("round \(round)")
            for count in workers {
                let cpuStart = cpuSeconds(children: false)
                let (seconds, bytes, crc) = try timeSwift(format: format, workers: count)
                record("swift workers=\(count)", seconds, cpuSeconds(children: false) - cpuStart)
                if round == 1 { print(String(format: "    (%d bytes out, crc32 %08x)", bytes, crc)) }
            }
            for (name, command) in installed {
                let cpuStart = cpuSeconds(children: true)
                let seconds = try timeTool(command)
                record(name, seconds, cpuSeconds(children: true) - cpuStart)
            }
        }
        print("\nmedian [min–max] over \(max(1, rounds)) alternating rounds:")
        for name in names {
            let values = runs[name]!
            print("  \(name): wall \(Self.spread(values.map(\.wall))) s, CPU \(Self.spread(values.map(\.cpu))) s")
        }
        print(String(format: "  peak RSS of this process (the Swift decoders): %.0f MB", peakResidentMegabytes()))
        print(
            "speed-up of each Swift decoder over each tool (tool time / Swift time, per round; > 1: Swift is faster):")
        for name in names where name.hasPrefix("swift") {
            for tool in names where !tool.hasPrefix("swift") {
                let pairs = zip(runs[tool]!, runs[name]!)
                let wall = Self.spread(pairs.map { $0.wall / $1.wall }, digits: 2)
                let cpu = Self.spread(pairs.map { $0.cpu / $1.cpu }, digits: 2)
                print("  \(name) vs \(tool): wall \(wall)x, CPU \(cpu)x")
            }
        }
    }

    /// "median [min–max]" of the values.
    static func spread(_ values: [Double], digits: Int = 3) -> String {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        let median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        let format = "%.\(digits)f"
        return String(format: format, median) + " [" + String(format: format, sorted.first!) + "–"
            + String(format: format, sorted.last!) + "]"
    }

    private func peakResidentMegabytes() -> Double {
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024
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

    private func isInstalled(_ tool: String) throws -> Bool {
        let which = Process()
        which.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        which.arguments = ["which", tool]
        which.standardOutput = FileHandle.nullDevice
        which.standardError = FileHandle.nullDevice
        try which.run()
        which.waitUntilExit()
        return which.terminationStatus == 0
    }

    /// Runs `command file > /dev/null` and returns its wall time.
    private func timeTool(_ command: [String]) throws -> Double {
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
