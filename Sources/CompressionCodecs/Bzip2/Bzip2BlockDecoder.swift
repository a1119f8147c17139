/// Why a block could not be decoded from the bytes given.
enum Bzip2BlockFailure: Error {
    /// The block runs past the end of the buffer (wait for more input, or report truncation at the end).
    case underflow
    /// The block is malformed at `bitPosition`.
    case corrupt(CompressionError.Kind, String, bitPosition: Int)
}

/// What a decoded block (or end-of-stream marker) says.
struct Bzip2BlockResult {
    /// The CRC stored in the block header, or the combined CRC for an end-of-stream marker.
    var storedCRC: UInt32
    /// The CRC of the decoded bytes (0 for an end-of-stream marker).
    var computedCRC: UInt32
    /// The bit offset just past the block.
    var endBit: Int
    var isEndOfStream: Bool
}

/// Decodes one bzip2 block at a time: Huffman/MTF/RLE2 into the workspace's `tt`, inverse BWT, RLE1 into
/// `output`. One instance per block in flight; nothing is allocated per block except when a block's output
/// outgrows `output`.
final class Bzip2BlockDecoder: @unchecked Sendable {
    private let lookup = UnsafeMutablePointer<UInt16>.allocate(
        capacity: Bzip2Constants.maxGroups << Bzip2HuffmanTable.lookupBits)
    private var tables = [Bzip2HuffmanTable](repeating: Bzip2HuffmanTable(), count: Bzip2Constants.maxGroups)
    private let selectors = UnsafeMutablePointer<UInt8>.allocate(capacity: Bzip2Constants.maxSelectors)
    /// Per-byte symbol counts of the block being decoded.
    private let frequency = UnsafeMutablePointer<UInt32>.allocate(capacity: 256)
    private let lengths = UnsafeMutablePointer<UInt8>.allocate(capacity: Bzip2Constants.maxAlphabet)
    /// The decoded bytes of the last block.
    private(set) var output: UnsafeMutablePointer<UInt8>
    private(set) var outputCount = 0
    private var outputCapacity: Int

    init() {
        outputCapacity = Bzip2Constants.maxBlockSize + 4096
        output = .allocate(capacity: outputCapacity)
    }

    deinit {
        lookup.deallocate()
        selectors.deallocate()
        frequency.deallocate()
        lengths.deallocate()
        output.deallocate()
    }

    var outputBuffer: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: output, count: outputCount) }

    /// Decodes the block or end-of-stream marker whose 48-bit magic starts at `bitOffset` in `data`, using
    /// `workspace` (which no other decode may use at the same time) for the block's working arrays.
    func decode(
        _ data: UnsafeRawBufferPointer, bitOffset: Int, maxBlockSize: Int, workspace: Bzip2BlockWorkspace
    ) throws(Bzip2BlockFailure) -> Bzip2BlockResult {
        var reader = MSBBitReader(data, bitOffset: bitOffset)
        do {
            let magic = try reader.read48()
            if magic == Bzip2Constants.endOfStreamMagic {
                let crc = try reader.read(32)
                outputCount = 0
                return Bzip2BlockResult(storedCRC: crc, computedCRC: 0, endBit: reader.bitPosition, isEndOfStream: true)
            }
            guard magic == Bzip2Constants.blockMagic else {
                throw Bzip2BlockFailure.corrupt(
                    .badMagic,
                    "expected block magic 0x314159265359 or end-of-stream magic, found 0x"
                        + String(magic, radix: 16), bitPosition: bitOffset)
            }
            let storedCRC = try reader.read(32)
            let randomised = try reader.readBit()
            let origin = Int(try reader.read(24))
            let count = try readSymbols(&reader, maxBlockSize: maxBlockSize, into: workspace.tt)
            guard origin < count else {
                throw Bzip2BlockFailure.corrupt(
                    .corruptData, "origPtr \(origin) is outside the block of \(count) symbols",
                    bitPosition: reader.bitPosition)
            }
            inverseBWT(count: count, origin: origin, randomised: randomised, workspace: workspace)
            var crc = Bzip2CRC()
            crc.update(output, count: outputCount)
            return Bzip2BlockResult(
                storedCRC: storedCRC, computedCRC: crc.value, endBit: reader.bitPosition, isEndOfStream: false)
        } catch is Bzip2Underflow {
            throw .underflow
        } catch let failure as Bzip2BlockFailure {
            throw failure
        } catch {
            throw .underflow
        }
    }

    /// Reads the symbol map, Huffman tables, selectors and the MTF/RLE2 symbols into `tt`; returns the block length.
    private func readSymbols(
        _ reader: inout MSBBitReader, maxBlockSize: Int, into tt: UnsafeMutablePointer<UInt32>
    ) throws -> Int {
        // Symbol map: 16 bits of used ranges, then 16 bits per used range.
        var mtf = [UInt8](repeating: 0, count: 256)
        var used = 0
        let ranges = try reader.read(16)
        for range in 0..<16 where ranges & (0x8000 >> UInt32(range)) != 0 {
            let bits = try reader.read(16)
            for bit in 0..<16 where bits & (0x8000 >> UInt32(bit)) != 0 {
                mtf[used] = UInt8(range * 16 + bit)
                used += 1
            }
        }
        guard used > 0 else { throw corrupt(.badHeader, "symbol map is empty", reader) }
        let alphabetSize = used + 2

        let groupCount = Int(try reader.read(3))
        guard groupCount >= Bzip2Constants.minGroups && groupCount <= Bzip2Constants.maxGroups else {
            throw corrupt(.badHuffmanTable, "Huffman group count \(groupCount) is not in 2…6", reader)
        }
        let selectorCount = Int(try reader.read(15))
        guard selectorCount >= 1 else { throw corrupt(.badHuffmanTable, "selector count is 0", reader) }
        var groupOrder: [UInt8] = [0, 1, 2, 3, 4, 5]
        let storedSelectors = min(selectorCount, Bzip2Constants.maxSelectors)
        for index in 0..<selectorCount {
            var rank = 0
            while try reader.readBit() {
                rank += 1
                guard rank < groupCount else {
                    throw corrupt(.badHuffmanTable, "selector \(index) names group \(rank) of \(groupCount)", reader)
                }
            }
            let group = groupOrder[rank]
            groupOrder.remove(at: rank)
            groupOrder.insert(group, at: 0)
            if index < storedSelectors { selectors[index] = group }
        }

        for group in 0..<groupCount {
            var length = Int(try reader.read(5))
            for symbol in 0..<alphabetSize {
                while true {
                    guard length >= 1 && length <= Bzip2Constants.maxCodeLength else {
                        throw corrupt(
                            .badHuffmanTable, "group \(group) symbol \(symbol) has code length \(length)", reader)
                    }
                    if !(try reader.readBit()) { break }
                    length += try reader.readBit() ? -1 : 1
                }
                lengths[symbol] = UInt8(length)
            }
            let groupLookup = lookup + (group << Bzip2HuffmanTable.lookupBits)
            guard tables[group].build(lengths: lengths, alphabetSize: alphabetSize, lookup: groupLookup) else {
                throw corrupt(.badHuffmanTable, "group \(group) code lengths over-subscribe the code space", reader)
            }
        }
        return try mtf.withUnsafeMutableBufferPointer { list in
            try decodeMTF(
                &reader, mtf: list.baseAddress!, alphabetSize: alphabetSize,
                selectorCount: storedSelectors, maxBlockSize: maxBlockSize, into: tt)
        }
    }

    /// The hot loop: table-driven Huffman decoding, RUNA/RUNB run lengths and move-to-front.
    private func decodeMTF(
        _ reader: inout MSBBitReader, mtf: UnsafeMutablePointer<UInt8>, alphabetSize: Int,
        selectorCount: Int, maxBlockSize: Int, into tt: UnsafeMutablePointer<UInt32>
    ) throws -> Int {
        let endOfBlock = alphabetSize - 1
        let lookupBits = Bzip2HuffmanTable.lookupBits
        let frequency = self.frequency
        frequency.update(repeating: 0, count: 256)
        var count = 0
        var runLength = 0
        var runWeight = 1
        var selectorIndex = 0
        var buffer = reader.buffer
        var available = reader.available
        defer {
            reader.buffer = buffer
            reader.available = available
        }
        blocks: while true {
            // One selector's 50 symbols per trip of the inner loop, so the group change is not tested per symbol.
            guard selectorIndex < selectorCount else {
                throw corrupt(.corruptData, "block needs more than \(selectorCount) selectors", reader)
            }
            let group = Int(selectors[selectorIndex])
            let table = lookup + (group << lookupBits)
            selectorIndex &+= 1
            var groupLeft = Bzip2Constants.groupSize
            repeat {
                groupLeft &-= 1
                if available < Bzip2Constants.maxCodeLength {
                    reader.buffer = buffer
                    reader.available = available
                    reader.refill()
                    buffer = reader.buffer
                    available = reader.available
                    // Fewer than 20 bits after a refill only at the end of the input: check here that the whole
                    // next code is present, so the common path (20+ bits, the longest code) needs no check.
                    if available < Bzip2Constants.maxCodeLength {
                        let tail = table[Int(truncatingIfNeeded: buffer >> UInt64(64 - lookupBits))]
                        let tailLength =
                            tail != 0
                            ? Int(tail & 31)
                            : tables[group].decodeLong(UInt32(truncatingIfNeeded: buffer >> 44))?.length ?? .max
                        if tailLength > available { throw Bzip2Underflow() }
                    }
                }
                let entry = table[Int(truncatingIfNeeded: buffer >> UInt64(64 - lookupBits))]
                var symbol: Int
                var length: Int
                if entry != 0 {
                    symbol = Int(entry >> 5)
                    length = Int(entry & 31)
                } else {
                    guard let long = tables[group].decodeLong(UInt32(truncatingIfNeeded: buffer >> 44)) else {
                        if available < Bzip2Constants.maxCodeLength { throw Bzip2Underflow() }
                        throw corrupt(.corruptData, "bits match no Huffman code of group \(group)", reader)
                    }
                    symbol = long.symbol
                    length = long.length
                }
                buffer <<= UInt64(length)
                available &-= length

                if symbol <= 1 {
                    runLength &+= runWeight << symbol
                    runWeight <<= 1
                    guard runLength <= maxBlockSize else {
                        throw corrupt(.corruptData, "run of \(runLength) symbols exceeds the block size", reader)
                    }
                    continue
                }
                if runLength > 0 {
                    guard count + runLength <= maxBlockSize else {
                        throw corrupt(.corruptData, "block exceeds \(maxBlockSize) symbols", reader)
                    }
                    let byte = mtf[0]
                    frequency[Int(byte)] &+= UInt32(truncatingIfNeeded: runLength)
                    (tt + count).update(repeating: UInt32(byte), count: runLength)
                    count += runLength
                    runLength = 0
                    runWeight = 1
                }
                if symbol == endOfBlock { break blocks }
                guard count < maxBlockSize else {
                    throw corrupt(.corruptData, "block exceeds \(maxBlockSize) symbols", reader)
                }
                let byte = Self.moveToFront(mtf, index: symbol &- 1)
                frequency[Int(byte)] &+= 1
                tt[count] = UInt32(byte)
                count &+= 1
            } while groupLeft > 0
        }
        guard count > 0 else { throw corrupt(.corruptData, "block is empty", reader) }
        // Cumulative counts, kept in `frequency`'s place for the inverse BWT.
        var sum: UInt32 = 0
        for byte in 0..<256 {
            cumulative[byte] = sum
            sum &+= frequency[byte]
        }
        return count
    }

    private var cumulative = [UInt32](repeating: 0, count: 256)

    /// Moves `list[index]` (index ≥ 1) to the front and returns it. The first 16 entries, where almost every
    /// index falls, are shifted as two 64-bit words without a loop (whose varying trip count mispredicts).
    @inline(__always)
    static func moveToFront(_ list: UnsafeMutablePointer<UInt8>, index: Int) -> UInt8 {
        let raw = UnsafeMutableRawPointer(list)
        if index < 8 {
            let word = raw.loadUnaligned(as: UInt64.self)
            let shift = UInt64(truncatingIfNeeded: index &<< 3)
            let byte = UInt8(truncatingIfNeeded: word &>> shift)
            // Bytes 0…index; all ones when index is 7.
            let moved: UInt64 = (2 &<< (shift &+ 7)) &- 1
            raw.storeBytes(of: (word & ~moved) | ((word &<< 8) & moved) | UInt64(byte), as: UInt64.self)
            return byte
        }
        if index < 16 {
            let low = raw.loadUnaligned(as: UInt64.self)
            let high = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            let shift = UInt64(truncatingIfNeeded: (index &- 8) &<< 3)
            let byte = UInt8(truncatingIfNeeded: high &>> shift)
            let moved: UInt64 = (2 &<< (shift &+ 7)) &- 1
            raw.storeBytes(
                of: (high & ~moved) | ((high &<< 8) & moved) | (low &>> 56), toByteOffset: 8, as: UInt64.self)
            raw.storeBytes(of: (low &<< 8) | UInt64(byte), as: UInt64.self)
            return byte
        }
        let byte = list[index]
        (list + 1).update(from: list, count: index)
        list[0] = byte
        return byte
    }

    /// Links `tt` into the inverse-BWT chain (forwards) and `lastToFirst` (backwards) in one pass, walks the chain
    /// (``Bzip2InverseBWT``; `output` is its scratch space), then undoes RLE1 into `output`.
    private func inverseBWT(count: Int, origin: Int, randomised: Bool, workspace: Bzip2BlockWorkspace) {
        let tt = workspace.tt
        let lastToFirst = workspace.lastToFirst
        cumulative.withUnsafeMutableBufferPointer { cumulative in
            for index in 0..<count {
                let byte = Int(tt[index] & 0xFF)
                let target = Int(cumulative[byte])
                tt[target] |= UInt32(truncatingIfNeeded: index << 8)
                lastToFirst[index] = UInt32(truncatingIfNeeded: target << 8 | byte)
                cumulative[byte] = UInt32(truncatingIfNeeded: target &+ 1)
            }
        }
        let symbols = workspace.bwtOutput
        Bzip2InverseBWT.walk(
            tt: tt, lastToFirst: lastToFirst, count: count, origin: origin, symbols: symbols, scratch: output)
        if randomised {
            var random = Bzip2Randomiser()
            for index in 0..<count { symbols[index] ^= UInt8(truncatingIfNeeded: random.next()) }
        }
        undoInitialRunLength(symbols, count: count)
    }

    /// RLE1: after four equal bytes, the next byte is a repeat count (0…251) of that byte.
    private func undoInitialRunLength(_ symbols: UnsafeMutablePointer<UInt8>, count: Int) {
        ensureOutputCapacity(count)
        var output = self.output
        var out = 0
        var previous = -1
        var repeats = 0
        var index = 0
        while index < count {
            // Fast path: copy the leading bytes of the next eight that each differ from the byte before them (no
            // run can start there). Room: out + (count - index) always fits, and index + 8 <= count.
            if repeats != 4 && index &+ 8 <= count {
                let word = UnsafeRawPointer(symbols + index).loadUnaligned(as: UInt64.self)
                let differences = word ^ (word &<< 8 | UInt64(UInt8(truncatingIfNeeded: previous)))
                let equal = (differences &- 0x0101_0101_0101_0101) & ~differences & 0x8080_8080_8080_8080
                let fresh = equal == 0 ? 8 : equal.trailingZeroBitCount &>> 3
                if fresh > 0 {
                    UnsafeMutableRawPointer(output + out).storeBytes(of: word, as: UInt64.self)
                    out &+= fresh
                    index &+= fresh
                    previous = Int(symbols[index &- 1])
                    repeats = 1
                    continue
                }
            }
            let byte = Int(symbols[index])
            index &+= 1
            if repeats == 4 {
                if byte > 0 {
                    // Invariant: out + (count - index) fits, since every other symbol yields at most one byte.
                    if out &+ byte &+ (count &- index) > outputCapacity {
                        outputCount = out
                        ensureOutputCapacity(out &+ byte &+ (count &- index))
                        output = self.output
                    }
                    (output + out).update(repeating: UInt8(truncatingIfNeeded: previous), count: byte)
                    out &+= byte
                }
                repeats = 0
                previous = -1
                continue
            }
            if byte == previous {
                repeats &+= 1
            } else {
                repeats = 1
                previous = byte
            }
            output[out] = UInt8(truncatingIfNeeded: byte)
            out &+= 1
        }
        outputCount = out
    }

    /// Grows `output` (keeping its first `outputCount` bytes) to hold at least `needed` bytes.
    private func ensureOutputCapacity(_ needed: Int) {
        guard needed > outputCapacity else { return }
        let capacity = max(needed, outputCapacity * 2)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        grown.update(from: output, count: outputCount)
        output.deallocate()
        output = grown
        outputCapacity = capacity
    }

    private func corrupt(_ kind: CompressionError.Kind, _ message: String, _ reader: MSBBitReader) -> Bzip2BlockFailure
    {
        .corrupt(kind, message, bitPosition: reader.bitPosition)
    }
}
