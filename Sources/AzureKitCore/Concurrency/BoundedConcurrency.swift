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
        guard !items.isEmpty else { return [] }
        let limit = Swift.max(1, maxConcurrent)
        return try await withThrowingTaskGroup(of: (Int, T).self) { group in
            var results = [T?](repeating: nil, count: items.count)
            var next = 0
            while next < Swift.min(limit, items.count) {
                let index = next
                group.addTask { (index, try await body(items[index])) }
                next += 1
            }
            while let (index, value) = try await group.next() {
                results[index] = value
                if next < items.count {
                    let index = next
                    group.addTask { (index, try await body(items[index])) }
                    next += 1
                }
            }
            let collected = results.compactMap { $0 }
            guard collected.count == items.count else { throw CancellationError() }
            return collected
        }
    }
}
