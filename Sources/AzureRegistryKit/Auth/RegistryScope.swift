/// A Docker token scope, `type:name:actions` (`repository:tools/worker:pull`, `registry:catalog:*`).
///
/// The name may contain `/` and the actions `,`, so the string is split at the first and the last `:` only.
///
/// ```swift
/// let scope = RegistryScope.pull(repository: "tools/worker")
/// scope.description   // "repository:tools/worker:pull"
/// ```
public struct RegistryScope: Hashable, Sendable, CustomStringConvertible {
    /// `repository`, `registry`, `artifact-repository`, ….
    public let type: String
    public let name: String
    /// `pull`, `push`, `delete`, `*`, ….
    public let actions: [String]

    public init(type: String, name: String, actions: [String]) {
        self.type = type
        self.name = name
        self.actions = actions
    }

    /// Parses `type:name:actions`; `nil` when a part is missing.
    public init?(parsing text: String) {
        guard let first = text.firstIndex(of: ":"), let last = text.lastIndex(of: ":"), first < last else { return nil }
        let type = text[..<first]
        let name = text[text.index(after: first)..<last]
        let actions = text[text.index(after: last)...]
        guard !type.isEmpty, !name.isEmpty, !actions.isEmpty else { return nil }
        self.init(type: String(type), name: String(name), actions: actions.split(separator: ",").map(String.init))
    }

    /// Pull access to one repository.
    public static func pull(repository: String) -> RegistryScope {
        RegistryScope(type: "repository", name: repository, actions: ["pull"])
    }

    /// Pull and push access to one repository (`repository:<name>:pull,push`): what an image push asks ACR's
    /// token endpoint for. A registry that allows pull only answers the push with 401 or 403 `DENIED`.
    public static func push(repository: String) -> RegistryScope {
        RegistryScope(type: "repository", name: repository, actions: ["pull", "push"])
    }

    /// Whether a token for this scope also grants `other` (same resource, every action of `other`, or `*`).
    public func covers(_ other: RegistryScope) -> Bool {
        type == other.type && name == other.name
            && (actions.contains("*") || other.actions.allSatisfy(actions.contains))
    }

    public var description: String { "\(type):\(name):\(actions.joined(separator: ","))" }
}
