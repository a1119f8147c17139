import AirlineAnalyticsCore
import AzureBatchKit
import AzureKitCore
import Foundation

/// Prints the request bodies SubmitYears would send, with secrets redacted: registry passwords, and the `sig`
/// of every SAS (the rest of each SAS — permissions, expiry, resource — stays visible for review).
public enum DryRun {
    /// The pool, job and task JSON, each under a heading.
    public static func text(
        pool: PoolSpecification, job: JobSpecification, completion: JobUpdate,
        tasks: [TaskSpecification]
    ) throws -> String {
        "POST /pools (only if the pool does not exist)\n" + (try json(pool)) + "\n"
            + (try jobAndTasks(job: job, completion: completion, tasks: tasks, redacting: true))
    }

    /// Keyless mode: the management-plane request that creates the pool with its identity, then the data-plane job
    /// and tasks; ends by showing that redaction changes nothing, because nothing secret is in them.
    public static func keylessText(plan: JobPlan, tasks: [TaskSpecification], account: BatchAccountReference) throws
        -> String
    {
        func render(redacting: Bool) throws -> String {
            let url =
                ResourceManagerClient.publicCloud.absoluteString + account.poolPath(plan.poolID)
                + "?api-version=\(BatchManagementAPIVersion.v2024_07_01.rawValue)"
            return
                "PUT \(url)\nIf-None-Match: * (create only if absent); Authorization: Bearer <your Entra ID token for https://management.azure.com>\n"
                + (try json(try ManagementPool(plan.pool, account: account), redacting: redacting)) + "\n"
                + (try jobAndTasks(job: plan.job, completion: plan.jobCompletion, tasks: tasks, redacting: redacting))
        }
        let shown = try render(redacting: true)
        let proof =
            shown == (try render(redacting: false))
            ? "Nothing to redact: no account key, SAS or registry secret is in these requests; the nodes use identity \(plan.poolIdentity ?? "")."
            : "Some values above were redacted: this run is not keyless."
        return shown + proof + "\n"
    }

    static func jobAndTasks(job: JobSpecification, completion: JobUpdate, tasks: [TaskSpecification], redacting: Bool)
        throws -> String
    {
        var text = "POST /jobs\n" + (try json(job, redacting: redacting)) + "\n"
        text += "POST /jobs/\(job.id)/addtaskcollection (\(tasks.count) tasks, in chunks of at most 100)\n"
        text += (try json(["value": tasks], redacting: redacting)) + "\n"
        text +=
            "PATCH /jobs/\(job.id) (after the tasks are added)\n" + (try json(completion, redacting: redacting)) + "\n"
        return text
    }

    /// Pretty, key-sorted JSON of `value` with secrets replaced by `REDACTED` (unless `redacting` is false).
    public static func json<Value: Encodable>(_ value: Value, redacting: Bool = true) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let object = try JSONSerialization.jsonObject(with: try encoder.encode(value), options: [.fragmentsAllowed])
        let shown = redacting ? redact(object) : object
        let data = try JSONSerialization.data(
            withJSONObject: shown, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
        return String(decoding: data, as: UTF8.self)
    }

    static let secretKeys: Set<String> = ["password", "accountkey", "sastoken", "secret", "value-secret"]

    static func redact(_ object: Any) -> Any {
        if let dictionary = object as? [String: Any] {
            var copy: [String: Any] = [:]
            for (key, value) in dictionary {
                copy[key] = secretKeys.contains(key.lowercased()) && value is String ? "REDACTED" : redact(value)
            }
            return copy
        }
        if let array = object as? [Any] { return array.map(redact) }
        if let string = object as? String { return Redaction.scrub(text: string) }
        return object
    }
}
