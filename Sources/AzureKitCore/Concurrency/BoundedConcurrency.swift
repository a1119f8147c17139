/// Runs `body` for every element with at most `maxConcurrent` child tasks in flight, returning results in
/// input order. The first error cancels the rest and is rethrown.
///
/// ```swift
/// let etags = try await blocks.concurrentMap(maxConcurrent: 8) { block in try await upload(block) }
/// ```
extension Sequence where Element: Sendable {
    public func concurrentMap<T: Sendable>(
        maxConcurrent: Int, _ body: @escaping @Sendable (Element) async throws -> T
    ) async throws -> [T] {
        let items = Array(self)
        var results = [T?](repeating: nil, count: items.count)
        var position = 0
        try await withBoundedTaskGroup(maxInFlight: maxConcurrent) { () -> Int? in
            guard position < items.count else { return nil }
            defer { position += 1 }
            return position
        } run: { index in
            (index, try await body(items[index]))
        } handle: { indexed in
            results[indexed.0] = indexed.1
        }
        let collected = results.compactMap { $0 }
        guard collected.count == items.count else { throw CancellationError() }
        return collected
    }
}
