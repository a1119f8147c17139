import Testing

@testable import AirlineAggregation

/// The reader cuts chunks at buffer boundaries; every boundary position must give the same answer.
@Suite("Chunk boundaries")
struct ChunkBoundaryTests {
    /// Quotes with delimiters and newlines inside, CRLF, a BOM, NA and empty nulls, no final newline.
    static let tricky = Array(
        ("\u{FEFF}Year,\"Label, with comma\",Month,ArrDelay,DepDelay\r\n"
            + "2007,\"a\",1,10,5\r\n"
            + "2007,\"multi\nline, \"\"quoted\"\"\",1,NA,-3\r\n"
            + "2007,plain,2,\"7\",\r\n"
            + "2007,\"\",2,-1.5,4\r\n"
            + "\r\n"
            + "2008,\"x\"\"y\",1,2,2\r\n"
            + "2007,z,1,3,\"NA\"").utf8)

    static let spec = AggregateSpec {
        GroupBy("year", "MONTH")
        Average("ArrDelay", as: "a")
        Sum("DepDelay", as: "s")
        Count("ArrDelay", as: "c")
        CountAll(as: "n")
        Min("ArrDelay", as: "lo")
        Max("DepDelay", as: "hi")
    }

    @Test func referenceAgreesOnTheTrickyInput() async throws {
        let reference = ReferenceAggregator().run(Self.tricky, Self.spec)
        guard case .table(let table, let rows, _) = reference else {
            Issue.record("reference failed: \(reference)")
            return
        }
        #expect(rows == 6)
        #expect(table.rowCount == 3)
        #expect(table["a"]?.values == .double([(10.0 + 3) / 2, (7 - 1.5) / 2, 2]))
    }

    @Test(arguments: [1, 2])
    func everyChunkSizeGivesTheSameResult(workers: Int) async {
        let expected = ReferenceAggregator().run(Self.tricky, Self.spec)
        for chunkSize in 1...(Self.tricky.count + 1) {
            let options = AggregationOptions(workers: WorkerCount(workers), chunkSize: chunkSize)
            let got = await kernelOutcome(Self.tricky, Self.spec, options: options)
            #expect(outcomesAgree(got, expected), "chunk size \(chunkSize): \(got)")
        }
    }

    @Test func everyReadSizeGivesTheSameResult() async {
        let expected = ReferenceAggregator().run(Self.tricky, Self.spec)
        for readSize in 1...17 {
            let got = await kernelOutcome(
                Self.tricky, Self.spec, options: .init(workers: 2, chunkSize: 32), maximumRead: readSize)
            #expect(outcomesAgree(got, expected), "read size \(readSize)")
        }
    }

    @Test func recordsLongerThanTheBufferGrowIt() async throws {
        let long = String(repeating: "x", count: 5_000)
        let csv = Array("k,v,t\n1,2,\"\(long)\"\n1,3,\(long)\n".utf8)
        let summary = try await Aggregation.run(
            from: .bytes(csv),
            AggregateSpec {
                GroupBy("k")
                Sum("v")
            }, options: .init(workers: 2, chunkSize: 64))
        #expect(summary.result["sum(v)"]?.values == .int64([5]))
    }
}
