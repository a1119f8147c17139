import AzureKitCore
import Foundation
import SubmitYearsCore
import Testing

@Suite("SubmitYears settings and plan")
struct SubmitSettingsTests {
    static let storage = try? AzureSettings.load(environment: EnvironmentVariables(["AZURE_STORAGE_ACCOUNT": "demo"]))

    @Test func defaults() throws {
        let settings = try #require(Self.storage)
        let submit = try SubmitSettings.load(
            from: settings,
            environment: EnvironmentVariables([
                "AIRLINE_IMAGE": "devregistry.azurecr.io/airline-analytics:1.0",
                "AZURE_REGISTRY_USERNAME": "devregistry",
            ]))
        #expect(submit.inputPrefix == "wasbs://demo@demo.blob.core.windows.net/raw/airlines/")
        #expect(submit.outputPrefix == "wasbs://demo@demo.blob.core.windows.net/aggregated/airlines/")
        #expect(submit.poolID == "airlines")
        // A username without its password from the settings is not enough: anonymous pull.
        #expect(submit.registryAccess?.batchRegistry == nil)
    }

    @Test(
        "missing or malformed images are named",
        arguments: [
            (nil, "no task image"),
            ("UPPER/case:bad tag", "--image"),
        ] as [(String?, String)])
    func badImage(image: String?, expected: String) throws {
        let settings = try #require(Self.storage)
        #expect {
            _ = try SubmitSettings.load(from: settings, environment: EnvironmentVariables([:]), image: image)
        } throws: { error in
            String(describing: error).contains(expected)
        }
    }

    @Test("the pool: Ubuntu 24.04 container host, Spot nodes or autoscale to zero")
    func pool() throws {
        let fixed = JobPlan(jobID: "j", image: "r.azurecr.io/a:1", spotNodes: 4).pool
        #expect(fixed.targetLowPriorityNodes == 4)
        #expect(fixed.virtualMachineConfiguration?.nodeAgentSKUId.rawValue.contains("24.04") == true)
        #expect(fixed.virtualMachineConfiguration?.containerConfiguration?.containerImageNames == ["r.azurecr.io/a:1"])
        let scaled = JobPlan(jobID: "j", image: "r.azurecr.io/a:1", spotNodes: 4, autoscaleIdleMinutes: 10).pool
        #expect(scaled.enableAutoScale == true)
        #expect(scaled.targetLowPriorityNodes == nil)
        #expect(scaled.autoScaleFormula?.isEmpty == false)
    }

    @Test("local --dry-run prints the local tasks and runs nothing")
    func localDryRun() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var options = SubmitYearsApp.Options()
        options.dryRun = true
        options.localDirectory = directory.path
        options.years = try YearSelection(parsing: "2001-2002")
        let (console, captured) = Console.capturing()
        let app = SubmitYearsApp(
            options: options, settings: try AzureSettings.load(environment: [:]), console: console,
            taskProgram: URL(fileURLWithPath: "/bin/false"))
        #expect(await app.run() == 0)
        #expect(captured.text.contains("AirlineAnalytics --input \(directory.path)/input/2001.csv"))
        #expect(captured.text.contains("airlines2002"))
        #expect(listFiles(directory).isEmpty)
    }
}
