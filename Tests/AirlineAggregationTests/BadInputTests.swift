import Foundation
import Testing

@testable import AirlineAggregation

@Suite("Bad input: typed errors with file, line and cause; no output left behind")
struct BadInputTests {
    static let spec = AggregateSpec {
        GroupBy("k")
        Average("v")
    }

    static func failure(_ text: String, spec: AggregateSpec = spec, options: AggregationOptions = .init(workers: 2))
        async -> AggregationError?
    {
        do {
            _ = try await Aggregation.run(from: .bytes(Array(text.utf8), name: "bad.csv"), spec, options: options)
            return nil
        } catch let error as AggregationError {
            return error
        } catch {
            Issue.record("untyped error \(error)")
            return nil
        }
    }

    @Test func emptyInput() async {
        let error = await Self.failure("")
        #expect(error?.kind == .emptyInput)
        #expect(error?.file == "bad.csv")
    }

    @Test func headerOnlySucceedsWithZeroRows() async throws {
        for text in ["k,v", "k,v\n", "k,v\r\n"] {
            let summary = try await Aggregation.run(from: .bytes(Array(text.utf8)), Self.spec)
            #expect(summary.rowsRead == 0)
            #expect(summary.result.rowCount == 0)
            #expect(summary.result.columns.map(\.name) == ["k", "avg(v)"])
        }
    }

    @Test(arguments: [("k,v\n1,2\n1\n", 3), ("k,v\n1,2\n1,2,3\n", 3), ("k,v\n\"1\",\"2\"\r\n1,2,3\r\n", 3)])
    func wrongFieldCount(_ text: String, line: Int) async {
        let error = await Self.failure(text)
        #expect(error?.kind == .malformedRow)
        #expect(error?.line == line)
        #expect(error?.message.contains("expected 2 fields") == true)
    }

    @Test func skipMalformedCountsSkippedRows() async throws {
        let text = "k,v\n1,2\n1\n1,2,3\n1,x\n1,4\n"
        let summary = try await Aggregation.run(
            from: .bytes(Array(text.utf8)), Self.spec, options: .init(skipMalformed: true))
        #expect(summary.rowsSkipped == 3)
        #expect(summary.rowsRead == 2)
        #expect(summary.result["avg(v)"]?.values == .double([3]))
    }

    @Test func nonNumericValueNamesLineColumnAndValue() async {
        var text = "k,v\n"
        for _ in 0..<1_000 { text += "1,2\n" }
        text += "1,abc\n"
        let error = await Self.failure(text, options: .init(workers: 2, chunkSize: 256))
        #expect(error?.kind == .invalidNumber)
        #expect(error?.line == 1_002)
        #expect(error?.column == "v")
        #expect(error?.message.contains("abc") == true)
        #expect(error?.byteOffset == 4 + 4 * 1_000 + 2)
    }

    @Test func firstErrorInInputOrderWins() async {
        var text = "k,v\n"
        for index in 0..<2_000 { text += index == 10 ? "1\n" : (index == 1_500 ? "1,x\n" : "1,2\n") }
        for _ in 0..<5 {
            let error = await Self.failure(text, options: .init(workers: 2, chunkSize: 64))
            #expect(error?.kind == .malformedRow)
            #expect(error?.line == 12)
        }
    }

    @Test func keyOutsideInt32MakesATextKeyColumn() async throws {
        let summary = try await Aggregation.run(from: .bytes(Array("k,v\n3000000000,1\n7,2\n".utf8)), Self.spec)
        #expect(summary.result["k"]?.values == .string(["7", "3000000000"]))  // numbers before text, as spelled
    }

    @Test func unterminatedQuoteAtEndOfInput() async {
        let error = await Self.failure("k,v\n1,2\n1,\"3\n4\n")
        #expect(error?.kind == .unterminatedQuote)
        #expect(error?.line == 3)
        #expect(error?.byteOffset == 10)
        let inHeader = await Self.failure("k,\"v\n1,2\n")
        #expect(inHeader?.kind == .unterminatedQuote)
    }

    @Test func missingColumnListsTheAvailableOnes() async {
        let error = await Self.failure(
            "k,v\n1,2\n",
            spec: AggregateSpec {
                GroupBy("k")
                Average("ArrDelay")
            })
        #expect(error?.kind == .unknownColumn)
        #expect(error?.column == "ArrDelay")
        #expect(error?.message.contains("available columns: k, v") == true)
    }

    @Test func missingInputFile() async {
        do {
            _ = try await Aggregation.run(from: .file("/nonexistent/in.csv"), Self.spec)
            Issue.record("no error")
        } catch let error as AggregationError {
            #expect(error.kind == .inputUnreadable)
            #expect(error.file == "/nonexistent/in.csv")
        } catch {
            Issue.record("untyped \(error)")
        }
    }

    @Test func outputFolderMissingOrUnwritable() async throws {
        let missing = "/nonexistent-\(UUID().uuidString)/out.parquet"
        do {
            _ = try await Aggregation.run(from: .bytes(Array("k,v\n1,2\n".utf8)), Self.spec, into: .parquet(missing))
            Issue.record("no error")
        } catch let error as AggregationError {
            #expect(error.kind == .outputUnwritable)
            #expect(error.message.contains("does not exist"))
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ro-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path) }
        if access(folder.path, W_OK) == 0 { return }  // running as root: permissions do not apply
        do {
            _ = try await Aggregation.run(
                from: .bytes(Array("k,v\n1,2\n".utf8)), Self.spec, into: .parquet(folder.path + "/out.parquet"))
            Issue.record("no error")
        } catch let error as AggregationError {
            #expect(error.kind == .outputUnwritable)
        }
    }

    @Test func failedRunLeavesNoOutput() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for output in [AggregationOutput.parquet(folder.path + "/out.parquet"), .sparkDirectory(folder.path + "/dir")] {
            do {
                _ = try await Aggregation.run(from: .bytes(Array("k,v\n1,x\n".utf8)), Self.spec, into: output)
                Issue.record("no error")
            } catch let error as AggregationError {
                #expect(error.kind == .invalidNumber)
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        }
    }
}

extension BadInputTests {
    @Test func lineNumbersCountNewlinesInsideQuotes() async {
        let error = await Self.failure("k,v,t\n1,2,\"a\nb\"\n1,2\n", spec: Self.spec)
        #expect(error?.kind == .malformedRow)
        #expect(error?.line == 4)
        #expect(error?.message.contains("expected 3 fields, found 2") == true)
    }
}
