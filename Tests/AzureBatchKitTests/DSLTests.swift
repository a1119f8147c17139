import Foundation
import Testing

@testable import AzureBatchKit

@Suite struct DSLTests {
    static let registry = ContainerRegistry.basic(
        "myregistry.azurecr.io", username: "myregistry", password: "fake-password-for-tests")
    static let image = "myregistry.azurecr.io/myregistry/spark_on_azure_batch_demo:latest"

    /// The original `create_pool` (Standard_E2s_v3, 3 low-priority nodes, container image + registry), with
    /// the retired 16.04 image replaced by the current default.
    @Test func originalPoolAsDSLEqualsTheHandBuiltModel() throws {
        let dsl = PoolSpecification(id: "Airlines", vmSize: "Standard_E2s_v3") {
            Containers(images: [Self.image], registries: [Self.registry])
            Nodes(spot: 3)
        }
        let handBuilt = PoolSpecification(
            id: "Airlines", vmSize: "Standard_E2s_v3",
            virtualMachineConfiguration: VirtualMachineConfiguration(
                imageReference: ImageReference(
                    publisher: "microsoft-dsvm", offer: "ubuntu-hpc", sku: "2404", version: "latest"),
                nodeAgentSKUId: "batch.node.ubuntu 24.04",
                containerConfiguration: ContainerConfiguration(
                    type: .dockerCompatible, containerImageNames: [Self.image], containerRegistries: [Self.registry])),
            targetDedicatedNodes: 0, targetLowPriorityNodes: 3)
        #expect(dsl == handBuilt)
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(dsl)) as? [String: Any]
        let vm = json?["virtualMachineConfiguration"] as? [String: Any]
        #expect(vm?["nodeAgentSKUId"] as? String == "batch.node.ubuntu 24.04")
        #expect((vm?["containerConfiguration"] as? [String: Any])?["type"] as? String == "dockerCompatible")
        #expect(json?["targetLowPriorityNodes"] as? Int == 3)
        #expect(json?["enableAutoScale"] == nil)
    }

    @Test func registryAndImageComponentsCompose() {
        let useOld = false
        let pool = PoolSpecification(id: "p", vmSize: .standardD4sV5) {
            Image(.ubuntu2204Containers, nodeAgent: .ubuntu2204)
            Self.registry
            Containers(images: ["a:1"])
            if useOld {
                Nodes(dedicated: 1)
            } else {
                AutoScale(.scaleToPendingTasks(maxNodes: 20), every: .seconds(600))
            }
            for index in 0..<2 { MetadataItem(name: "k\(index)", value: "v") }
            TaskSlots(4, fill: .pack)
            StartTask(commandLine: "/bin/sh -c 'docker info'", waitForSuccess: true)
        }
        #expect(pool.virtualMachineConfiguration?.imageReference == .ubuntu2204Containers)
        #expect(pool.virtualMachineConfiguration?.containerConfiguration?.containerRegistries == [Self.registry])
        #expect(pool.virtualMachineConfiguration?.containerConfiguration?.containerImageNames == ["a:1"])
        #expect(pool.enableAutoScale == true && pool.targetLowPriorityNodes == nil)
        #expect(pool.autoScaleEvaluationInterval == .seconds(600))
        #expect(
            pool.metadata?.count == 2 && pool.taskSlotsPerNode == 4 && pool.taskSchedulingPolicy?.nodeFillType == .pack)
        #expect(pool.startTask?.waitForSuccess == true)
    }

    @Test func originalTaskAsDSL() throws {
        let task = TaskSpecification(
            id: "airlines2007",
            command: ["python", "/src/airline_analytics.py", "--input", "in 2007", "--output", "out"]
        ) {
            Container(image: Self.image, runOptions: "--rm -p 4040:4040")
            UserIdentity.taskAdmin
            Environment(["YEAR": "2007", "A": "1"])
            Retries(2)
            MaxWallClockTime(.seconds(3600))
        }
        let json = String(decoding: try JSONEncoder().encode(task), as: UTF8.self)
        #expect(task.commandLine == "python /src/airline_analytics.py --input 'in 2007' --output out")
        #expect(task.userIdentity?.autoUser == AutoUserSpecification(scope: .task, elevationLevel: .admin))
        #expect(task.environmentSettings?.map(\.name) == ["A", "YEAR"])
        #expect(task.constraints == TaskConstraints(maxWallClockTime: .seconds(3600), maxTaskRetryCount: 2))
        #expect(json.contains(#""containerRunOptions":"--rm -p 4040:4040""#))
        #expect(json.contains(#""maxWallClockTime":"PT1H""#))
    }

    @Test func jobDSL() {
        let job = JobSpecification(id: "j", pool: "p") {
            OnAllTasksComplete(.terminateJob)
            Priority(5000)
            JobConstraints(maxWallClockTime: .seconds(7200), maxTaskRetryCount: 1)
            Environment(["SHARED": "1"])
        }
        #expect(job.poolInfo.poolId == "p" && job.onAllTasksComplete == .terminateJob && job.priority == 1000)
        #expect(job.constraints?.maxTaskRetryCount == 1 && job.commonEnvironmentSettings?.first?.name == "SHARED")
    }

    @Test(arguments: [3, 20, 100])
    func autoscaleFormulasCapTheNodes(_ cap: Int) {
        let pending = AutoScaleFormula.scaleToPendingTasks(maxNodes: cap).text
        #expect(pending.contains("$TargetLowPriorityNodes = max(0, min($targetVMs, \(cap)));"))
        #expect(pending.contains("$NodeDeallocationOption = taskcompletion;"))
        let idle = AutoScaleFormula.scaleToZeroWhenIdle(afterMinutes: 10, maxNodes: cap, nodeKind: .dedicated).text
        #expect(idle.contains("TimeInterval_Minute * 10"))
        #expect(idle.contains("$TargetDedicatedNodes = max(0, min($targetVMs, \(cap)));"))
        #expect(idle.contains("$TargetLowPriorityNodes = 0;"))
    }
}
