/// An Azure Resource Manager resource id or scope, parsed:
/// `/subscriptions/{sub}/resourceGroups/{group}/providers/{Namespace}/{type}/{name}[/{type}/{name}…]`.
///
/// Comparisons ignore case, as ARM does. A subscription or resource group alone is a valid id (a scope).
///
/// ```swift
/// let identity = try ResourceID(parsing: "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/pool-id")
/// identity.name            // "pool-id"
/// identity.resourceType    // "Microsoft.ManagedIdentity/userAssignedIdentities"
/// ```
public struct ResourceID: Hashable, Sendable, CustomStringConvertible {
    /// The id as given, with one leading slash and no trailing slash.
    public let rawValue: String
    public let subscriptionID: String
    public let resourceGroup: String?
    /// The resource provider namespace, e.g. `Microsoft.Batch`.
    public let providerNamespace: String?
    /// `type`/`name` pairs under the provider, outermost first.
    public let typesAndNames: [TypeAndName]

    public struct TypeAndName: Hashable, Sendable {
        public let type: String
        public let name: String
    }

    /// - Throws: ``AzureClientError`` (`.invalidArgument`) naming the id and what is wrong with it.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        func fail(_ reason: String) -> AzureClientError {
            AzureClientError(
                .invalidArgument,
                "'\(trimmed)' is not an Azure resource id: \(reason) (expected /subscriptions/<id>/resourceGroups/<group>/providers/<Namespace>/<type>/<name>)"
            )
        }
        guard trimmed.hasPrefix("/") else { throw fail("it does not start with /") }
        var parts = trimmed.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        if parts.last == "" { parts.removeLast() }
        guard !parts.contains("") else { throw fail("it has an empty segment") }
        guard parts.count >= 2, parts[0].lowercased() == "subscriptions" else {
            throw fail("it does not name a subscription")
        }
        subscriptionID = parts[1]
        var rest = parts.dropFirst(2)
        if rest.first?.lowercased() == "resourcegroups" {
            guard rest.count >= 2 else { throw fail("the resource group has no name") }
            resourceGroup = rest.dropFirst().first
            rest = rest.dropFirst(2)
        } else {
            resourceGroup = nil
        }
        if rest.first?.lowercased() == "providers" {
            guard rest.count >= 4, rest.count % 2 == 0 else {
                throw fail("the provider part must be <Namespace>/<type>/<name>[/<type>/<name>…]")
            }
            providerNamespace = rest.dropFirst().first
            let pairs = Array(rest.dropFirst(2))
            typesAndNames = stride(from: 0, to: pairs.count, by: 2).map {
                TypeAndName(type: pairs[$0], name: pairs[$0 + 1])
            }
        } else {
            guard rest.isEmpty else { throw fail("'\(rest.first ?? "")' is neither resourceGroups nor providers") }
            providerNamespace = nil
            typesAndNames = []
        }
        rawValue = "/" + parts.joined(separator: "/")
    }

    /// The last name: the resource's own name (or the group or subscription for a scope).
    public var name: String { typesAndNames.last?.name ?? resourceGroup ?? subscriptionID }

    /// `Namespace/type[/type…]`, e.g. `Microsoft.Storage/storageAccounts/blobServices/containers`; empty for a scope.
    public var resourceType: String {
        guard let providerNamespace else { return "" }
        return ([providerNamespace] + typesAndNames.map(\.type)).joined(separator: "/")
    }

    /// Whether this id is `type` (compared ignoring case).
    public func isResourceType(_ type: String) -> Bool { resourceType.lowercased() == type.lowercased() }

    /// The id of a child resource: `self/<type>/<name>`.
    public func appending(_ type: String, _ name: String) throws -> ResourceID {
        try ResourceID(parsing: "\(rawValue)/\(type)/\(name)")
    }

    /// Whether a role assignment at this scope applies to `other`: the same id or one of its ancestors.
    public func isScope(of other: ResourceID) -> Bool {
        let mine = rawValue.lowercased()
        let theirs = other.rawValue.lowercased()
        return theirs == mine || theirs.hasPrefix(mine + "/")
    }

    /// Resource ids compare ignoring case.
    public static func == (lhs: ResourceID, rhs: ResourceID) -> Bool {
        lhs.rawValue.lowercased() == rhs.rawValue.lowercased()
    }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue.lowercased()) }

    public var description: String { rawValue }
}
