/// One page of a listing and the token that fetches the next one (`nil` on the last page).
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    /// Batch's `odata.nextLink` or Storage's `NextMarker`; pass it to ``PagedSequence/init(startingAt:fetch:)`` to
    /// resume a listing later.
    public var continuationToken: String?

    public init(items: [Item], continuationToken: String?) {
        self.items = items
        self.continuationToken = continuationToken?.isEmpty == true ? nil : continuationToken
    }
}

/// A listing as an `AsyncSequence` of items, fetched page by page on demand.
///
/// ```swift
/// for try await task in batch.listTasks(job: "job-1") { print(task.id) }
/// for try await page in batch.listTasks(job: "job-1").pages {
///     save(page.continuationToken)       // resume later with PagedSequence(startingAt:)
/// }
/// ```
public struct PagedSequence<Item: Sendable>: AsyncSequence, Sendable {
    public typealias Element = Item
    public typealias Fetch = @Sendable (_ continuationToken: String?) async throws -> Page<Item>

    let start: String?
    let fetch: Fetch

    /// - Parameters:
    ///   - startingAt: a continuation token from an earlier page, or `nil` for the first page.
    ///   - fetch: fetches the page that `continuationToken` names.
    public init(startingAt: String? = nil, fetch: @escaping Fetch) {
        self.start = startingAt
        self.fetch = fetch
    }

    /// The same listing page by page.
    public var pages: PageSequence { PageSequence(start: start, fetch: fetch) }

    /// Collects every item (for small listings).
    public func collect() async throws -> [Item] {
        var items: [Item] = []
        for try await page in pages { items += page.items }
        return items
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        var pages: PageSequence.AsyncIterator
        var buffer: [Item] = []
        var index = 0

        public mutating func next() async throws -> Item? {
            while index >= buffer.count {
                guard let page = try await pages.next() else { return nil }
                buffer = page.items
                index = 0
            }
            defer { index += 1 }
            return buffer[index]
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(pages: pages.makeAsyncIterator()) }

    /// The pages of a listing.
    public struct PageSequence: AsyncSequence, Sendable {
        public typealias Element = Page<Item>
        let start: String?
        let fetch: Fetch

        public struct AsyncIterator: AsyncIteratorProtocol {
            let fetch: Fetch
            var token: String?
            var finished = false

            public mutating func next() async throws -> Page<Item>? {
                guard !finished else { return nil }
                try Task.checkCancellation()
                let page = try await fetch(token)
                if let next = page.continuationToken, next == token {
                    // A service bug would otherwise loop forever on the same page.
                    throw AzureClientError.unexpectedResponse(
                        "paging", "the service returned the same continuation token twice ('\(next.prefix(64))')")
                }
                token = page.continuationToken
                finished = token == nil
                return page
            }
        }

        public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(fetch: fetch, token: start) }
    }
}
