/// Which part of which input a partial result covers: the byte range the task was given, and where the records
/// it actually owned start and end (byte offsets for plain CSV, block bit offsets for bzip2). The merge checks that
/// the ranges of each input tile it exactly and that each range's owned records end where the next range's begin.
public struct InputCoverage: Sendable, Hashable, Codable {
    /// How ``ownedStart`` and ``ownedEnd`` count.
    public enum Unit: String, Sendable, Hashable, Codable {
        /// Byte offsets in the input as stored.
        case byte
        /// Bit offsets of bzip2 blocks in the compressed input.
        case bzip2BlockBit
    }

    /// The input's name (a path, or a blob URL without its SAS).
    public var input: String
    /// The input's size in bytes as stored.
    public var inputSize: Int
    /// The byte range given to the task.
    public var rangeStart: Int
    public var rangeEnd: Int
    public var ownedStart: Int
    public var ownedEnd: Int
    public var unit: Unit

    public init(input: String, inputSize: Int, range: Range<Int>, owned: Range<Int>, unit: Unit) {
        self.input = input
        self.inputSize = inputSize
        rangeStart = range.lowerBound
        rangeEnd = range.upperBound
        ownedStart = owned.lowerBound
        ownedEnd = owned.upperBound
        self.unit = unit
    }

    public var range: Range<Int> { rangeStart..<rangeEnd }

    /// `input[start-end]`, for messages.
    public var label: String { "\(input) [\(rangeStart)-\(rangeEnd)]" }
}
