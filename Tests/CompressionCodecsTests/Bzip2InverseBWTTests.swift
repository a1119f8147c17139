import TestSupport
import Testing

@testable import CompressionCodecs

@Suite("bzip2 inverse-BWT walk")
struct Bzip2InverseBWTTests {
    /// A block's links as the decoder builds them, for a random cycle of `count` rows and random symbols.
    struct Chain {
        var tt: [UInt32]
        var lastToFirst: [UInt32]
        var origin: Int
        var first: Int
        /// The symbols in output order, and the row each is read from.
        var expected: [UInt8]
        var rowOfRank: [Int]

        init(count: Int, seed: UInt64) {
            var random = SeededRandom(seed: seed)
            let order = Array(0..<count).shuffled(using: &random)
            self.init(rowOfRank: order, expected: (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) })
        }

        init(rowOfRank: [Int], expected: [UInt8]) {
            let count = rowOfRank.count
            self.rowOfRank = rowOfRank
            self.expected = expected
            tt = [UInt32](repeating: 0, count: count)
            lastToFirst = [UInt32](repeating: 0, count: count)
            for rank in 0..<count {
                let row = rowOfRank[rank]
                let next = rowOfRank[(rank + 1) % count]
                let previous = rowOfRank[(rank + count - 1) % count]
                tt[row] = UInt32(next << 8) | UInt32(expected[rank])
                lastToFirst[row] = UInt32(previous << 8) | UInt32(expected[rank])
            }
            origin = rowOfRank[count - 1]
            first = rowOfRank[0]
        }

        func walk(split: Int?) -> [UInt8] {
            var tt = tt
            var lastToFirst = lastToFirst
            var symbols = [UInt8](repeating: 0xEE, count: tt.count)
            var scratch = [UInt8](repeating: 0xDD, count: tt.count)
            let count = tt.count
            let (origin, first) = (origin, first)
            tt.withUnsafeMutableBufferPointer { tt in
                lastToFirst.withUnsafeMutableBufferPointer { lastToFirst in
                    symbols.withUnsafeMutableBufferPointer { symbols in
                        scratch.withUnsafeMutableBufferPointer { scratch in
                            if let split {
                                Bzip2InverseBWT.walkFourChains(
                                    tt: tt.baseAddress!, lastToFirst: lastToFirst.baseAddress!, count: count,
                                    origin: origin, first: first, split: split, symbols: symbols.baseAddress!,
                                    scratch: scratch.baseAddress!)
                            } else {
                                Bzip2InverseBWT.walk(
                                    tt: tt.baseAddress!, lastToFirst: lastToFirst.baseAddress!, count: count,
                                    origin: origin, symbols: symbols.baseAddress!, scratch: scratch.baseAddress!)
                            }
                        }
                    }
                }
            }
            return symbols
        }
    }

    /// Every split row of every small block: arcs of every length and parity, including the one-row arcs where
    /// a pair's chains start on the same row (split at rank 1, and at rank n − 2 where the second pair meets at once).
    @Test(arguments: 3...40)
    func fourChainsAgreeForEverySplit(count: Int) {
        let chain = Chain(count: count, seed: UInt64(count))
        for split in 0..<count where split != chain.first && split != chain.origin {
            let rank = chain.rowOfRank.firstIndex(of: split)!
            #expect(chain.walk(split: split) == chain.expected, "count \(count), split at rank \(rank)")
        }
    }

    /// The decoder's entry point: two chains for short blocks, four from `fourChainMinimum` on (a maximum-size
    /// block included), and two again when the middle row happens to be the first or the last symbol's row.
    @Test(arguments: [1, 2, 3, 1000, Bzip2InverseBWT.fourChainMinimum - 1, Bzip2InverseBWT.fourChainMinimum, 900_000])
    func walkEmitsTheBlockInOrder(count: Int) {
        let chain = Chain(count: count, seed: 7)
        #expect(chain.walk(split: nil) == chain.expected)
    }

    @Test func theMiddleRowOnTheFirstOrLastSymbolFallsBackToTwoChains() {
        for (seed, rankOfMiddle) in [(UInt64(1), 0), (2, 0), (3, -1), (4, -1)] {
            var chain = Chain(count: Bzip2InverseBWT.fourChainMinimum, seed: seed)
            // Relabel rows so that the middle row holds the first (rank 0) or the last symbol.
            let middle = chain.tt.count / 2
            let rank = rankOfMiddle >= 0 ? rankOfMiddle : chain.tt.count - 1
            let other = chain.rowOfRank[rank]
            chain = Chain(
                rowOfRank: chain.rowOfRank.map { $0 == middle ? other : $0 == other ? middle : $0 },
                expected: chain.expected)
            #expect(chain.rowOfRank[rank] == middle)
            #expect(chain.walk(split: nil) == chain.expected)
        }
    }

    /// Splits at the ranks next to the ends of a large block, where one arc is a row or two long.
    @Test func fourChainsWithExtremeSplitsInALargeBlock() {
        let chain = Chain(count: 50_000, seed: 11)
        for rank in [1, 2, 3, 24_999, 25_000, 49_996, 49_997, 49_998] {
            #expect(chain.walk(split: chain.rowOfRank[rank]) == chain.expected, "split at rank \(rank)")
        }
    }

    /// A block that repeats a period of p symbols k times: its rows form k cycles of p, and only the cycle
    /// through `origin` is walked (as bzip2 does). Every split either lies on another cycle (its chains never
    /// meet) or on the origin's (the arcs cover p rows, not n): both must give the periodic block.
    @Test(arguments: [(3, 6), (7, 5), (5, 4000), (4096, 4)])
    func severalCyclesGiveThePeriodicBlock(period: Int, repeats: Int) {
        var random = SeededRandom(seed: UInt64(period * repeats))
        let count = period * repeats
        let rows = Array(0..<count).shuffled(using: &random)
        let symbols = (0..<period).map { _ in UInt8.random(in: 0...255, using: &random) }
        var tt = [UInt32](repeating: 0, count: count)
        var lastToFirst = [UInt32](repeating: 0, count: count)
        for cycle in 0..<repeats {
            for step in 0..<period {
                let row = rows[cycle * period + step]
                let next = rows[cycle * period + (step + 1) % period]
                let previous = rows[cycle * period + (step + period - 1) % period]
                tt[row] = UInt32(next << 8) | UInt32(symbols[step])
                lastToFirst[row] = UInt32(previous << 8) | UInt32(symbols[step])
            }
        }
        var chain = Chain(count: 1, seed: 0)
        chain.tt = tt
        chain.lastToFirst = lastToFirst
        chain.origin = rows[period - 1]
        chain.first = rows[0]
        chain.expected = Array((0..<repeats).map { _ in symbols }.joined())
        let splits = count <= 64 ? Array(0..<count) : [count / 2, rows[period / 2], rows[count - 1], rows[period + 1]]
        for split in splits where split != chain.first && split != chain.origin {
            #expect(chain.walk(split: split) == chain.expected, "split \(split)")
        }
        #expect(chain.walk(split: nil) == chain.expected)
    }
}
