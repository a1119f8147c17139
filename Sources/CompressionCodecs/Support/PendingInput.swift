/// Undecoded input carried between `write` calls, addressed by bit offset.
///
/// When nothing is pending, the caller's buffer is decoded in place and only its unconsumed tail is copied;
/// otherwise new input is appended. The consumed prefix is dropped only once it dominates the buffer, so
/// copying stays amortised O(1) per input byte.
struct PendingInput {
    private var bytes: [UInt8] = []
    /// Bit offset of the next unread bit within `bytes`.
    private var cursorBit = 0
    /// Absolute input offset of `bytes[0]` (for error messages).
    private(set) var baseOffset = 0

    /// Runs `body` over the pending bytes followed by `input`; `body` gets the data, the start bit and the
    /// absolute offset of the data's first byte, and returns the bit offset where it stopped.
    mutating func process(
        _ input: UnsafeRawBufferPointer,
        _ body: (UnsafeRawBufferPointer, _ startBit: Int, _ base: Int) throws -> Int
    ) rethrows {
        if bytes.isEmpty && !input.isEmpty {
            let endBit = try body(input, cursorBit, baseOffset)
            let consumed = endBit >> 3
            bytes = Array(input[consumed...])
            baseOffset += consumed
            cursorBit = endBit & 7
            return
        }
        bytes.append(contentsOf: input)
        let endBit = try bytes.withUnsafeBytes { try body($0, cursorBit, baseOffset) }
        let consumed = endBit >> 3
        cursorBit = endBit
        if consumed > 0 && (consumed >= bytes.count / 2 || input.isEmpty) {
            bytes.removeFirst(consumed)
            baseOffset += consumed
            cursorBit &= 7
        }
    }
}

/// A streaming decoder driven through `PendingInput`: it implements `process` once and gets `write`/`finish`.
protocol PendingInputDecoder: AnyObject {
    var pending: PendingInput { get set }
    /// Decodes `data` from `startBit` (`base` = absolute offset of `data[0]`); returns the bit offset where it
    /// stopped. With `final` false it may stop early to wait for more input.
    func process(
        _ data: UnsafeRawBufferPointer, startBit: Int, base: Int, final: Bool,
        output: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> Int
}

extension PendingInputDecoder {
    func write(_ input: UnsafeRawBufferPointer, output: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard !input.isEmpty else { return }
        try pending.process(input) { data, startBit, base in
            try process(data, startBit: startBit, base: base, final: false, output: output)
        }
    }

    func finish(output: (UnsafeRawBufferPointer) throws -> Void) throws {
        try pending.process(UnsafeRawBufferPointer(start: nil, count: 0)) { data, startBit, base in
            try process(data, startBit: startBit, base: base, final: true, output: output)
        }
    }
}
