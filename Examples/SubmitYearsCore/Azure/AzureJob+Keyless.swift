import AzureBatchKit
import AzureKitCore
import Foundation

extension AzureJob {
    /// Keyless mode's pool step: the RBAC preflight, then the pool through the management API with the identity
    /// attached (created if absent), then the identity's client id as the pool reports it.
    /// - Throws: ``SubmitYearsFailure`` for a failed preflight, or an existing pool without the identity.
    func prepareKeylessPool(_ keyless: KeylessClients) async throws -> String {
        let identity = keyless.settings.identity
        let blobs = try Self.locations(year: years.years.first ?? 2001, settings: settings)
        let registryName = plan.registry?.registryServer.flatMap {
            $0.lowercased().contains(".azurecr.") ? $0.split(separator: ".").first.map(String.init) : nil
        }
        let report = await keyless.preflight.run(
            registryName: registryName, storageAccount: blobs.input.endpoint.accountName,
            inputContainer: blobs.input.containerName, outputContainer: blobs.output.containerName)
        for line in report.passed { console.line("Preflight: \(line)") }
        for line in report.warnings { console.line("Preflight warning: \(line)") }
        guard report.problems.isEmpty else {
            throw SubmitYearsFailure("preflight failed: " + report.problems.joined(separator: "; "))
        }
        let pool = try await step("create pool \(plan.poolID) through the Batch management API") {
            () -> ManagementPool in
            let created = try await keyless.management.createPoolIfAbsent(plan.pool)
            console.line(
                created
                    ? "Pool \(plan.poolID): created with identity \(identity.name) (\(plan.vmSize.rawValue), \(poolSizeText))"
                    : "Pool \(plan.poolID): exists, reusing it")
            return try await keyless.management.pool(plan.poolID)
        }
        guard let clientID = pool.identity?.clientID(of: identity.rawValue) else {
            throw SubmitYearsFailure(
                "pool \(plan.poolID) exists without identity \(identity.name) attached, so its nodes cannot pull or read with it: delete the pool (or choose another --pool-id) and run again"
            )
        }
        return clientID
    }
}
