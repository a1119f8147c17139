import AzureKitCore
import Foundation
import Testing

@Suite("HTTPBody sources")
struct HTTPBodyTests {
    static func chunks(_ parts: [String]) -> AsyncStream<Data> {
        AsyncStream { continuation in
            for part in parts { continuation.yield(Data(part.utf8)) }
            continuation.finish()
        }
    }

    /// A stream factory is asked for a fresh sequence on every attempt, so a retried request resends every byte.
    @Test func streamFactoryIsReplayedOnRetry() async throws {
        let made = Recorder<Int>()
        let body = HTTPBody.stream(length: 9) {
            made.append(1)
            return Self.chunks(["abc", "def", "ghi"])
        }
        let seen = Recorder<Data>()
        let transport = ClosureTransport { request in
            seen.append(try await request.body.collect())
            if seen.values.count == 1 { throw TransportError(kind: .connectionDropped, host: "h", detail: "dropped") }
            return HTTPResponse(status: 201)
        }
        let pipeline = Pipeline(
            profile: .testStorage, credential: .anonymous,
            options: .init(retry: recordingRetry(sleeps: Recorder()), transport: transport))
        let response = try await pipeline.send(
            HTTPRequest(method: .put, url: URL(string: "https://a.blob.core.windows.net/c/b")!, body: body),
            operation: "Blob_Upload")
        #expect(response.status == 201)
        #expect(seen.values == [Data("abcdefghi".utf8), Data("abcdefghi".utf8)])
        #expect(made.values.count == 2)
    }

    @Test func oneShotChunksAreReadOnceThenRefused() async throws {
        let body = HTTPBody.oneShot(length: nil, chunks: Self.chunks(["x", "y"]))
        #expect(!body.isReplayable)
        #expect(try await body.collect() == Data("xy".utf8))
        await #expect(throws: AzureClientError.self) { _ = try await body.collect() }
    }

    /// In-memory bodies are handed to transports in slices of ``HTTPBody/chunkSize`` that share the bytes.
    @Test func dataIsChunkedWithoutLosingBytes() async throws {
        let data = Data((0..<(2 * HTTPBody.chunkSize + 5)).map { UInt8(truncatingIfNeeded: $0) })
        var sizes: [Int] = []
        var joined = Data()
        for try await chunk in try HTTPBody.data(data).chunks() {
            sizes.append(chunk.count)
            joined.append(chunk)
        }
        #expect(sizes == [HTTPBody.chunkSize, HTTPBody.chunkSize, 5])
        #expect(joined == data)
        #expect(try await HTTPBody.empty.chunks().reduce(0) { $0 + $1.count } == 0)
    }
}
