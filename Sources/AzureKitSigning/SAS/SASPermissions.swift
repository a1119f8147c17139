/// One permission letter and its position in the order the service requires.
struct PermissionLetter {
    let bit: UInt32
    let letter: Character
}

extension Array where Element == PermissionLetter {
    func letters(for rawValue: UInt32) -> String {
        String(filter { rawValue & $0.bit != 0 }.map(\.letter))
    }

    func rawValue(parsing letters: String, kind: String) throws(SigningError) -> UInt32 {
        var raw: UInt32 = 0
        for character in letters {
            guard let entry = first(where: { $0.letter == character }) else {
                throw SigningError(.invalidSASParameter, "\"\(character)\" is not a \(kind) permission letter.")
            }
            raw |= entry.bit
        }
        return raw
    }
}

/// Permissions of a blob or container service SAS (`sp`), always written in the service's order
/// `racwdxyltfmeopi` whatever order they were given in.
///
/// ```swift
/// let permissions: BlobSASPermissions = [.list, .read, .write]
/// permissions.letters   // "rwl"
/// ```
public struct BlobSASPermissions: OptionSet, Sendable, Hashable, CustomStringConvertible {
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

    static let order: [PermissionLetter] = zip("racwdxyltfmeopi", 0..<15).map { PermissionLetter(bit: 1 << $1, letter: $0) }

    /// Parses letters such as `"rwl"` (any order). Throws for an unknown letter.
    public init(letters: String) throws(SigningError) {
        self.init(rawValue: try Self.order.rawValue(parsing: letters, kind: "blob SAS"))
    }

    /// The `sp` value, in the service's order.
    public var letters: String { Self.order.letters(for: rawValue) }
    public var description: String { letters }
}

/// Permissions of an account SAS (`sp`), written in the order `rwdxylacuptfi`.
public struct AccountSASPermissions: OptionSet, Sendable, Hashable, CustomStringConvertible {
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

    static let order: [PermissionLetter] = zip("rwdxylacuptfi", 0..<13).map { PermissionLetter(bit: 1 << $1, letter: $0) }

    public init(letters: String) throws(SigningError) {
        self.init(rawValue: try Self.order.rawValue(parsing: letters, kind: "account SAS"))
    }

    public var letters: String { Self.order.letters(for: rawValue) }
    public var description: String { letters }
}

/// Services an account SAS covers (`ss`), written in the order `bqtf`.
public struct AccountSASServices: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let blob = Self(rawValue: 1 << 0)
    public static let queue = Self(rawValue: 1 << 1)
    public static let table = Self(rawValue: 1 << 2)
    public static let file = Self(rawValue: 1 << 3)

    static let order: [PermissionLetter] = zip("bqtf", 0..<4).map { PermissionLetter(bit: 1 << $1, letter: $0) }

    public init(letters: String) throws(SigningError) {
        self.init(rawValue: try Self.order.rawValue(parsing: letters, kind: "account SAS service"))
    }

    public var letters: String { Self.order.letters(for: rawValue) }
    public var description: String { letters }
}

/// Resource types an account SAS covers (`srt`): service, container, object, in that order.
public struct AccountSASResourceTypes: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let service = Self(rawValue: 1 << 0)
    public static let container = Self(rawValue: 1 << 1)
    public static let object = Self(rawValue: 1 << 2)

    static let order: [PermissionLetter] = zip("sco", 0..<3).map { PermissionLetter(bit: 1 << $1, letter: $0) }

    public init(letters: String) throws(SigningError) {
        self.init(rawValue: try Self.order.rawValue(parsing: letters, kind: "account SAS resource type"))
    }

    public var letters: String { Self.order.letters(for: rawValue) }
    public var description: String { letters }
}
