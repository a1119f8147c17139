import Foundation

extension ServiceProfile {
    /// Azure Resource Manager (`management.azure.com`): Entra ID only, `x-ms-client-request-id` echoed back,
    /// 408/429/5xx retried with `Retry-After` honoured (ARM throttles with 429), `{"error": {…}}` errors.
    public static let resourceManager = ServiceProfile(
        module: "resourcemanager", version: AzureKitCoreVersion.current, dateHeader: "x-ms-date",
        clientRequestIDHeader: "x-ms-client-request-id",
        clientRequestIDEchoHeaders: ["x-ms-return-client-request-id": "true"],
        retry: .standard, errors: .resourceManagerJSON, tokenScopes: ["https://management.azure.com/.default"],
        sharedKeyScheme: nil, azureNamespace: "Microsoft.Resources",
        apiVersion: .query("api-version"), defaultAccept: "application/json")
}

extension ServiceErrorDecoder {
    /// ARM's error shape: `{"error": {"code", "message", "target", "details": [{"code", "message", "target"}…]}}`.
    ///
    /// `target` becomes the detail `target`; each nested detail becomes `details[i]` = `code: message (target)`, so a
    /// validation failure names the property at fault. The message of the first detail is appended when the
    /// outer message is only a summary (ARM's "One or more errors occurred.").
    public static let resourceManagerJSON = ServiceErrorDecoder { body in
        guard let root = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else { return nil }
        let object = (root["error"] as? [String: Any]) ?? root
        let code = object["code"] as? String
        var message = object["message"] as? String
        var details: [String: String] = [:]
        if let target = object["target"] as? String, !target.isEmpty { details["target"] = target }
        for (index, item) in ((object["details"] as? [Any]) ?? []).enumerated() {
            guard let detail = item as? [String: Any] else { continue }
            var text = [detail["code"] as? String, detail["message"] as? String].compactMap { $0 }.joined(
                separator: ": ")
            if let target = detail["target"] as? String, !target.isEmpty { text += " (\(target))" }
            details["details[\(index)]"] = text
            if index == 0, let inner = detail["message"] as? String, message.map({ !$0.contains(inner) }) ?? true {
                message = message.map { "\($0) \(inner)" } ?? inner
            }
        }
        if code == nil, message == nil, details.isEmpty { return nil }
        return Fields(code: code, message: message, details: details)
    }
}
