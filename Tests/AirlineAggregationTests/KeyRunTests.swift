import Testing

@testable import AirlineAggregation

/// Sorted input takes the key-run path (records whose key bytes repeat skip key decoding); every way a run can
/// start, break or end must give the reference's answer.
@Suite("Key runs on sorted input")
struct KeyRunTests {
    static let spec = AggregateSpec {
        GroupBy("y", "m")
        Average("v", as: "a")
        Sum("m", as: "m_sum")  // a key that is also a value: reused, not re-read, within a run
        CountAll(as: "n")
    }

    /// Sorted keys in runs of `run` records, with `noise` inserted between some of them.
    static func input(run: Int, noise: [String]) -> [UInt8] {
        var lines = ["y,m,v,t"]
        var position = 0
        for year in [2007, 2008] {
            for month in 1...4 {
                for index in 0..<run {
                    lines.append("\(year),\(month),\(index % 7 - 3),x\(index)")
                    if index % 5 == 2, !noise.isEmpty {
                        lines.append(noise[position % noise.count])
                        position += 1
                    }
                }
            }
        }
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    static let noiseCases: [[String]] = [
        [],
        ["2007,1,NA,n"],  // a null value inside a run
        ["2007,01,5,z"],  // same key value, different bytes: a new run that lands in the same group
        ["2007,12,5,z", "2007,1,"],  // the run's key bytes as a prefix of other keys (and of a short record)
        ["2007,1,5"],  // a short record (skipped with skipMalformed)
        ["2007,x,5,z"],  // a bad key (skipped): must not start a run
        ["2007,1,y,z"],  // a bad value inside a run (skipped)
        ["", "2008,4,1,last"],  // blank lines
    ]

    @Test(arguments: noiseCases.indices)
    func runsAgreeWithTheReference(noiseCase: Int) async {
        let bytes = Self.input(run: 40, noise: Self.noiseCases[noiseCase])
        for skipMalformed in [false, true] {
            let expected = ReferenceAggregator(skipMalformed: skipMalformed).run(bytes, Self.spec)
            for chunkSize in [64, 333, 100_000] {
                let got = await kernelOutcome(
                    bytes, Self.spec, options: .init(workers: 2, skipMalformed: skipMalformed, chunkSize: chunkSize))
                #expect(outcomesAgree(got, expected), "skipMalformed \(skipMalformed), chunk \(chunkSize): \(got)")
            }
        }
    }

    @Test func sameBytesComparesExactlyTheSpan() {
        let left = Array("2007,1,1,a-------------------------".utf8) + [UInt8](repeating: 0, count: 64)
        let right = Array("2007,1,1,b-------------------------".utf8) + [UInt8](repeating: 0, count: 64)
        left.withUnsafeBufferPointer { l in
            right.withUnsafeBufferPointer { r in
                for count in 0...9 { #expect(ChunkParser.sameBytes(l.baseAddress!, r.baseAddress!, count: count)) }
                for count in 10...30 { #expect(!ChunkParser.sameBytes(l.baseAddress!, r.baseAddress!, count: count)) }
                #expect(ChunkParser.sameBytes(l.baseAddress! + 10, r.baseAddress! + 10, count: 24))
            }
        }
    }
}
