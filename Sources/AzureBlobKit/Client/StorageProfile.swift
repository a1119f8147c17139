import AzureKitCore
import AzureKitSigning
import Foundation

extension ServiceProfile {
    /// Azure Blob Storage: `x-ms-date`, `x-ms-client-request-id`, Storage's retry rule (no 429, most 5xx),
    /// XML error bodies, the `https://storage.azure.com/.default` scope and Storage's Shared Key layout.
    public static let storageBlob = ServiceProfile(
        module: "storage-blob", version: "0.1.0", dateHeader: "x-ms-date",
        clientRequestIDHeader: "x-ms-client-request-id", retry: .storage, errors: .storageXML,
        tokenScopes: ["https://storage.azure.com/.default"], sharedKeyScheme: .storage,
        azureNamespace: "Microsoft.Storage", apiVersion: .header("x-ms-version"), defaultAccept: "application/xml")
}

extension ServiceErrorDecoder {
    /// Storage: `<Error><Code>…</Code><Message>…</Message>…</Error>`; extra elements become details.
    public static let storageXML = ServiceErrorDecoder { body in
        guard let text = String(data: body, encoding: .utf8), let start = text.range(of: "<Error>") else { return nil }
        var fields = Fields()
        var rest = text[start.upperBound...]
        while let open = rest.range(of: "<"), let close = rest[open.upperBound...].range(of: ">") {
            let name = String(rest[open.upperBound..<close.lowerBound])
            if name.hasPrefix("/") || name.hasPrefix("?") || name.hasSuffix("/") || name.isEmpty {
                rest = rest[close.upperBound...]
                continue
            }
            guard let end = rest[close.upperBound...].range(of: "</\(name)>") else { break }
            let value = XMLText.unescape(String(rest[close.upperBound..<end.lowerBound]))
            switch name {
            case "Code": fields.code = value
            case "Message": fields.message = value
            default: fields.details[name] = value
            }
            rest = rest[end.upperBound...]
        }
        return fields.code == nil && fields.message == nil ? nil : fields
    }
}

extension RetryClassifier {
    /// Storage's rule: 408 and every 5xx except 501 and 505, a 4xx whose copy-source error is transient,
    /// and transport failures; never 429 (Storage throttles with 503).
    public static let storage = RetryClassifier { request, outcome in
        switch outcome {
        case .response(let response):
            if response.status == 408 { return true }
            if (500..<600).contains(response.status) { return response.status != 501 && response.status != 505 }
            if let copyError = response.headers["x-ms-copy-source-error-code"] {
                return ["OperationTimedOut", "InternalError", "ServerBusy"].contains(copyError)
            }
            return false
        case .error(let error): return isRetryableTransportFailure(error, of: request)
        }
    }
}
