import AzureKitCore
import Foundation
import Testing

@Suite("Paging")
struct PagingTests {
    /// Three pages: tokens nil → "p2" → "p3" → end.
    static func listing(calls: Recorder<String?>) -> PagedSequence<Int>.Fetch {
        { token in
            calls.append(token)
            switch token {
            case nil: return Page(items: [1, 2], continuationToken: "p2")
            case "p2": return Page(items: [], continuationToken: "p3")
            case "p3": return Page(items: [3], continuationToken: "")
            default: throw AzureClientError(.invalidArgument, "unknown token \(token ?? "")")
            }
        }
    }

    @Test func iteratesItemsAcrossPagesIncludingEmptyOnes() async throws {
        let calls = Recorder<String?>()
        var items: [Int] = []
        for try await item in PagedSequence(fetch: Self.listing(calls: calls)) { items.append(item) }
        #expect(items == [1, 2, 3])
        #expect(calls.values == [nil, "p2", "p3"])
    }

    @Test func exposesPagesAndTokens() async throws {
        var tokens: [String?] = []
        for try await page in PagedSequence(fetch: Self.listing(calls: Recorder())).pages {
            tokens.append(page.continuationToken)
        }
        #expect(tokens == ["p2", "p3", nil])
    }

    @Test func resumesFromAToken() async throws {
        let calls = Recorder<String?>()
        let items = try await PagedSequence(startingAt: "p2", fetch: Self.listing(calls: calls)).collect()
        #expect(items == [3])
        #expect(calls.values == ["p2", "p3"])
    }

    @Test func fetchesLazily() async throws {
        let calls = Recorder<String?>()
        var iterator = PagedSequence(fetch: Self.listing(calls: calls)).makeAsyncIterator()
        #expect(try await iterator.next() == 1)
        #expect(try await iterator.next() == 2)
        #expect(calls.values.count == 1)
    }

    @Test func repeatedTokenIsAnErrorNotAnEndlessLoop() async throws {
        let sequence = PagedSequence<Int> { _ in Page(items: [1], continuationToken: "same") }
        let error = await #expect(throws: AzureClientError.self) {
            _ = try await sequence.collect()
        }
        #expect(error?.kind == .unexpectedResponse)
    }

    @Test func errorsPropagate() async throws {
        let sequence = PagedSequence<Int>(startingAt: "bogus", fetch: Self.listing(calls: Recorder()))
        await #expect(throws: AzureClientError.self) { _ = try await sequence.collect() }
    }
}
