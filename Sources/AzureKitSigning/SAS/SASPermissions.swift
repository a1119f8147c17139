/// A set of SAS flags written as letters in a fixed, service-defined order (`sp`, `ss`, `srt`).
///
/// Bit *i* of the raw value stands for the *i*-th letter of ``letterOrder``, so ``letters`` always
/// comes out in the order the service requires, whatever order the flags were given in.
public protocol SASLetterFlags: OptionSet, Sendable, Hashable, CustomStringConvertible where RawValue == UInt32 {
    /// Every letter, in the order the service requires.
    static var letterOrder: String { get }
    /// Names the set in error messages ("blob SAS permission").
    static var flagKind: String { get }
}

extension SASLetterFlags {
    /// Parses letters such as `"rwl"` (any order). Throws for a letter outside ``letterOrder``.
    public init(letters: String) throws(SigningError) {
        var raw: UInt32 = 0
        for character in letters {
            guard let index = Self.letterOrder.firstIndex(of: character) else {
                throw SigningError(.invalidSASParameter, "\"\(character)\" is not a \(Self.flagKind) letter.")
            }
            raw |= 1 << UInt32(Self.letterOrder.distance(from: Self.letterOrder.startIndex, to: index))
        }
        self.init(rawValue: raw)
    }

    /// The query value, letters in the service's order.
    public var letters: String {
        String(Self.letterOrder.enumerated().filter { rawValue & (1 << UInt32($0.offset)) != 0 }.map(\.element))
    }

    public var description: String { letters }
}

/// Permissions of a blob or container service SAS (`sp`), always written in the service's order
/// `racwdxyltfmeopi` whatever order they were given in.
///
/// ```swift
/// let permissions: BlobSASPermissions = [.list, .read, .write]
/// permissions.letters   // "rwl"
/// ```
public struct BlobSASPermissions: SASLetterFlags {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let read = Self(rawValue: 1 << 0)
    public static let add = Self(rawValue: 1 << 1)
    public static let create = Self(rawValue: 1 << 2)
    public static let write = Self(rawValue: 1 << 3)
    public static let delete = Self(rawValue: 1 << 4)
    public static let deleteVersion = Self(rawValue: 1 << 5)
    public static let permanentDelete = Self(rawValue: 1 << 6)
    /// Container only.
    public static let list = Self(rawValue: 1 << 7)
    public static let tags = Self(rawValue: 1 << 8)
    /// Container only.
    public static let filterByTags = Self(rawValue: 1 << 9)
    public static let move = Self(rawValue: 1 << 10)
    public static let execute = Self(rawValue: 1 << 11)
    public static let ownership = Self(rawValue: 1 << 12)
    public static let permissions = Self(rawValue: 1 << 13)
    public static let setImmutabilityPolicy = Self(rawValue: 1 << 14)

    /// Permissions that only make sense on a container (`l`, `f`).
    public static let containerOnly: Self = [.list, .filterByTags]

    public static let letterOrder = "racwdxyltfmeopi"
    public static let flagKind = "blob SAS permission"
}

/// Permissions of an account SAS (`sp`), written in the order `rwdxylacuptfi`.
public struct AccountSASPermissions: SASLetterFlags {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let read = Self(rawValue: 1 << 0)
    public static let write = Self(rawValue: 1 << 1)
    public static let delete = Self(rawValue: 1 << 2)
    public static let deleteVersion = Self(rawValue: 1 << 3)
    public static let permanentDelete = Self(rawValue: 1 << 4)
    public static let list = Self(rawValue: 1 << 5)
    public static let add = Self(rawValue: 1 << 6)
    public static let create = Self(rawValue: 1 << 7)
    public static let update = Self(rawValue: 1 << 8)
    public static let process = Self(rawValue: 1 << 9)
    public static let tags = Self(rawValue: 1 << 10)
    public static let filterByTags = Self(rawValue: 1 << 11)
    public static let setImmutabilityPolicy = Self(rawValue: 1 << 12)

    public static let letterOrder = "rwdxylacuptfi"
    public static let flagKind = "account SAS permission"
}

/// Services an account SAS covers (`ss`), written in the order `bqtf`.
public struct AccountSASServices: SASLetterFlags {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let blob = Self(rawValue: 1 << 0)
    public static let queue = Self(rawValue: 1 << 1)
    public static let table = Self(rawValue: 1 << 2)
    public static let file = Self(rawValue: 1 << 3)

    public static let letterOrder = "bqtf"
    public static let flagKind = "account SAS service"
}

/// Resource types an account SAS covers (`srt`): service, container, object, in that order.
public struct AccountSASResourceTypes: SASLetterFlags {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let service = Self(rawValue: 1 << 0)
    public static let container = Self(rawValue: 1 << 1)
    public static let object = Self(rawValue: 1 << 2)

    public static let letterOrder = "sco"
    public static let flagKind = "account SAS resource type"
}
