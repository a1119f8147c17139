import AzureKitCore
import AzureKitTesting
import Foundation
import Testing

@testable import AzureBatchKit

/// The Batch management client against the official management-plane examples (api-version 2024-07-01) and the
/// ARM conventions around them: long-running operations, create-if-absent, throttling, errors.
@Suite("Batch management client")
struct ManagementClientTests {
    static let id1 =
        "/subscriptions/subid/resourceGroups/default-azurebatch-japaneast/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1"
    static let id2 =
        "/subscriptions/subid/resourceGroups/default-azurebatch-japaneast/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id2"
    static let poolIdentity =
        "/subscriptions/subid/resourceGroups/default-azurebatch-japaneast/providers/Microsoft.ManagedIdentity/userAssignedIdentities/airlines-pool"

    /// The airline pool: pulls from ACR with its identity, three Spot nodes.
    static let airlinesPool = PoolSpecification(id: "airlines", vmSize: .standardE2sV3) {
        Image.ubuntu2404Containers
        Containers(
            images: ["myregistry.azurecr.io/airline-analytics:1.0"],
            registries: [.managedIdentity("myregistry.azurecr.io", resourceID: poolIdentity)])
        Nodes(spot: 3)
    }

    @Test("PoolCreate_UserAssignedIdentities: the DSL produces the example's body; the answer decodes with client ids")
    func createWithUserAssignedIdentities() async throws {
        let example = try ManagementExamples.example("PoolCreate_UserAssignedIdentities")
        let fixture = Fixture(
            name: "create-uai",
            interactions: [
                .init(
                    request: .init(
                        method: "PUT", url: try ManagementExamples.poolURL(example),
                        body: try ManagementExamples.requestBody(example)),
                    response: try ManagementExamples.response(example, status: 200))
            ])
        let transport = FixtureTransport(fixture: fixture)
        let credential = RecordingTokenCredential(token: "fake-management-token")
        let client = try ManagementExamples.client(
            try ManagementExamples.account(example), transport: transport, credential: .token(credential))
        let spec = PoolSpecification(id: "testpool", vmSize: "STANDARD_D4") {
            Image(
                ImageReference(publisher: "Canonical", offer: "UbuntuServer", sku: "18.04-LTS", version: "latest"),
                nodeAgent: "batch.node.ubuntu 18.04")
            AutoScale("$TargetDedicatedNodes=1", every: .seconds(300))
            ManagedIdentity(Self.id1)
            ManagedIdentity(Self.id2)
        }
        let pool = try await client.createOrUpdatePool(spec)
        try transport.assertAllUsed()
        #expect(pool.identity?.clientID(of: Self.id1) == "clientId1")
        #expect(pool.identity?.clientID(of: Self.id2.uppercased()) == "clientId2")
        #expect(pool.properties.provisioningState == .succeeded)
        #expect(pool.properties.allocationState?.value == .resizing)
        #expect(pool.properties.taskSchedulingPolicy?.nodeFillType.value == .spread)
        #expect(pool.properties.scaleSettings?.autoScale?.evaluationInterval == .seconds(300))
        #expect(pool.etag == "W/\"0x8D4EDFEBFADF4AB\"")
        let request = try #require(transport.requests.first)
        #expect(request.headers["Authorization"] == "Bearer fake-management-token")
        #expect(credential.scopes == [["https://management.azure.com/.default"]])
        #expect(request.headers["x-ms-client-request-id"] != nil)
        #expect(request.headers["If-None-Match"] == nil)
    }

    @Test("create-if-absent sends If-None-Match: * and a container registry by identity; 200 means created")
    func createIfAbsentCreates() async throws {
        let example = try ManagementExamples.example("PoolCreate_ContainerRegistryIdentity")
        let fixture = Fixture(
            name: "create-if-absent",
            interactions: [
                .init(
                    request: .init(
                        method: "PUT", url: try ManagementExamples.poolURL(example), headers: ["If-None-Match": "*"],
                        body: try ManagementExamples.requestBody(example)),
                    response: try ManagementExamples.response(example, status: 200))
            ])
        let transport = FixtureTransport(fixture: fixture)
        let client = try ManagementExamples.client(try ManagementExamples.account(example), transport: transport)
        #expect(try await client.createPoolIfAbsent(Self.airlinesPool))
        try transport.assertAllUsed()
    }

    @Test("create-if-absent: 412 on If-None-Match: * means the pool exists and is left alone")
    func createIfAbsentExists() async throws {
        let example = try ManagementExamples.example("PoolCreate_ContainerRegistryIdentity")
        let fixture = Fixture(
            name: "exists",
            interactions: [
                .init(
                    request: .init(
                        method: "PUT", url: try ManagementExamples.poolURL(example), headers: ["If-None-Match": "*"]),
                    response: .init(
                        status: 412, headers: ["x-ms-request-id": "req-412"],
                        body: #"{"error":{"code":"PreconditionFailed","message":"The pool already exists."}}"#))
            ])
        let transport = FixtureTransport(fixture: fixture)
        let client = try ManagementExamples.client(try ManagementExamples.account(example), transport: transport)
        #expect(try await !client.createPoolIfAbsent(Self.airlinesPool))
        try transport.assertAllUsed()
        #expect(transport.requests.count == 1)
    }

    @Test("PoolGet: PascalCase values, durations and properties this SDK does not model all decode")
    func getPool() async throws {
        let example = try ManagementExamples.example("PoolGet")
        let fixture = Fixture(
            name: "get",
            interactions: [
                .init(
                    request: .init(method: "GET", url: try ManagementExamples.poolURL(example)),
                    response: try ManagementExamples.response(example, status: 200))
            ])
        let transport = FixtureTransport(fixture: fixture)
        let pool = try await ManagementExamples.client(try ManagementExamples.account(example), transport: transport)
            .pool("testpool")
        #expect(pool.name == "testpool")
        let properties = pool.properties
        #expect(properties.interNodeCommunication == .enabled)
        #expect(properties.taskSchedulingPolicy?.nodeFillType.value == .pack)
        #expect(properties.scaleSettings?.fixedScale?.resizeTimeout == .seconds(480))
        #expect(properties.scaleSettings?.fixedScale?.targetLowPriorityNodes == 28)
        #expect(properties.startTask?.userIdentity?.autoUser?.scope?.value == .pool)
        #expect(properties.startTask?.userIdentity?.autoUser?.elevationLevel?.value == .admin)
        #expect(properties.userAccounts?.first?.password == nil)
        #expect(properties.applicationPackages?.first?.version == "asdf")
        #expect(properties.deploymentConfiguration?.virtualMachineConfiguration?.nodeAgentSkuId == .windowsAMD64)
        #expect(properties.networkConfiguration?.subnetId?.hasSuffix("subnet123") == true)
    }

    @Test("forward compatibility: unknown properties and unknown values from a newer service decode and round-trip")
    func unknownPropertiesDecode() throws {
        let json = """
            {"name": "p", "futureTopLevel": {"x": 1}, "identity": {"type": "UserAssignedPlusSomething", "futureField": true},
             "properties": {"vmSize": "STANDARD_D4", "futureProperty": [1, 2, 3], "interNodeCommunication": "Adaptive",
                            "taskSchedulingPolicy": {"nodeFillType": "Interleave", "futureKnob": "on"},
                            "allocationState": "Hibernating", "provisioningState": "Upgrading",
                            "deploymentConfiguration": {"virtualMachineConfiguration": {"imageReference": {"publisher": "p"},
                                "nodeAgentSkuId": "batch.node.future 30.04", "futureDisk": {},
                                "containerConfiguration": {"type": "WasmCompatible", "futureRegistryMode": "x"}}}}}
            """
        let pool = try JSONDecoder().decode(ManagementPool.self, from: Data(json.utf8))
        #expect(pool.identity?.type.rawValue == "UserAssignedPlusSomething")
        #expect(pool.properties.interNodeCommunication?.rawValue == "Adaptive")
        #expect(pool.properties.taskSchedulingPolicy?.nodeFillType.wireValue == "Interleave")
        #expect(pool.properties.allocationState?.value.rawValue == "Hibernating")
        let containers = pool.properties.deploymentConfiguration?.virtualMachineConfiguration?.containerConfiguration
        #expect(containers?.type.wireValue == "WasmCompatible")
        let again = try JSONDecoder().decode(ManagementPool.self, from: try JSONEncoder().encode(pool))
        #expect(again == pool)
    }

    @Test("PoolDelete: 202 with Location is followed until done, waiting each Retry-After")
    func deleteFollowsLocation() async throws {
        let example = try ManagementExamples.example("PoolDelete")
        let accepted = try ManagementExamples.response(example, status: 202)
        let monitor = try #require(accepted.headers?["Location"])
        let fixture = Fixture(
            name: "delete",
            interactions: [
                .init(
                    request: .init(method: "DELETE", url: try ManagementExamples.poolURL(example)), response: accepted),
                .init(
                    request: .init(method: "GET", url: monitor),
                    response: .init(status: 202, headers: ["Retry-After": "5", "Location": monitor])),
                .init(request: .init(method: "GET", url: monitor), response: .init(status: 200)),
            ])
        let transport = FixtureTransport(fixture: fixture)
        let sleeps = SleepRecorder()
        let client = try ManagementExamples.client(
            try ManagementExamples.account(example), transport: transport, sleeps: sleeps)
        #expect(try await client.deletePool("testpool"))
        try transport.assertAllUsed()
        #expect(await sleeps.waits == [.seconds(15), .seconds(5)])
    }

    @Test("PoolDelete: 204 means there was no such pool; 200 means it is gone already")
    func deleteImmediate() async throws {
        let example = try ManagementExamples.example("PoolDelete")
        let url = try ManagementExamples.poolURL(example)
        let fixture = Fixture(
            name: "delete-now",
            interactions: [
                .init(
                    request: .init(method: "DELETE", url: url),
                    response: try ManagementExamples.response(example, status: 204)),
                .init(
                    request: .init(method: "DELETE", url: url),
                    response: try ManagementExamples.response(example, status: 200)),
            ])
        let transport = FixtureTransport(fixture: fixture)
        let client = try ManagementExamples.client(try ManagementExamples.account(example), transport: transport)
        #expect(try await !client.deletePool("testpool"))
        #expect(try await client.deletePool("testpool"))
        try transport.assertAllUsed()
    }

    @Test("a create answered 201 with Azure-AsyncOperation is polled to Succeeded, then the pool is read")
    func createFollowsAsyncOperation() async throws {
        let example = try ManagementExamples.example("PoolCreate_ContainerRegistryIdentity")
        let poolURL = try ManagementExamples.poolURL(example)
        let status =
            "https://management.azure.com/subscriptions/subid/providers/Microsoft.Batch/locations/westeurope/operationResults/op-1?api-version=2024-07-01"
        let fixture = Fixture(
            name: "create-async",
            interactions: [
                .init(
                    request: .init(method: "PUT", url: poolURL, body: try ManagementExamples.requestBody(example)),
                    response: .init(status: 201, headers: ["Azure-AsyncOperation": status, "Retry-After": "3"])),
                .init(
                    request: .init(method: "GET", url: status),
                    response: .init(status: 200, headers: ["Retry-After": "4"], body: #"{"status":"InProgress"}"#)),
                .init(
                    request: .init(method: "GET", url: status),
                    response: .init(status: 200, body: #"{"status":"Succeeded"}"#)),
                .init(
                    request: .init(method: "GET", url: poolURL),
                    response: try ManagementExamples.response(example, status: 200)),
            ])
        let transport = FixtureTransport(fixture: fixture)
        let sleeps = SleepRecorder()
        let client = try ManagementExamples.client(
            try ManagementExamples.account(example), transport: transport, sleeps: sleeps)
        let pool = try await client.createOrUpdatePool(Self.airlinesPool)
        try transport.assertAllUsed()
        #expect(pool.identity?.clientID(of: Self.poolIdentity) == "66666666-7777-8888-9999-000000000000")
        #expect(await sleeps.waits == [.seconds(3), .seconds(4)])
    }

    @Test("a failed asynchronous operation throws the operation's error code")
    func asyncOperationFails() async throws {
        let example = try ManagementExamples.example("PoolCreate_ContainerRegistryIdentity")
        let status =
            "https://management.azure.com/subscriptions/subid/providers/Microsoft.Batch/locations/westeurope/operationResults/op-2?api-version=2024-07-01"
        let fixture = Fixture(
            name: "create-async-fails",
            interactions: [
                .init(
                    request: .init(method: "PUT", url: try ManagementExamples.poolURL(example)),
                    response: .init(status: 202, headers: ["Azure-AsyncOperation": status])),
                .init(
                    request: .init(method: "GET", url: status),
                    response: .init(
                        status: 200,
                        body: """
                            {"status":"Failed","error":{"code":"InvalidIdentityReference","message":"The identity is not attached to the pool."}}
                            """)),
            ])
        let client = try ManagementExamples.client(
            try ManagementExamples.account(example), transport: FixtureTransport(fixture: fixture))
        await #expect {
            try await client.createOrUpdatePool(Self.airlinesPool)
        } throws: { error in
            let error = error as? AzureServiceError
            return error?.code?.rawValue == "InvalidIdentityReference"
                && error?.message.contains("not attached") == true
        }
    }

    @Test("an operation monitor on another host is refused: the management token never leaves management.azure.com")
    func foreignMonitorRefused() async throws {
        let example = try ManagementExamples.example("PoolDelete")
        let fixture = Fixture(
            name: "foreign",
            interactions: [
                .init(
                    request: .init(method: "DELETE", url: try ManagementExamples.poolURL(example)),
                    response: .init(status: 202, headers: ["Location": "https://attacker.example/steal"]))
            ])
        let transport = FixtureTransport(fixture: fixture)
        let client = try ManagementExamples.client(try ManagementExamples.account(example), transport: transport)
        await #expect { try await client.deletePool("testpool") } throws: { error in
            (error as? AzureClientError)?.kind == .unexpectedResponse && "\(error)".contains("attacker.example")
        }
        #expect(transport.requests.count == 1)
    }

    @Test("ARM throttling: 429 with Retry-After is retried after exactly that wait")
    func throttling() async throws {
        let example = try ManagementExamples.example("PoolGet")
        let url = try ManagementExamples.poolURL(example)
        let fixture = Fixture(
            name: "throttled",
            interactions: [
                .init(
                    request: .init(method: "GET", url: url),
                    response: .init(
                        status: 429, headers: ["Retry-After": "7", "x-ms-ratelimit-remaining-subscription-reads": "0"],
                        body: #"{"error":{"code":"TooManyRequests","message":"The request is being throttled."}}"#)),
                .init(
                    request: .init(method: "GET", url: url),
                    response: try ManagementExamples.response(example, status: 200)),
            ])
        let transport = FixtureTransport(fixture: fixture)
        let sleeps = SleepRecorder()
        let pool = try await ManagementExamples.client(
            try ManagementExamples.account(example), transport: transport, sleeps: sleeps
        ).pool("testpool")
        #expect(pool.name == "testpool")
        #expect(await sleeps.waits == [.seconds(7)])
        try transport.assertAllUsed()
    }

    @Test("ARM errors decode: code, message with the first detail, target, details, request and correlation ids")
    func armErrorDecoding() async throws {
        let example = try ManagementExamples.example("PoolCreate_ContainerRegistryIdentity")
        let fixture = Fixture(
            name: "bad-request",
            interactions: [
                .init(
                    request: .init(method: "PUT", url: try ManagementExamples.poolURL(example)),
                    response: .init(
                        status: 400,
                        headers: [
                            "x-ms-request-id": "req-123", "x-ms-correlation-request-id": "corr-456",
                            "Content-Type": "application/json",
                        ],
                        body: """
                            {"error":{"code":"InvalidRequestBody","message":"One or more errors occurred.","target":"properties",
                             "details":[{"code":"PropertyValueInvalid","message":"The value of vmSize is not supported.","target":"vmSize"}]}}
                            """))
            ])
        let client = try ManagementExamples.client(
            try ManagementExamples.account(example), transport: FixtureTransport(fixture: fixture))
        do {
            try await client.createOrUpdatePool(Self.airlinesPool)
            Issue.record("expected a 400")
        } catch let error as AzureServiceError {
            #expect(error.status == 400)
            #expect(error.code?.rawValue == "InvalidRequestBody")
            #expect(error.message == "One or more errors occurred. The value of vmSize is not supported.")
            #expect(error.details["target"] == "properties")
            #expect(
                error.details["details[0]"] == "PropertyValueInvalid: The value of vmSize is not supported. (vmSize)")
            #expect(error.details["correlationRequestID"] == "corr-456")
            #expect(error.requestID == "req-123")
            #expect(error.description.contains("Pool_Create failed: HTTP 400 InvalidRequestBody"))
        }
    }

    @Test("the data plane refuses a pool with identities instead of creating one whose nodes cannot pull")
    func dataPlaneRefusesIdentities() async throws {
        let transport = FixtureTransport(fixture: Fixture(name: "none", interactions: []))
        await #expect {
            try await TestSupport.client(transport).createPool(Self.airlinesPool)
        } throws: { error in
            (error as? AzureClientError)?.kind == .invalidArgument && "\(error)".contains("BatchManagementClient")
        }
        #expect(transport.requests.isEmpty)
        // Its data-plane body never carries the identity list.
        let body = try #require(
            try JSONSerialization.jsonObject(with: try JSONEncoder().encode(Self.airlinesPool)) as? [String: Any])
        #expect(body["userAssignedIdentities"] == nil && body["identity"] == nil && body["id"] as? String == "airlines")
    }

    @Test("one description, management spelling: start task, users, network, mounts, applications")
    func managementSpelling() throws {
        let account = try BatchAccountReference(subscriptionID: "subid", resourceGroup: "rg", accountName: "acct")
        var spec = PoolSpecification(id: "p", vmSize: .standardD2sV5) {
            Image.ubuntu2404Containers
            TaskSlots(2, fill: .pack)
            StartTask(commandLine: "/bin/true", userIdentity: .taskAdmin, maxTaskRetryCount: 1)
            NetworkConfiguration(
                dynamicVNetAssignmentScope: .job, publicIPAddressConfiguration: .init(provision: .noPublicIPAddresses))
            MountConfiguration(
                cifsMountConfiguration: .init(
                    username: "u", source: "//s/share", relativeMountPath: "m", password: "cifs-secret"))
            MountConfiguration(
                azureBlobFileSystemConfiguration: .init(
                    accountName: "a", containerName: "c", relativeMountPath: "b",
                    identityReference: IdentityReference(resourceId: Self.id2)))
        }
        spec.applicationPackageReferences = [ApplicationPackageReference(applicationId: "tools", version: "1")]
        spec.userAccounts = [UserAccount(name: "runner", password: "user-secret", elevationLevel: .nonAdmin)]
        spec.enableInterNodeCommunication = false
        let json = try #require(
            try JSONSerialization.jsonObject(
                with: try BatchManagementClient.encode(ManagementPool(spec, account: account))) as? [String: Any])
        let properties = try #require(json["properties"] as? [String: Any])
        #expect((properties["taskSchedulingPolicy"] as? [String: Any])?["nodeFillType"] as? String == "Pack")
        #expect(properties["interNodeCommunication"] as? String == "Disabled")
        let autoUser =
            ((properties["startTask"] as? [String: Any])?["userIdentity"] as? [String: Any])?["autoUser"]
            as? [String: Any]
        #expect(autoUser?["scope"] as? String == "Task" && autoUser?["elevationLevel"] as? String == "Admin")
        let network = try #require(properties["networkConfiguration"] as? [String: Any])
        #expect(network["dynamicVnetAssignmentScope"] as? String == "job")
        #expect(
            (network["publicIPAddressConfiguration"] as? [String: Any])?["provision"] as? String
                == "NoPublicIPAddresses")
        let mounts = try #require(properties["mountConfiguration"] as? [[String: Any]])
        #expect((mounts.first?["cifsMountConfiguration"] as? [String: Any])?["userName"] as? String == "u")
        #expect((properties["userAccounts"] as? [[String: Any]])?.first?["elevationLevel"] as? String == "NonAdmin")
        #expect(
            (properties["applicationPackages"] as? [[String: Any]])?.first?["id"] as? String
                == "/subscriptions/subid/resourceGroups/rg/providers/Microsoft.Batch/batchAccounts/acct/applications/tools"
        )
        let vm = try #require(
            (properties["deploymentConfiguration"] as? [String: Any])?["virtualMachineConfiguration"] as? [String: Any])
        #expect(vm["nodeAgentSkuId"] as? String == "batch.node.ubuntu 24.04" && vm["nodeAgentSKUId"] == nil)
        #expect(properties["scaleSettings"] == nil)
        let identities = ((json["identity"] as? [String: Any])?["userAssignedIdentities"] as? [String: Any])?.keys
            .sorted()
        #expect(identities == [Self.id2])
    }

    @Test("descriptions the management plane cannot express are refused by name")
    func inexpressible() throws {
        var spec = PoolSpecification(id: "p", vmSize: .standardD2sV5)
        spec.taskSchedulingPolicy = TaskSchedulingPolicy(nodeFillType: .spread, jobDefaultOrder: .creationTime)
        #expect(throws: AzureClientError.self) { try ManagementPool(spec) }
        var autoscale = PoolSpecification(id: "q", vmSize: .standardD2sV5)
        autoscale.enableAutoScale = true
        #expect { try ManagementPool(autoscale) } throws: { "\($0)".contains("no formula") }
    }
}
