import AirlineAnalyticsCore
import AzureBatchKit
import Foundation

/// Prints the request bodies SubmitYears would send, with secrets redacted: registry passwords, and the `sig`
/// of every SAS (the rest of each SAS — permissions, expiry, resource — stays visible for review).
public enum DryRun {
    /// The pool, job and task JSON, each under a heading.
    public static func text(pool: PoolSpecification, job: JobSpecification, completion: JobUpdate,
                            tasks: [TaskSpecification]) throws -> String {
        var text = "POST /pools (only if the pool does not exist)\n" + (try json(pool)) + "\n"
        text += "POST /jobs\n" + (try json(job)) + "\n"
        text += "POST /jobs/\(job.id)/addtaskcollection (\(tasks.count) tasks, in chunks of at most 100)\n"
        text += (try json(["value": tasks])) + "\n"
        text += "PATCH /jobs/\(job.id) (after the tasks are added)\n" + (try json(completion)) + "\n"
        return text
    }

    /// Pretty, key-sorted JSON of `value` with secrets replaced by `REDACTED`.
    public static func json<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let object = try JSONSerialization.jsonObject(with: try encoder.encode(value), options: [.fragmentsAllowed])
        let redacted = redact(object)
        let data = try JSONSerialization.data(withJSONObject: redacted, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
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
        if let string = object as? String { return SecretScrubber.scrub(string) }
        return object
    }
}
