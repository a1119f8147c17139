import AzureKitSigning
import Foundation
import Logging

/// Sends token requests for the identity credentials and turns their answers into ``AccessToken``s.
///
/// Token endpoints are called through a small pipeline of their own (telemetry, retry, logging) with no
/// credential, so secrets in the form body are never logged (bodies are never logged) and a transient
/// failure is retried.
struct TokenEndpoint: Sendable {
    let pipeline: Pipeline
    let credentialName: String

    static let profile = ServiceProfile(
        module: "identity", version: AzureKitCoreVersion.current, dateHeader: "x-ms-date",
        clientRequestIDHeader: "x-ms-client-request-id", retry: .standard, errors: .entraJSON, tokenScopes: [],
        sharedKeyScheme: nil, azureNamespace: "Microsoft.EntraID")

    init(credentialName: String, transport: any HTTPTransport, retry: RetryOptions, timeout: Duration? = nil) {
        self.credentialName = credentialName
        self.pipeline = Pipeline(
            profile: Self.profile, credential: .anonymous,
            options: ServiceClientOptions(retry: retry, transport: transport, timeout: timeout))
    }

    /// POSTs an `application/x-www-form-urlencoded` body.
    func postForm(_ url: URL, fields: [(String, String)], logger: Logger) async throws -> AccessToken {
        let body = PercentEncoding.query(fields)
        let request = HTTPRequest(
            method: .post, url: url,
            headers: ["Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"],
            body: .data(Data(body.utf8)))
        return try await send(request, logger: logger)
    }

    /// GETs a token (managed identity endpoints).
    func get(_ url: URL, headers: HTTPHeaders, logger: Logger) async throws -> AccessToken {
        try await send(HTTPRequest(method: .get, url: url, headers: headers), logger: logger)
    }

    private func send(_ request: HTTPRequest, logger: Logger) async throws -> AccessToken {
        let response: HTTPResponse
        do {
            response = try await pipeline.send(request, operation: "\(credentialName).getToken", logger: logger)
        } catch let error as TransportError {
            throw CredentialUnavailableError(
                credential: credentialName,
                reason: "the identity endpoint \(error.host) could not be reached (\(error.kind.rawValue))")
        }
        guard response.isSuccess else {
            let error = ServiceErrorDecoder.entraJSON.decode(
                response, operation: "\(credentialName).getToken", clientRequestID: nil)
            throw AzureClientError(
                .authenticationFailed,
                "\(credentialName) could not get a token: HTTP \(response.status) \(error.code?.rawValue ?? ""): \(error.message)"
            )
        }
        let token = try Self.parseToken(response.body, credentialName: credentialName)
        Self.logAcquired(token, credentialName: credentialName, logger: pipeline.resolvedLogger(logger))
        return token
    }

    /// Who issued a token and until when explains most authentication problems; the token itself is never logged.
    static func logAcquired(_ token: AccessToken, credentialName: String, logger: Logger) {
        logger.info(
            "token acquired",
            metadata: [
                "az-credential": .string(credentialName),
                "az-expires-on": .string(AzureDateFormat.iso8601(token.expiresOn)),
            ])
    }

    /// Reads `access_token` with `expires_in` (seconds, number or string) or `expires_on` (epoch seconds as
    /// number or string, or a date string as the Azure CLI and App Service emit).
    static func parseToken(_ body: Data, credentialName: String, now: Date = Date()) throws -> AccessToken {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            throw AzureClientError(.authenticationFailed, "\(credentialName): the token response is not a JSON object")
        }
        guard let token = (object["access_token"] ?? object["accessToken"]) as? String, !token.isEmpty else {
            throw AzureClientError(.authenticationFailed, "\(credentialName): the token response has no access_token")
        }
        if let seconds = number(object["expires_in"]) {
            return AccessToken(token: token, expiresOn: now.addingTimeInterval(seconds))
        }
        for key in ["expires_on", "expiresOn"] {
            if let epoch = number(object[key]) {
                return AccessToken(token: token, expiresOn: Date(timeIntervalSince1970: epoch))
            }
            if let text = object[key] as? String, let date = parseDate(text) {
                return AccessToken(token: token, expiresOn: date)
            }
        }
        throw AzureClientError(
            .authenticationFailed, "\(credentialName): the token response does not say when the token expires")
    }

    static func number(_ value: Any?) -> Double? {
        if let number = value as? NSNumber, !(value is Bool) { return number.doubleValue }
        if let text = value as? String { return Double(text.trimmingCharacters(in: .whitespaces)) }
        return nil
    }

    /// ISO 8601 or the CLI's local `2025-10-01 12:00:00.000000` form (treated as local time, as the CLI means it).
    static func parseDate(_ text: String) -> Date? {
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = iso.date(from: text) { return date }
        iso.formatOptions = [.withInternetDateTime]
        if let date = iso.date(from: text) { return date }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        for format in ["yyyy-MM-dd HH:mm:ss.SSSSSS", "yyyy-MM-dd HH:mm:ss"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}

/// A credential in a chain could not even try (not configured, not on Azure, CLI not installed): the chain
/// moves on to the next one.
public struct CredentialUnavailableError: Error, Sendable, CustomStringConvertible {
    public let credential: String
    public let reason: String
    public init(credential: String, reason: String) {
        self.credential = credential
        self.reason = reason
    }
    public var description: String { "\(credential) is unavailable: \(reason)" }
}

extension ServiceErrorDecoder {
    /// Entra ID: `{"error": "invalid_client", "error_description": "AADSTS7000215: …"}`; managed identity
    /// endpoints use the same shape.
    public static let entraJSON = ServiceErrorDecoder { body in
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return nil }
        let code = object["error"] as? String
        let message =
            (object["error_description"] as? String)?.split(separator: "\r\n").first.map(String.init)
            ?? (object["message"] as? String)
        return code == nil && message == nil ? nil : Fields(code: code, message: message)
    }
}

/// The SDK version sent in `User-Agent`.
public enum AzureKitCoreVersion {
    public static let current = "0.1.0"
}
