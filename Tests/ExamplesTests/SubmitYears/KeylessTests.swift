import AzureBatchKit
import AzureBlobKit
import AzureKitCore
import AzureKitTesting
import AzureRegistryKit
import Foundation
import SubmitYearsCore
import Testing

/// SubmitYears keyless mode (`--identity`): the pool gets the user-assigned identity through the Batch management
/// API after an RBAC preflight, tasks carry plain blob URLs and the identity's client id, and nothing secret is
/// printed or sent.
@Suite("SubmitYears keyless mode")
struct KeylessTests {
    static let identity =
        "/subscriptions/subid/resourceGroups/rg-identity/providers/Microsoft.ManagedIdentity/userAssignedIdentities/airlines-pool"
    static let principal = "11111111-2222-3333-4444-555555555555"
    static let clientID = "66666666-7777-8888-9999-000000000000"
    static let registryID =
        "/subscriptions/subid/resourceGroups/rg-registry/providers/Microsoft.ContainerRegistry/registries/devregistry"
    static let storageID =
        "/subscriptions/subid/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/demo"
    static let containerID = storageID + "/blobServices/default/containers/demo"
    static let arm = "https://management.azure.com"
    static let poolURL =
        arm
        + "/subscriptions/subid/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/acct/pools/airlines?api-version=2024-07-01"

    /// Key, SAS signature, password, connection-string secret, bearer token or base64 key: none may appear.
    static let secretShapes = [
        #"sig="#, #"(?i)password"#, #"(?i)accountkey"#, #"(?i)sharedaccesssignature"#, #"(?i)sharedaccesskey"#,
        #"(?i)client_secret"#, #"Bearer [A-Za-z0-9._~+/-]{8,}"#, #"[A-Za-z0-9+/]{40,}={1,2}"#, #"\bsv=20\d\d-"#,
        "REDACTED",
    ]

    static func secretShapesFound(in text: String) -> [String] {
        secretShapes.filter { text.range(of: $0, options: .regularExpression) != nil }
    }

    static func settings() throws -> AzureSettings {
        try AzureSettings.load(
            environment: EnvironmentVariables([
                "AZURE_BATCH_ENDPOINT": "https://acct.westeurope.batch.azure.com",
                "AZURE_STORAGE_ACCOUNT": "demo",
            ]))
    }

    static func app(
        transport: any HTTPTransport, console: Console, dryRun: Bool, clientsMade: ClientsMade = ClientsMade()
    ) throws -> SubmitYearsApp {
        var options = SubmitYearsApp.Options()
        options.jobID = "airlines-test-job"
        options.dryRun = dryRun
        options.keyless = KeylessOptions(identity: identity, resourceGroup: "rg-batch")
        let real = AzureClock.continuous
        let immediate = AzureClock(now: real.now, sleep: { _ in }, random: { 0.5 })
        return SubmitYearsApp(
            options: options, settings: try settings(),
            environment: EnvironmentVariables(["AIRLINE_IMAGE": "devregistry.azurecr.io/airline-analytics:1.0"]),
            console: console,
            taskProgram: URL(fileURLWithPath: "/bin/false"),
            progressOptions: TaskProgressOptions(interval: .milliseconds(1), jitter: 0, clock: immediate),
            makeClients: { settings, submit in
                clientsMade.mark()
                let core = ServiceClientOptions(retry: .init(maxRetries: 0), transport: transport)
                let keyless = try #require(submit.keyless)
                let management = try BatchManagementClient(
                    account: keyless.account, credential: .anonymous, options: .init(core: core))
                let batch = try BatchClient(
                    endpoint: try #require(try settings.batch).endpoint, credential: .anonymous,
                    options: BatchClientOptions(core: core))
                let registry = try RegistryAccess.anonymous(loginServer: "devregistry.azurecr.io").client(
                    options: .init(core: core))
                let preflight = KeylessPreflight(
                    resourceManager: management.resourceManager, identity: keyless.identity,
                    subscriptionID: keyless.account.subscriptionID)
                return AzureClients(
                    batch: batch, registry: registry, sasIssuer: nil,
                    keyless: KeylessClients(settings: keyless, management: management, preflight: preflight))
            })
    }

    final class ClientsMade: @unchecked Sendable {
        private let lock = NSLock()
        private var made = false
        func mark() { lock.withLock { made = true } }
        var value: Bool { lock.withLock { made } }
    }

    @Test(
        "--dry-run prints the management request with the identity and the tasks, proves there is nothing to redact, sends nothing"
    )
    func dryRun() async throws {
        let transport = FixtureTransport(fixture: Fixture(name: "none", interactions: []))
        let (console, captured) = Console.capturing()
        let made = ClientsMade()
        let status = await (try Self.app(transport: transport, console: console, dryRun: true, clientsMade: made)).run()
        let text = captured.text
        #expect(status == 0, "\(text)")
        #expect(transport.requests.isEmpty && !made.value, "a dry run sends nothing")
        #expect(text.contains("PUT \(Self.poolURL)"))
        #expect(text.contains("If-None-Match: *"))
        #expect(text.contains("\"userAssignedIdentities\""))
        #expect(text.contains("\"\(Self.identity)\" : {") || text.contains("\"\(Self.identity)\": {"))
        #expect(text.contains("\"identityReference\""))
        #expect(
            text.contains("\"nodeAgentSkuId\"") && text.contains("\"DockerCompatible\"")
                && text.contains("\"fixedScale\""))
        #expect(text.contains("POST /jobs/airlines-test-job/addtaskcollection (8 tasks"))
        #expect(text.contains("--identity-client-id"))
        #expect(
            text.contains("wasbs://demo@demo.blob.core.windows.net/raw/airlines/2008.csv.bz2")
                || text.contains("https://demo.blob.core.windows.net/demo/raw/airlines/2008.csv.bz2"))
        #expect(text.contains("Nothing to redact"))
        #expect(Self.secretShapesFound(in: text) == [], "secret-shaped text in the dry run:\n\(text)")
    }

    /// The management-plane side of a keyless run: identity, registry and storage lookups, role assignments,
    /// create-if-absent and the pool read back with the identity's client id.
    static func armInteractions(containerRoles: [String], poolExistsWithoutIdentity: Bool = false) -> [Fixture
        .Interaction]
    {
        func assignments(_ scope: String, _ roles: [String]) -> String {
            let items = roles.enumerated().map { index, role in
                #"{"id":"\#(scope)/providers/Microsoft.Authorization/roleAssignments/ra\#(index)","properties":{"roleDefinitionId":"/subscriptions/subid/providers/Microsoft.Authorization/roleDefinitions/\#(role)","principalId":"\#(principal)","scope":"\#(scope)"}}"#
            }
            return #"{"value":[\#(items.joined(separator: ","))]}"#
        }
        let filter = "$filter=principalId%20eq%20'\(principal)'"
        let pool = """
            {"id":"/subscriptions/subid/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/acct/pools/airlines","name":"airlines",
             "properties":{"vmSize":"STANDARD_E2S_V3","provisioningState":"Succeeded"},
             "identity":{"type":"UserAssigned","userAssignedIdentities":{"\(identity)":{"principalId":"\(principal)","clientId":"\(clientID)"}}}}
            """
        return [
            .init(
                request: .init(method: "GET", url: arm + identity + "?api-version=2023-01-31"),
                response: .init(
                    status: 200,
                    body:
                        #"{"id":"\#(identity)","name":"airlines-pool","properties":{"tenantId":"t","principalId":"\#(principal)","clientId":"\#(clientID)"}}"#
                )),
            .init(
                request: .init(
                    method: "GET",
                    url: arm
                        + "/subscriptions/subid/resources?api-version=2021-04-01&$filter=resourceType%20eq%20'Microsoft.ContainerRegistry/registries'%20and%20name%20eq%20'devregistry'"
                ),
                response: .init(status: 200, body: #"{"value":[{"id":"\#(registryID)","name":"devregistry"}]}"#)),
            .init(
                request: .init(
                    method: "GET",
                    url: arm + registryID + "/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&"
                        + filter),
                response: .init(status: 200, body: assignments(registryID, [BuiltInRole.acrPull.guid]))),
            .init(
                request: .init(
                    method: "GET",
                    url: arm
                        + "/subscriptions/subid/resources?api-version=2021-04-01&$filter=resourceType%20eq%20'Microsoft.Storage/storageAccounts'%20and%20name%20eq%20'demo'"
                ),
                response: .init(status: 200, body: #"{"value":[{"id":"\#(storageID)","name":"demo"}]}"#)),
            .init(
                request: .init(
                    method: "GET",
                    url: arm
                        + "/subscriptions/subid/resources?api-version=2021-04-01&$filter=resourceType%20eq%20'Microsoft.Storage/storageAccounts'%20and%20name%20eq%20'demo'"
                ),
                response: .init(status: 200, body: #"{"value":[{"id":"\#(storageID)","name":"demo"}]}"#)),
            .init(
                request: .init(
                    method: "GET",
                    url: arm + containerID
                        + "/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&" + filter),
                response: .init(status: 200, body: assignments(storageID, containerRoles))),
            .init(
                request: .init(
                    method: "GET",
                    url: arm + containerID
                        + "/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&" + filter),
                response: .init(status: 200, body: assignments(storageID, containerRoles))),
            poolExistsWithoutIdentity
                ? .init(
                    request: .init(method: "PUT", url: poolURL, headers: ["If-None-Match": "*"]),
                    response: .init(
                        status: 412, body: #"{"error":{"code":"PreconditionFailed","message":"The pool exists."}}"#))
                : .init(
                    request: .init(method: "PUT", url: poolURL, headers: ["If-None-Match": "*"]),
                    response: .init(status: 200, body: pool)),
            .init(
                request: .init(method: "GET", url: poolURL),
                response: .init(
                    status: 200,
                    body: poolExistsWithoutIdentity
                        ? #"{"name":"airlines","properties":{"vmSize":"STANDARD_E2S_V3"}}"# : pool)),
        ]
    }

    @Test(
        "a keyless run: preflight, pool through ARM with the identity, tasks with plain URLs; nothing secret sent or printed"
    )
    func keylessRun() async throws {
        // The data-plane part of the recorded SAS run, without its data-plane pool create.
        let recorded = try Fixture.load(contentsOf: Fixtures.url("submit-years-azure.json"))
        let dataPlane = recorded.interactions.filter {
            !($0.request.method == "POST" && $0.request.url.contains("/pools?"))
        }
        let fixture = Fixture(
            name: "keyless",
            interactions: Self.armInteractions(containerRoles: [BuiltInRole.storageBlobDataContributor.guid])
                + dataPlane)
        let transport = FixtureTransport(fixture: fixture)
        let (console, captured) = Console.capturing()
        let status = await (try Self.app(transport: transport, console: console, dryRun: false)).run()
        let text = captured.text
        #expect(status == 1, "the recorded run has one failed task:\n\(text)")
        try transport.assertAllUsed()
        #expect(text.contains("Preflight: identity airlines-pool exists (client id \(Self.clientID))"))
        #expect(text.contains("Preflight: identity airlines-pool has AcrPull on \(Self.registryID)"))
        #expect(
            text.contains("Preflight: identity airlines-pool has Storage Blob Data Contributor on \(Self.containerID)"))
        #expect(text.contains("Pool airlines: created with identity airlines-pool"))
        #expect(text.contains("Tasks: 8 added"))
        let add = try #require(transport.requests.first { $0.url.path.hasSuffix("/addtaskcollection") })
        let tasks = String(decoding: try await add.body.collect(), as: UTF8.self)
        #expect(tasks.contains("--identity-client-id \(Self.clientID)"))
        let create = try #require(transport.requests.first { $0.method == .put })
        let createBody = String(decoding: try await create.body.collect(), as: UTF8.self)
        #expect(createBody.contains("\"userAssignedIdentities\"") && createBody.contains("identityReference"))
        var sent = ""
        for request in transport.requests {
            sent += "\(request.method.rawValue) \(request.url.absoluteString)\n"
            for field in request.headers { sent += "\(field.name): \(field.value)\n" }
            sent += String(decoding: try await request.body.collect(), as: UTF8.self) + "\n"
        }
        #expect(Self.secretShapesFound(in: sent) == [], "secret-shaped text sent:\n\(sent)")
        #expect(Self.secretShapesFound(in: text) == [], "secret-shaped text printed:\n\(text)")
    }

    @Test("a missing role stops the run before anything is created, with the az command that fixes it")
    func missingRole() async throws {
        let fixture = Fixture(
            name: "keyless-missing-role",
            interactions: Self.armInteractions(containerRoles: [BuiltInRole.storageBlobDataReader.guid]) + [
                .init(
                    request: .init(
                        method: "HEAD", url: "https://devregistry.azurecr.io/v2/airline-analytics/manifests/1.0"),
                    response: .init(
                        status: 200, headers: ["Docker-Content-Digest": "sha256:" + String(repeating: "a", count: 64)]))
            ])
        let transport = FixtureTransport(fixture: fixture)
        let (console, captured) = Console.capturing()
        let status = await (try Self.app(transport: transport, console: console, dryRun: false)).run()
        #expect(status == 1)
        #expect(!transport.requests.contains { $0.method == .put }, "no pool is created")
        let errors = captured.text.split(separator: "\n").filter { $0.hasPrefix("error:") }
        #expect(errors.count == 1)
        let error = String(errors.first ?? "")
        #expect(
            error.contains(
                "assign Storage Blob Data Contributor on \(Self.containerID) to identity airlines-pool to write the results"
            ), "\(error)")
        #expect(error.contains("az role assignment create --assignee-object-id \(Self.principal)"), "\(error)")
        #expect(
            captured.text.contains(
                "Preflight: identity airlines-pool has Storage Blob Data Reader on \(Self.containerID)"))
    }

    @Test("an existing pool without the identity stops the run before any job: its nodes could not use it")
    func existingPoolWithoutIdentity() async throws {
        let fixture = Fixture(
            name: "keyless-old-pool",
            interactions: Self.armInteractions(
                containerRoles: [BuiltInRole.storageBlobDataContributor.guid], poolExistsWithoutIdentity: true) + [
                    .init(
                        request: .init(
                            method: "HEAD", url: "https://devregistry.azurecr.io/v2/airline-analytics/manifests/1.0"),
                        response: .init(status: 200))
                ])
        let transport = FixtureTransport(fixture: fixture)
        let (console, captured) = Console.capturing()
        let status = await (try Self.app(transport: transport, console: console, dryRun: false)).run()
        #expect(status == 1)
        try transport.assertAllUsed()
        #expect(captured.text.contains("Pool airlines: exists, reusing it"))
        #expect(
            captured.text.contains("error: pool airlines exists without identity airlines-pool attached"),
            "\(captured.text)")
        #expect(!transport.requests.contains { $0.url.path.hasSuffix("/jobs") })
    }

    @Test("SAS mode with a registry identity does not create a pool that cannot pull: it points at --identity")
    func registryIdentityWithoutKeyless() async throws {
        let fixture = Fixture(
            name: "sas-with-identity",
            interactions: [
                .init(
                    request: .init(
                        method: "HEAD", url: "https://devregistry.azurecr.io/v2/airline-analytics/manifests/1.0"),
                    response: .init(status: 200)),
                .init(
                    request: .init(
                        method: "HEAD",
                        url: "https://acct.westeurope.batch.azure.com/pools/airlines?api-version=2025-06-01"),
                    response: .init(status: 404)),
            ])
        let transport = FixtureTransport(fixture: fixture)
        let (console, captured) = Console.capturing()
        let key = Data(repeating: 7, count: 64).base64EncodedString()
        let settings = try AzureSettings.load(
            environment: EnvironmentVariables([
                "AZURE_BATCH_ENDPOINT": "https://acct.westeurope.batch.azure.com", "AZURE_STORAGE_ACCOUNT": "demo",
                "AZURE_STORAGE_KEY": key,
                "AZURE_REGISTRY_IDENTITY_ID": Self.identity,
            ]))
        var options = SubmitYearsApp.Options()
        options.jobID = "airlines-test-job"
        let app = SubmitYearsApp(
            options: options, settings: settings,
            environment: EnvironmentVariables(["AIRLINE_IMAGE": "devregistry.azurecr.io/airline-analytics:1.0"]),
            console: console, taskProgram: URL(fileURLWithPath: "/bin/false"),
            makeClients: { settings, _ in
                let core = ServiceClientOptions(retry: .init(maxRetries: 0), transport: transport)
                let batch = try BatchClient(
                    endpoint: try #require(try settings.batch).endpoint, credential: .anonymous,
                    options: BatchClientOptions(core: core))
                let registry = try RegistryAccess.anonymous(loginServer: "devregistry.azurecr.io").client(
                    options: .init(core: core))
                return AzureClients(
                    batch: batch, registry: registry,
                    sasIssuer: try .accountKey(try #require(try settings.storage?.credential.sharedKey)))
            })
        #expect(await app.run() == 1)
        try transport.assertAllUsed()
        #expect(
            captured.text.contains("only the Batch management API can attach: run keyless with --identity"),
            "\(captured.text)")
    }

    @Test("role assignments the caller may not read are a warning, not a failure")
    func unreadableRoles() async throws {
        let identity = try ResourceID(parsing: Self.identity)
        let fixture = Fixture(
            name: "forbidden",
            interactions: [
                Self.armInteractions(containerRoles: [])[0], Self.armInteractions(containerRoles: [])[1],
                .init(
                    request: .init(
                        method: "GET",
                        url: Self.arm + Self.registryID
                            + "/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&$filter=principalId%20eq%20'\(Self.principal)'"
                    ),
                    response: .init(
                        status: 403,
                        body:
                            #"{"error":{"code":"AuthorizationFailed","message":"The client does not have authorization to perform action 'Microsoft.Authorization/roleAssignments/read'."}}"#
                    )),
            ])
        let arm = try ResourceManagerClient(
            credential: .anonymous, options: .init(retry: .none, transport: FixtureTransport(fixture: fixture)))
        let report = await KeylessPreflight(resourceManager: arm, identity: identity, subscriptionID: "subid")
            .run(registryName: "devregistry", storageAccount: nil, inputContainer: nil, outputContainer: nil)
        #expect(report.problems.isEmpty)
        #expect(report.warnings.count == 1)
        #expect(
            report.warnings.first?.contains(
                "cannot read role assignments on \(Self.registryID) (HTTP 403 AuthorizationFailed") == true)
        #expect(report.warnings.first?.contains("make sure identity airlines-pool has AcrPull") == true)
    }

    @Test("a custom role the check cannot judge is a warning; a known role that grants too little is a problem")
    func customAndInsufficientRoles() async throws {
        let identity = try ResourceID(parsing: Self.identity)
        let custom = "0f0f0f0f-1111-2222-3333-444444444444"
        let all = Self.armInteractions(containerRoles: [BuiltInRole.contributor.guid])
        var registryRoles = all[2]
        registryRoles.response = .init(
            status: 200,
            body:
                #"{"value":[{"id":"x","properties":{"roleDefinitionId":"/providers/Microsoft.Authorization/roleDefinitions/\#(custom)","principalId":"\#(Self.principal)","scope":"/subscriptions/subid"}}]}"#
        )
        let fixture = Fixture(name: "roles", interactions: [all[0], all[1], registryRoles, all[3], all[5]])
        let arm = try ResourceManagerClient(
            credential: .anonymous, options: .init(retry: .none, transport: FixtureTransport(fixture: fixture)))
        let report = await KeylessPreflight(resourceManager: arm, identity: identity, subscriptionID: "subid")
            .run(registryName: "devregistry", storageAccount: "demo", inputContainer: "demo", outputContainer: nil)
        #expect(
            report.warnings.count == 1
                && report.warnings.first?.contains(
                    "\(custom) on \(Self.registryID), which this check does not recognise") == true,
            "\(report.warnings)")
        // Contributor manages the account but grants no blob data access.
        #expect(
            report.problems.count == 1
                && report.problems.first?.hasPrefix("assign Storage Blob Data Reader on \(Self.containerID)") == true,
            "\(report.problems)")
    }

    @Test("an identity that does not exist is a problem with the command that creates it")
    func missingIdentity() async throws {
        let identity = try ResourceID(parsing: Self.identity)
        let fixture = Fixture(
            name: "no-identity",
            interactions: [
                .init(
                    request: .init(method: "GET", url: Self.arm + Self.identity + "?api-version=2023-01-31"),
                    response: .init(
                        status: 404,
                        body:
                            #"{"error":{"code":"ResourceNotFound","message":"The Resource 'Microsoft.ManagedIdentity/userAssignedIdentities/airlines-pool' under resource group 'rg-identity' was not found."}}"#
                    ))
            ])
        let arm = try ResourceManagerClient(
            credential: .anonymous, options: .init(retry: .none, transport: FixtureTransport(fixture: fixture)))
        let report = await KeylessPreflight(resourceManager: arm, identity: identity, subscriptionID: "subid")
            .run(
                registryName: "devregistry", storageAccount: "demo", inputContainer: "raw",
                outputContainer: "aggregated")
        #expect(
            report.problems == [
                "identity \(Self.identity) does not exist: create it with `az identity create --name airlines-pool --resource-group rg-identity`"
            ])
    }

    @Test("the command line's keyless flags reach the options")
    func commandLine() throws {
        let command = try SubmitYearsCommand.parse([
            "--identity", Self.identity, "--subscription", "sub-2", "--resource-group", "rg-batch", "--batch-account",
            "jobs",
            "--identity-client-id", Self.clientID, "--dry-run",
        ])
        let keyless = command.appOptions.keyless
        #expect(
            keyless.identity == Self.identity && keyless.subscription == "sub-2" && keyless.resourceGroup == "rg-batch")
        #expect(keyless.batchAccount == "jobs" && keyless.identityClientID == Self.clientID)
    }

    @Test(
        "keyless settings: identity, subscription from the identity, resource group required, account from the endpoint"
    )
    func settingsResolution() throws {
        let settings = try Self.settings()
        let resolved = try #require(
            try KeylessSettings.resolve(
                KeylessOptions(identity: Self.identity, resourceGroup: "rg-batch"),
                settings: settings, environment: EnvironmentVariables([:])))
        #expect(
            resolved.account.resourceID
                == "/subscriptions/subid/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/acct")
        #expect(
            try KeylessSettings.resolve(KeylessOptions(), settings: settings, environment: EnvironmentVariables([:]))
                == nil)
        #expect {
            try KeylessSettings.resolve(
                KeylessOptions(identity: Self.identity), settings: settings, environment: EnvironmentVariables([:]))
        } throws: { "\($0)".contains("--resource-group") }
        #expect {
            try KeylessSettings.resolve(
                KeylessOptions(identity: Self.registryID, resourceGroup: "g"), settings: settings,
                environment: EnvironmentVariables([:]))
        } throws: { "\($0)".contains("not a user-assigned managed identity") }
        let fromEnvironment = try KeylessSettings.resolve(
            KeylessOptions(), settings: settings,
            environment: EnvironmentVariables([
                "AZURE_POOL_IDENTITY_ID": Self.identity, "AZURE_RESOURCE_GROUP": "rg-env",
                "AZURE_SUBSCRIPTION_ID": "other-sub",
            ]))
        #expect(
            fromEnvironment?.account.subscriptionID == "other-sub" && fromEnvironment?.account.resourceGroup == "rg-env"
        )
    }
}
