// libFuzzer entry point for the bzip2 and gzip decoders.
// It is compiled into DecompressBenchmark only so that it stays type-checked; libFuzzer builds compile it with
// the library sources into one module, where `CompressionCodecs` is not a separate module:
//
//   mkdir -p /tmp/fuzz-corpus && cp Tests/CompressionCodecsTests/Fixtures/*.{bz2,gz} /tmp/fuzz-corpus/
//   swiftc -sanitize=fuzzer,address -parse-as-library -O -swift-version 6 \
//     $(find Sources/CompressionCodecs -name '*.swift') Benchmarks/DecompressBenchmark/FuzzEntryPoint.swift \
//     -o /tmp/fuzz-decompress
//   /tmp/fuzz-decompress /tmp/fuzz-corpus -max_total_time=300 -rss_limit_mb=1024 -timeout=10
//
// The seeded property tests in Tests/CompressionCodecsTests/FuzzTests.swift cover the same ground in every
// `swift test` run (random and mutated inputs, bounded count and size).
#if canImport(CompressionCodecs)
    import CompressionCodecs
#endif

/// Decodes the input as bzip2 (1 and 2 workers) and as gzip, in uneven chunks; only crashes, hangs and
/// excessive memory count as findings. Typed errors are the expected outcome for most inputs.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDecompress(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    for (format, workers) in [(CompressionFormat.bzip2, 1), (.bzip2, 2), (.gzip, 1)] {
        var decoder = format.makeDecompressor(workers: workers)
        var produced = 0
        do {
            var offset = 0
            while offset < input.count {
                let end = min(input.count, offset + 1 + (offset * 7) % 4096)
                try decoder.write(UnsafeRawBufferPointer(rebasing: input[offset..<end])) { produced += $0.count }
                offset = end
            }
            try decoder.finish { produced += $0.count }
        } catch is CompressionError {
            continue
        } catch {
            fatalError("untyped error \(error)")  // a finding: every failure must be a CompressionError
        }
    }
    return 0
}
