import Foundation
import Logging

/// One Azure role assignment: a role definition granted to a principal at a scope.
public struct RoleAssignment: Decodable, Sendable, Equatable {
    public var id: String
    public var properties: Properties

    public struct Properties: Decodable, Sendable, Equatable {
        /// `/subscriptions/…/providers/Microsoft.Authorization/roleDefinitions/<guid>` (or without the subscription).
        public var roleDefinitionId: String
        public var principalId: String
        public var scope: String
    }

    /// The role definition's GUID, lower-cased.
    public var roleDefinitionGUID: String {
        String(properties.roleDefinitionId.split(separator: "/").last ?? "").lowercased()
    }
}

/// An Azure built-in role by its fixed definition GUID (the same in every tenant).
public struct BuiltInRole: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    public let guid: String
    public init(name: String, guid: String) {
        self.name = name
        self.guid = guid.lowercased()
    }
    public var description: String { name }

    public static let acrPull = BuiltInRole(name: "AcrPull", guid: "7f951dda-4ed3-4680-a7ca-43fe172d538d")
    public static let acrPush = BuiltInRole(name: "AcrPush", guid: "8311e382-0749-4cb8-b61a-304f252e45ec")
    public static let storageBlobDataReader = BuiltInRole(
        name: "Storage Blob Data Reader", guid: "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1")
    public static let storageBlobDataContributor = BuiltInRole(
        name: "Storage Blob Data Contributor", guid: "ba92f5b4-2d11-453d-a403-e96b0029c9fe")
    public static let contributor = BuiltInRole(name: "Contributor", guid: "b24988ac-6180-42a0-ab88-20f7382dd24c")
    public static let owner = BuiltInRole(name: "Owner", guid: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635")
}

extension ResourceManagerClient {
    public static let authorizationAPIVersion = "2022-04-01"

    /// The role assignments of `principalID` that apply at `scope`: made at `scope` itself or at any scope above it
    /// (ARM's `principalId eq` filter also returns assignments below the scope, which grant nothing here).
    /// - Throws: ``AzureServiceError`` (403 when the caller may not read role assignments at `scope`).
    public func roleAssignments(
        of principalID: String, applyingTo scope: ResourceID,
        logger: Logger = .azureDisabled
    ) async throws -> [RoleAssignment] {
        let all: [RoleAssignment] = try await operation("ResourceManagerClient.roleAssignments") {
            try await list(
                path: scope.rawValue + "/providers/Microsoft.Authorization/roleAssignments",
                apiVersion: Self.authorizationAPIVersion,
                query: [("$filter", "principalId eq '\(principalID)'")], operation: "RoleAssignments_ListForScope",
                logger: logger
            ).collect()
        }
        return all.filter { assignment in
            guard assignment.properties.principalId.lowercased() == principalID.lowercased() else { return false }
            guard let at = try? ResourceID(parsing: assignment.properties.scope) else {
                return assignment.properties.scope == "/"
            }
            return at.isScope(of: scope)
        }
    }
}
