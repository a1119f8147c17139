/// The order in which Azure Storage expects canonicalized `x-ms-*` headers.
///
/// The service sorts header names with a Windows-style "word sort", not byte order. The Azure
/// SDKs (C++ first, then Python, Go, .NET) reproduce it with per-character weight tables; this
/// type encodes the same weights for the characters an HTTP header name can contain:
///
/// 1. Primary level: letters and digits by their weights, punctuation below digits (`_` sorts
///    before `0` and `a`). `-` and `'` are ignored at this level.
/// 2. If the primary sequences are equal, the strings are compared position by position on the
///    ignored characters: at the first position where they differ, a string that ends there sorts
///    first, then one with an ordinary character, then `'`, then `-`.
///
/// So `x-ms-meta-i_` < `x-ms-meta-i0`, `foo_bar` < `foo2_bar`, `test_a` < `test-a`, and
/// `x-ms-enabled-protocols` < `x-ms-enable-snapshot-virtual-directory-access`.
/// Names are expected lower-case; upper-case letters weigh as their lower-case forms.
public enum StorageHeaderCollation {
    /// `true` when `lhs` sorts strictly before `rhs`.
    public static func areInIncreasingOrder(_ lhs: String, _ rhs: String) -> Bool {
        compare(Array(lhs.utf8), Array(rhs.utf8)) < 0
    }

    /// Sorts names in the service's order.
    public static func sorted(_ names: [String]) -> [String] {
        names.sorted(by: areInIncreasingOrder)
    }

    static func compare(_ lhs: [UInt8], _ rhs: [UInt8]) -> Int {
        // Level 1: primary weights, skipping ignorable characters.
        let lhsPrimary = lhs.lazy.map(primaryWeight).filter { $0 != 0 }
        let rhsPrimary = rhs.lazy.map(primaryWeight).filter { $0 != 0 }
        var left = lhsPrimary.makeIterator()
        var right = rhsPrimary.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil):
                return compareIgnorables(lhs, rhs)
            case (nil, _):
                return -1
            case (_, nil):
                return 1
            case (let l?, let r?) where l != r:
                return l < r ? -1 : 1
            default:
                continue
            }
        }
    }

    /// Level 2: position by position, ordinary < `'` < `-`, and "ended" below all of them.
    private static func compareIgnorables(_ lhs: [UInt8], _ rhs: [UInt8]) -> Int {
        let length = max(lhs.count, rhs.count)
        for index in 0..<length {
            let l = index < lhs.count ? specialWeight(lhs[index]) : -1
            let r = index < rhs.count ? specialWeight(rhs[index]) : -1
            if l != r { return l < r ? -1 : 1 }
        }
        return 0
    }

    private static func specialWeight(_ byte: UInt8) -> Int {
        switch byte {
        case UInt8(ascii: "'"): 1
        case UInt8(ascii: "-"): 2
        default: 0
        }
    }

    /// Primary weights of the HTTP token characters (0 = ignorable at this level).
    static func primaryWeight(_ byte: UInt8) -> UInt16 {
        switch byte {
        case UInt8(ascii: "!"): 0x71C
        case UInt8(ascii: "#"): 0x71F
        case UInt8(ascii: "$"): 0x721
        case UInt8(ascii: "%"): 0x723
        case UInt8(ascii: "&"): 0x725
        case UInt8(ascii: "*"): 0x72D
        case UInt8(ascii: "."): 0x733
        case UInt8(ascii: "^"): 0x743
        case UInt8(ascii: "_"): 0x744
        case UInt8(ascii: "`"): 0x748
        case UInt8(ascii: "|"): 0x74C
        case UInt8(ascii: "~"): 0x750
        case UInt8(ascii: "+"): 0x803
        case 0x30...0x39: digitWeights[Int(byte - 0x30)]
        case 0x41...0x5A: letterWeights[Int(byte - 0x41)]
        case 0x61...0x7A: letterWeights[Int(byte - 0x61)]
        default: 0
        }
    }

    private static let digitWeights: [UInt16] = [0xD03, 0xD1A, 0xD1C, 0xD1E, 0xD20, 0xD22, 0xD24, 0xD26, 0xD28, 0xD2A]
    private static let letterWeights: [UInt16] = [
        0xE02, 0xE09, 0xE0A, 0xE1A, 0xE21, 0xE23, 0xE25, 0xE2C, 0xE32, 0xE35, 0xE36, 0xE48, 0xE51,
        0xE70, 0xE7C, 0xE7E, 0xE89, 0xE8A, 0xE91, 0xE99, 0xE9F, 0xEA2, 0xEA4, 0xEA6, 0xEA7, 0xEA9,
    ]
}
