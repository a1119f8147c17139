import AirlineAnalyticsCore
import ArgumentParser
import AzureKitCore
import Foundation

/// The `SubmitYears` command: the original `run_on_azure_batch.py`, with a local mode for machines without Azure.
///
/// ```
/// swift run SubmitYears                       # no Azure settings: sample data, local runner, 8 Parquet files
/// swift run SubmitYears --years 2003-2005 --dry-run
/// swift run SubmitYears --one-answer          # one table over all years: map tasks + a merge task
/// AZURE_BATCH_ENDPOINT=… AIRLINE_IMAGE=… swift run SubmitYears --delete-pool
/// ```
public struct SubmitYearsCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "SubmitYears",
        abstract: "Run the airline aggregation for a range of years on Azure Batch, or locally without Azure settings.",
        discussion: """
            Azure settings come from the environment or a JSON file of the same names (--settings-file or \
            AZURE_SETTINGS_FILE): AZURE_BATCH_ENDPOINT (+ AZURE_BATCH_ACCOUNT/AZURE_BATCH_ACCESS_KEY, or Entra ID), \
            AZURE_STORAGE_CONNECTION_STRING or AZURE_STORAGE_ACCOUNT (+ AZURE_STORAGE_KEY, or Entra ID), AIRLINE_IMAGE, \
            AZURE_REGISTRY_USERNAME/AZURE_REGISTRY_PASSWORD or AZURE_REGISTRY_IDENTITY_ID, AIRLINE_INPUT_PREFIX, \
            AIRLINE_OUTPUT_PREFIX, AIRLINE_POOL_ID. Without AZURE_BATCH_ENDPOINT (or --identity) the job runs locally on \
            generated sample data. Keyless mode (--identity <user-assigned identity id> with --resource-group, or \
            AZURE_POOL_IDENTITY_ID and AZURE_RESOURCE_GROUP): the pool gets the identity through the Batch management API \
            after an RBAC preflight, and no key, SAS or password is used anywhere.
            Exit status: 0 when every task succeeded, 1 otherwise.
            """)

    @Option(
        help: "Years to process: a year, a range or a list, e.g. 2003, 2001-2003,2007 (default: 2001-2008).",
        transform: { text in
            do { return try YearSelection(parsing: text) } catch { throw ValidationError(String(describing: error)) }
        })
    public var years: YearSelection = .default

    @Flag(help: "Print the pool, job and task JSON that would be sent (secrets redacted) and exit.")
    public var dryRun = false

    @Flag(help: "Run locally even when Azure settings are present.")
    public var local = false

    @Flag(help: "Delete the pool when the job is done.")
    public var deletePool = false

    @Option(
        help:
            "Autoscale the pool: up to --nodes Spot nodes while tasks wait, down to zero after this many idle minutes.")
    public var autoscaleIdleMinutes: Int?

    @Option(help: "Spot (low-priority) nodes of the pool.")
    public var nodes = 3

    @Option(help: "VM size of the pool's nodes.")
    public var vmSize = "Standard_E2s_v3"

    @Option(help: "Task image (default: AIRLINE_IMAGE).")
    public var image: String?

    @Option(help: "Blob prefix of the <year>.csv.bz2 inputs (default: AIRLINE_INPUT_PREFIX).")
    public var inputPrefix: String?

    @Option(help: "Blob prefix of the <year>.parquet outputs (default: AIRLINE_OUTPUT_PREFIX).")
    public var outputPrefix: String?

    @Option(help: "Pool id (default: AIRLINE_POOL_ID or airlines).")
    public var poolID: String?

    @Option(help: "Job id (default: airlines-<UTC date and time>).")
    public var jobID: String?

    @Option(help: "Local mode: folder for sample data, results and task folders.")
    public var out = "out/submit-years"

    @Option(help: "Local mode: rows generated per year.")
    public var rows = 40_000

    @Option(help: "Minutes to wait for the tasks before giving up.")
    public var timeoutMinutes = 120

    @Option(help: "A JSON settings file (same names as the environment variables).")
    public var settingsFile: String?

    @Option(
        help:
            "Keyless mode: ARM id of the pool's user-assigned managed identity (AZURE_POOL_IDENTITY_ID); no key, SAS or password is used."
    )
    public var identity: String?

    @Option(help: "Keyless mode: subscription of the Batch account (AZURE_SUBSCRIPTION_ID; default: the identity's).")
    public var subscription: String?

    @Option(help: "Keyless mode: resource group of the Batch account (AZURE_RESOURCE_GROUP).")
    public var resourceGroup: String?

    @Option(help: "Keyless mode: Batch account name (default: AZURE_BATCH_ACCOUNT or the AZURE_BATCH_ENDPOINT host).")
    public var batchAccount: String?

    @Option(
        help: "Keyless mode: the identity's client id (AZURE_POOL_IDENTITY_CLIENT_ID; default: read from the pool).")
    public var identityClientID: String?

    @Flag(
        help:
            "One table over every input instead of one per year: map tasks over byte ranges of the inputs, then one merge task that Batch starts only after every map task succeeded."
    )
    public var oneAnswer = false

    @Option(help: "With --one-answer: input bytes per map task (default 128 MiB; fewer when nodes would be idle).")
    public var bytesPerTask: Int64 = OneAnswerPlan.defaultBytesPerTask

    @Option(
        help:
            "With --one-answer on Azure: the input blobs, a URL or a path under the input prefix whose last part may hold * and ? (e.g. '*.csv.bz2'; default: the years' <year>.csv.bz2)."
    )
    public var inputs: String?

    @OptionGroup public var logging: LoggingArguments

    @OptionGroup(title: "Dashboard and report")
    public var dashboard: DashboardOptions

    public init() {}

    public func validate() throws {
        guard nodes >= 1 else { throw ValidationError("--nodes must be at least 1, not \(nodes)") }
        if let minutes = autoscaleIdleMinutes, minutes < 1 {
            throw ValidationError("--autoscale-idle-minutes must be at least 1, not \(minutes)")
        }
        guard rows >= 1 else { throw ValidationError("--rows must be at least 1, not \(rows)") }
        guard bytesPerTask >= 1 else {
            throw ValidationError("--bytes-per-task must be at least 1, not \(bytesPerTask)")
        }
        if inputs != nil, !oneAnswer { throw ValidationError("--inputs needs --one-answer") }
        guard timeoutMinutes >= 1 else {
            throw ValidationError("--timeout-minutes must be at least 1, not \(timeoutMinutes)")
        }
    }

    /// The options these arguments describe.
    public var appOptions: SubmitYearsApp.Options {
        var options = SubmitYearsApp.Options()
        options.years = years
        options.dryRun = dryRun
        options.forceLocal = local
        options.deletePool = deletePool
        options.autoscaleIdleMinutes = autoscaleIdleMinutes
        options.spotNodes = nodes
        options.vmSize = vmSize
        options.image = image
        options.inputPrefix = inputPrefix
        options.outputPrefix = outputPrefix
        options.poolID = poolID
        options.jobID = jobID
        options.localDirectory = out
        options.rowsPerYear = rows
        options.timeout = .seconds(timeoutMinutes * 60)
        options.keyless = KeylessOptions(
            identity: identity, subscription: subscription, resourceGroup: resourceGroup,
            batchAccount: batchAccount, identityClientID: identityClientID)
        options.dashboard = dashboard.settings
        options.oneAnswer = oneAnswer
        options.bytesPerTask = bytesPerTask
        options.inputPattern = inputs
        return options
    }

    public func run() async throws {
        let settings: AzureSettings
        do {
            try logging.bootstrap(label: "SubmitYears")
            settings = try AzureSettings.load(configFile: settingsFile.map { URL(fileURLWithPath: $0) })
            // Fail here, before any work, on a malformed Batch or Storage setting.
            _ = try settings.batch
            _ = try settings.storage
        } catch {
            FileHandle.standardError.write(
                Data("SubmitYears: error: \(SubmitYearsFailure(wrapping: error, context: "settings").message)\n".utf8))
            throw ExitCode.failure
        }
        let app = SubmitYearsApp(options: appOptions, settings: settings, taskProgram: Self.ownExecutable)
        let status = await app.run()
        if status != 0 { throw ExitCode(status) }
    }

    /// This process's executable, which also implements `AirlineAnalytics` when invoked under that name.
    public static var ownExecutable: URL {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: resolved)
        }
        return Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
    }
}

extension SubmitYearsCommand {
    /// Parses `CommandLine.arguments`, runs, and exits (see ``AirlineAnalyticsCommand/runAsMain()``).
    public static func runAsMain() async {
        await main(DashboardOptions.normalize(Array(CommandLine.arguments.dropFirst())))
    }
}
