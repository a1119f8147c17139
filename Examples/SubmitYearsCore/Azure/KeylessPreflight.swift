import AzureKitCore
import Foundation

/// What keyless mode checks through Azure Resource Manager before it creates anything, as far as the caller may
/// read: the identity exists, and it holds `AcrPull` on the registry, a Storage Blob Data role able to read the
/// input container and one able to write the output container.
///
/// A missing role is a problem with the exact `az role assignment create` that fixes it; a check the caller is
/// not allowed to make (403 on role assignments) or cannot decide (a custom role) is a warning, never a failure:
/// RBAC is the service's decision, the preflight only saves a node boot when the answer is already known.
///
/// ```swift
/// let report = await KeylessPreflight(resourceManager: arm, identity: identityID, subscriptionID: sub)
///     .run(registryName: "myregistry", storageAccount: "data", inputContainer: "raw", outputContainer: "aggregated")
/// if !report.problems.isEmpty { throw SubmitYearsFailure("preflight failed: " + report.problems.joined(separator: "; ")) }
/// ```
public struct KeylessPreflight: Sendable {
    public var resourceManager: ResourceManagerClient
    public var identity: ResourceID
    /// Where the registry and storage account are looked up by name.
    public var subscriptionID: String

    public init(resourceManager: ResourceManagerClient, identity: ResourceID, subscriptionID: String) {
        self.resourceManager = resourceManager
        self.identity = identity
        self.subscriptionID = subscriptionID
    }

    public struct Report: Sendable {
        /// The identity as ARM describes it (its client and principal ids), when it could be read.
        public var identity: ManagedIdentityResource?
        /// Checks that passed, one line each.
        public var passed: [String] = []
        /// Checks that could not be made or decided.
        public var warnings: [String] = []
        /// Checks that failed, each with what fixes it.
        public var problems: [String] = []
    }

    /// One role the identity needs somewhere.
    struct Requirement {
        var resourceType: String
        var name: String
        /// Under the resource, e.g. `blobServices/default/containers/raw`.
        var child: [(String, String)]
        var role: BuiltInRole
        /// Roles that grant at least as much.
        var sufficient: [BuiltInRole]
        var purpose: String
    }

    /// Runs every check; never throws (each failure is reported).
    public func run(registryName: String?, storageAccount: String?, inputContainer: String?, outputContainer: String?)
        async -> Report
    {
        var report = Report()
        do {
            let found = try await resourceManager.userAssignedIdentity(identity)
            report.identity = found
            report.passed.append("identity \(identity.name) exists (client id \(found.properties.clientId))")
        } catch let error as AzureServiceError where error.status == 404 {
            report.problems.append(
                "identity \(identity) does not exist: create it with `az identity create --name \(identity.name) --resource-group \(identity.resourceGroup ?? "<group>")`"
            )
            return report
        } catch {
            report.warnings.append(
                "cannot read identity \(identity) (\(Self.reason(error))): its existence and roles are not checked")
            return report
        }
        let principal = report.identity?.properties.principalId ?? ""
        var requirements: [Requirement] = []
        if let registryName {
            requirements.append(
                Requirement(
                    resourceType: "Microsoft.ContainerRegistry/registries", name: registryName, child: [],
                    role: .acrPull,
                    sufficient: [.acrPull, .acrPush, .contributor, .owner], purpose: "to pull the image"))
        }
        if let storageAccount {
            if let inputContainer {
                requirements.append(
                    Requirement(
                        resourceType: "Microsoft.Storage/storageAccounts", name: storageAccount,
                        child: [("blobServices", "default"), ("containers", inputContainer)],
                        role: .storageBlobDataReader,
                        sufficient: [.storageBlobDataReader, .storageBlobDataContributor], purpose: "to read the input")
                )
            }
            if let outputContainer {
                requirements.append(
                    Requirement(
                        resourceType: "Microsoft.Storage/storageAccounts", name: storageAccount,
                        child: [("blobServices", "default"), ("containers", outputContainer)],
                        role: .storageBlobDataContributor,
                        sufficient: [.storageBlobDataContributor], purpose: "to write the results"))
            }
        }
        for requirement in requirements { await check(requirement, principal: principal, report: &report) }
        return report
    }

    func check(_ requirement: Requirement, principal: String, report: inout Report) async {
        let resource: ResourceID
        do {
            let found = try await resourceManager.resources(
                ofType: requirement.resourceType, named: requirement.name, inSubscription: subscriptionID)
            guard let first = found.first else {
                report.warnings.append(
                    "\(requirement.resourceType) '\(requirement.name)' is not in subscription \(subscriptionID): make sure identity \(identity.name) has \(requirement.role) on it \(requirement.purpose)"
                )
                return
            }
            resource = try requirement.child.reduce(first) { try $0.appending($1.0, $1.1) }
        } catch {
            report.warnings.append(
                "cannot look up \(requirement.resourceType) '\(requirement.name)' (\(Self.reason(error))): make sure identity \(identity.name) has \(requirement.role) on it \(requirement.purpose)"
            )
            return
        }
        let assignments: [RoleAssignment]
        do {
            assignments = try await resourceManager.roleAssignments(of: principal, applyingTo: resource)
        } catch {
            report.warnings.append(
                "cannot read role assignments on \(resource) (\(Self.reason(error))): make sure identity \(identity.name) has \(requirement.role) there \(requirement.purpose)"
            )
            return
        }
        let granted = Set(assignments.map(\.roleDefinitionGUID))
        let known = Set(Self.knownRoles.map(\.guid))
        if let role = requirement.sufficient.first(where: { granted.contains($0.guid) }) {
            report.passed.append("identity \(identity.name) has \(role) on \(resource)")
        } else if !granted.isSubset(of: known) {
            // A custom role (or one this list lacks) may grant it: RBAC decides, not this check.
            report.warnings.append(
                "identity \(identity.name) has role(s) \(granted.sorted().joined(separator: ", ")) on \(resource), which this check does not recognise: make sure one grants what \(requirement.role) does \(requirement.purpose)"
            )
        } else {
            for role in Self.knownRoles where granted.contains(role.guid) {
                report.passed.append("identity \(identity.name) has \(role) on \(resource)")
            }
            report.problems.append(
                "assign \(requirement.role) on \(resource) to identity \(identity.name) \(requirement.purpose): `az role assignment create --assignee-object-id \(principal) --assignee-principal-type ServicePrincipal --role \"\(requirement.role)\" --scope \(resource)`"
            )
        }
    }

    /// Roles whose permissions the check knows: any other assigned role might grant what is needed.
    static let knownRoles: [BuiltInRole] = [
        .acrPull, .acrPush, .storageBlobDataReader, .storageBlobDataContributor, .contributor, .owner,
    ]

    static func reason(_ error: any Error) -> String {
        if let error = error as? AzureServiceError {
            return error.status == 403
                ? "HTTP 403 \(error.code?.rawValue ?? ""): you may not read it"
                : "HTTP \(error.status) \(error.code?.rawValue ?? "")"
        }
        return "\(error)"
    }
}
