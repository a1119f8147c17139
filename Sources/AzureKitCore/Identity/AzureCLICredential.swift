import Foundation
import Logging

/// Tokens from the Azure CLI's signed-in account (`az account get-access-token`), for developer machines.
///
/// ```swift
/// let credential = AzureCLICredential()    // after `az login`
/// ```
public struct AzureCLICredential: TokenCredential, CustomStringConvertible {
    /// Runs a command and returns its exit status and output; injectable for tests.
    public typealias CommandRunner =
        @Sendable (_ arguments: [String], _ timeout: Duration) async throws -> CommandResult

    public struct CommandResult: Sendable {
        public var status: Int32
        public var stdout: Data
        public var stderr: Data
        public init(status: Int32, stdout: Data, stderr: Data) {
            self.status = status
            self.stdout = stdout
            self.stderr = stderr
        }
    }

    public let tenantID: String?
    private let timeout: Duration
    private let runner: CommandRunner
    private let cache = TokenCache()

    public init(
        tenantID: String? = nil, timeout: Duration = .seconds(15),
        runner: @escaping CommandRunner = AzureCLICredential.runProcess
    ) {
        self.tenantID = tenantID
        self.timeout = timeout
        self.runner = runner
    }

    public func token(for scopes: [String], logger: Logger) async throws -> AccessToken {
        guard scopes.count == 1, let scope = scopes.first else {
            throw AzureClientError(.invalidArgument, "AzureCLICredential takes exactly one scope, got \(scopes.count)")
        }
        var arguments = ["az", "account", "get-access-token", "--output", "json", "--scope", scope]
        if let tenantID {
            try IdentityValidation.tenant(tenantID)
            arguments += ["--tenant", tenantID]
        }
        let (runner, timeout, command) = (self.runner, self.timeout, arguments)
        return try await cache.token(for: scopes) {
            let result = try await runner(command, timeout)
            let stderr = String(data: result.stderr, encoding: .utf8) ?? ""
            if result.status == 127 || stderr.contains("not found") && result.stdout.isEmpty {
                throw CredentialUnavailableError(
                    credential: "AzureCLICredential", reason: "the Azure CLI ('az') is not installed")
            }
            if stderr.contains("az login") || stderr.contains("az account set") {
                throw CredentialUnavailableError(
                    credential: "AzureCLICredential", reason: "the Azure CLI is not signed in; run 'az login'")
            }
            guard result.status == 0 else {
                let firstLine = stderr.split(separator: "\n").first.map(String.init) ?? "exit status \(result.status)"
                throw AzureClientError(
                    .authenticationFailed,
                    "AzureCLICredential: az failed: \(Redaction.default.redactURLString(firstLine))")
            }
            let token = try TokenEndpoint.parseToken(result.stdout, credentialName: "AzureCLICredential")
            TokenEndpoint.logAcquired(token, credentialName: "AzureCLICredential", logger: logger)
            return token
        }
    }

    /// Runs `arguments` through `/usr/bin/env`, stopping it after `timeout`.
    public static let runProcess: CommandRunner = { arguments, timeout in
        let az = ChildProcess(URL(fileURLWithPath: "/usr/bin/env"), arguments, timeLimit: timeout)
        let result: ChildProcess.Result
        do { result = try await az.run() } catch {
            throw CredentialUnavailableError(
                credential: "AzureCLICredential", reason: "cannot start the Azure CLI: \(error)")
        }
        if result.timedOut {
            throw CredentialUnavailableError(
                credential: "AzureCLICredential", reason: "the Azure CLI did not answer within \(timeout)")
        }
        return CommandResult(status: result.status, stdout: result.standardOutput, stderr: result.standardError)
    }

    public var description: String { "AzureCLICredential(tenantID: \(tenantID ?? "default"))" }
}
