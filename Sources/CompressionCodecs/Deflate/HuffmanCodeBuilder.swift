/// Builds length-limited canonical Huffman codes for the deflate encoder.
enum HuffmanCodeBuilder {
    /// Code lengths for `frequencies`, none longer than `limit`. Unused symbols get 0; a lone used symbol gets
    /// length 1. Over-long trees are fixed by flattening the frequencies and rebuilding, which always converges.
    static func lengths(for frequencies: [Int], limit: Int) -> [UInt8] {
        var weights = frequencies
        while true {
            let lengths = unlimitedLengths(weights)
            if (lengths.max() ?? 0) <= UInt8(limit) { return lengths }
            weights = weights.map { $0 == 0 ? 0 : max(1, $0 >> 1) }
        }
    }

    private static func unlimitedLengths(_ weights: [Int]) -> [UInt8] {
        var lengths = [UInt8](repeating: 0, count: weights.count)
        let used = weights.indices.filter { weights[$0] > 0 }
        if used.isEmpty { return lengths }
        if used.count == 1 {
            lengths[used[0]] = 1
            return lengths
        }
        // Nodes: leaves first, then internal nodes; parent links give each leaf's depth.
        var nodeWeight = used.map { weights[$0] }
        var parent = [Int](repeating: -1, count: used.count * 2)
        var heap = Array(0..<used.count)
        func less(_ a: Int, _ b: Int) -> Bool {
            nodeWeight[a] != nodeWeight[b] ? nodeWeight[a] < nodeWeight[b] : a < b
        }
        func siftDown(_ start: Int) {
            var index = start
            while true {
                let left = 2 * index + 1
                guard left < heap.count else { return }
                var smallest = left
                if left + 1 < heap.count && less(heap[left + 1], heap[left]) { smallest = left + 1 }
                guard less(heap[smallest], heap[index]) else { return }
                heap.swapAt(index, smallest)
                index = smallest
            }
        }
        func pop() -> Int {
            let top = heap[0]
            heap[0] = heap[heap.count - 1]
            heap.removeLast()
            siftDown(0)
            return top
        }
        func push(_ node: Int) {
            heap.append(node)
            var index = heap.count - 1
            while index > 0 {
                let up = (index - 1) / 2
                guard less(heap[index], heap[up]) else { return }
                heap.swapAt(index, up)
                index = up
            }
        }
        for index in stride(from: heap.count / 2, through: 0, by: -1) { siftDown(index) }
        while heap.count > 1 {
            let a = pop()
            let b = pop()
            let node = nodeWeight.count
            nodeWeight.append(nodeWeight[a] + nodeWeight[b])
            parent[a] = node
            parent[b] = node
            push(node)
        }
        for (leaf, symbol) in used.enumerated() {
            var depth = 0
            var node = leaf
            while parent[node] >= 0 {
                node = parent[node]
                depth += 1
            }
            lengths[symbol] = UInt8(min(depth, 255))
        }
        return lengths
    }

    /// Canonical codes for `lengths` (each ≤ 15), bit-reversed for an LSB-first writer.
    static func reversedCodes(_ lengths: [UInt8]) -> [UInt32] {
        let code = lengths.withUnsafeBufferPointer { CanonicalHuffmanCode(lengths: $0, maxLength: 15) }
        guard let codes = code?.codes else { return [UInt32](repeating: 0, count: lengths.count) }
        return zip(codes, lengths).map { UInt32(DeflateHuffmanDecoder.reverse($0, Int($1))) }
    }
}
