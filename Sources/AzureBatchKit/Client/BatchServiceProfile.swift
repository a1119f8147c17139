import AzureKitCore
import AzureKitSigning
import Foundation

extension ServiceProfile {
    /// Azure Batch: `ocp-date`, `client-request-id` echoed back, azure-core retry rules, Batch JSON errors,
    /// `api-version` in the query, JSON answers.
    public static let batch = ServiceProfile(
        module: "batch", version: "0.1.0", dateHeader: "ocp-date", clientRequestIDHeader: "client-request-id",
        clientRequestIDEchoHeaders: ["return-client-request-id": "true"], retry: .standard, errors: .batchJSON,
        tokenScopes: ["https://batch.core.windows.net//.default"], sharedKeyScheme: .batch,
        azureNamespace: "Microsoft.Batch", apiVersion: .query("api-version"), defaultAccept: "application/json")
}

extension ServiceErrorDecoder {
    /// Batch: `{"code": "...", "message": {"lang": "...", "value": "..."}, "values": [{"key", "value"}]}`.
    ///
    /// Also reads a plain-string `message`, and the `{"error": {...}}`, `{"odata.error": {...}}` and
    /// `{"errors": [{...}]}` wrappers other Azure endpoints (Entra ID, Container Registry) use.
    public static let batchJSON = ServiceErrorDecoder { body in
        guard let root = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else { return nil }
        var object = root
        if let wrapped = (root["error"] ?? root["odata.error"]) as? [String: Any] {
            object = wrapped
        } else if let list = root["errors"] as? [Any], let first = list.first as? [String: Any] {
            object = first
        }
        let code = object["code"] as? String
        var message: String?
        if let text = object["message"] as? String {
            message = text
        } else if let nested = object["message"] as? [String: Any] {
            message = nested["value"] as? String
        } else if let description = root["error_description"] as? String {
            message = description
        }
        var details: [String: String] = [:]
        for item in object["values"] as? [Any] ?? [] {
            guard let pair = item as? [String: Any], let key = pair["key"] as? String else { continue }
            details[key] = pair["value"].map { "\($0)" } ?? ""
        }
        if code == nil, message == nil, details.isEmpty { return nil }
        return Fields(code: code, message: message, details: details)
    }
}
