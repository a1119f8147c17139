/// The inverse-BWT walk of one block: follows the chain of rows to emit the block's symbols in order.
///
/// Input, as `Bzip2BlockDecoder` links it: `tt[row]` = next row << 8 | L[row] (forwards; row `origin`'s
/// successor holds the first symbol) and `lastToFirst[row]` = previous row << 8 | L[row] (backwards; L[origin]
/// is the last symbol). Each step is one dependent load into a 3.6 MB array, so the walk waits on cache misses;
/// independent chains walked in lockstep overlap their misses. Two chains (forwards and backwards from `origin`)
/// need nothing else; four (``walkFourChains(tt:lastToFirst:count:origin:first:split:symbols:scratch:)``)
/// also start at an arbitrary row, whose place in the output is known only once the walk is done.
enum Bzip2InverseBWT {
    /// Blocks shorter than this are walked with two chains (the bookkeeping of four does not pay off).
    static let fourChainMinimum = 1 << 14

    /// Writes the block's `count` symbols to `symbols`; `scratch` (at least `count` bytes) is clobbered.
    static func walk(
        tt: UnsafeMutablePointer<UInt32>, lastToFirst: UnsafeMutablePointer<UInt32>, count: Int, origin: Int,
        symbols: UnsafeMutablePointer<UInt8>, scratch: UnsafeMutablePointer<UInt8>
    ) {
        let first = Int(tt[origin] >> 8)
        let split = count >> 1
        if count >= fourChainMinimum && split != first && split != origin {
            walkFourChains(
                tt: tt, lastToFirst: lastToFirst, count: count, origin: origin, first: first, split: split,
                symbols: symbols, scratch: scratch)
        } else {
            walkTwoChains(tt: tt, lastToFirst: lastToFirst, count: count, origin: origin, symbols: symbols)
        }
    }

    /// Forwards from the first symbol and backwards from the last, each chain filling its half of `symbols`.
    static func walkTwoChains(
        tt: UnsafeMutablePointer<UInt32>, lastToFirst: UnsafeMutablePointer<UInt32>, count: Int, origin: Int,
        symbols: UnsafeMutablePointer<UInt8>
    ) {
        var forward = Int(tt[origin] >> 8)
        var backward = origin
        var front = 0
        var back = count &- 1
        let half = count >> 1
        while front < half {
            let next = tt[forward]
            let previous = lastToFirst[backward]
            symbols[front] = UInt8(truncatingIfNeeded: next)
            symbols[back] = UInt8(truncatingIfNeeded: previous)
            forward = Int(next >> 8)
            backward = Int(previous >> 8)
            front &+= 1
            back &-= 1
        }
        if back == front { symbols[back] = UInt8(truncatingIfNeeded: lastToFirst[backward]) }
    }

    /// Four chains, so four cache misses overlap instead of two.
    ///
    /// Row `split` (neither `first` nor `origin`) sits at an unknown rank r of the output. The chains run in two
    /// pairs, each closing one arc of the cycle from both ends: forwards from the first symbol and backwards from
    /// rank r − 1 fill [0, r); forwards from r and backwards from the last symbol fill [r, n). A pair is done when
    /// its chains meet (the forward chain reaches the row the backward one is on, or has just left), so r is
    /// known only at the end: the two chains that start at `split` write into `scratch`, from its front and its
    /// back, and their bytes are moved into place afterwards.
    static func walkFourChains(
        tt: UnsafeMutablePointer<UInt32>, lastToFirst: UnsafeMutablePointer<UInt32>, count: Int, origin: Int,
        first: Int, split: Int, symbols: UnsafeMutablePointer<UInt8>, scratch: UnsafeMutablePointer<UInt8>
    ) {
        let last = count &- 1
        // Pair 1: `a` forwards into symbols[0...], `d` backwards into scratch[last...].
        // Pair 2: `c` forwards into scratch[0...], `b` backwards into symbols[last...].
        var a = first
        var d = Int(lastToFirst[split] >> 8)
        var c = split
        var b = origin
        // All four chains take the same number of steps until a pair is done; no more than a quarter of the block
        // each, so that a block whose rows form several cycles (a periodic block) cannot run them past its end.
        let quarter = count >> 2
        var steps = 0
        var firstOpen = true
        var secondOpen = true
        while a != d && c != b && steps < quarter {
            let nextA = tt[a]
            let nextD = lastToFirst[d]
            let nextC = tt[c]
            let nextB = lastToFirst[b]
            symbols[steps] = UInt8(truncatingIfNeeded: nextA)
            scratch[last &- steps] = UInt8(truncatingIfNeeded: nextD)
            scratch[steps] = UInt8(truncatingIfNeeded: nextC)
            symbols[last &- steps] = UInt8(truncatingIfNeeded: nextB)
            steps &+= 1
            let newA = Int(nextA >> 8)
            let newC = Int(nextC >> 8)
            // The forward chain now stands on the row the backward chain has just emitted: the arc is complete.
            firstOpen = newA != d
            secondOpen = newC != b
            a = newA
            d = Int(nextD >> 8)
            c = newC
            b = Int(nextB >> 8)
            if !(firstOpen && secondOpen) { break }
        }
        var aCount = steps
        var dCount = steps
        var cCount = steps
        var bCount = steps
        var budget = count &- 4 &* steps
        let closed =
            (!firstOpen
                || closeArc(
                    tt: tt, lastToFirst: lastToFirst, forward: a, forwardOutput: symbols, forwardCount: &aCount,
                    backward: d, backwardOutput: scratch + last, backwardCount: &dCount, budget: &budget))
            && (!secondOpen
                || closeArc(
                    tt: tt, lastToFirst: lastToFirst, forward: c, forwardOutput: scratch, forwardCount: &cCount,
                    backward: b, backwardOutput: symbols + last, backwardCount: &bCount, budget: &budget))
        // The arcs cover the block exactly only if its rows form one cycle. Otherwise (the rows form several
        // cycles, as for a block that repeats a period, or the data is corrupt) the two-chain walk, which never
        // leaves the cycle through `origin`, gives the block as bzip2 itself would.
        let rank = aCount &+ dCount
        guard closed && rank &+ cCount &+ bCount == count else {
            walkTwoChains(tt: tt, lastToFirst: lastToFirst, count: count, origin: origin, symbols: symbols)
            return
        }
        // [0, aCount) and the last bCount symbols are in place; the split row's rank is aCount + dCount.
        (symbols + aCount).update(from: scratch + (count &- dCount), count: dCount)
        (symbols + rank).update(from: scratch, count: cCount)
    }

    /// Walks one arc from both ends until its chains meet: `forwardOutput` fills upwards, `backwardOutput`
    /// (pointing at the arc's last symbol) downwards. False if they have not met within `budget` symbols.
    @inline(__always)
    private static func closeArc(
        tt: UnsafeMutablePointer<UInt32>, lastToFirst: UnsafeMutablePointer<UInt32>, forward start: Int,
        forwardOutput: UnsafeMutablePointer<UInt8>, forwardCount: inout Int, backward end: Int,
        backwardOutput: UnsafeMutablePointer<UInt8>, backwardCount: inout Int, budget: inout Int
    ) -> Bool {
        var forward = start
        var backward = end
        while forward != backward {
            guard budget >= 2 else { return false }
            let next = tt[forward]
            let previous = lastToFirst[backward]
            forwardOutput[forwardCount] = UInt8(truncatingIfNeeded: next)
            (backwardOutput - backwardCount).pointee = UInt8(truncatingIfNeeded: previous)
            forwardCount &+= 1
            backwardCount &+= 1
            budget &-= 2
            let newForward = Int(next >> 8)
            if newForward == backward { return true }
            forward = newForward
            backward = Int(previous >> 8)
        }
        // Both chains stand on the arc's one remaining row.
        guard budget >= 1 else { return false }
        forwardOutput[forwardCount] = UInt8(truncatingIfNeeded: tt[forward])
        forwardCount &+= 1
        budget &-= 1
        return true
    }
}
