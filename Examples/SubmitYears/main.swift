// SubmitYears is also the `AirlineAnalytics` program of its local mode: the local runner starts each task as
// `AirlineAnalytics --input … --output …` through a symlink to this executable, so the task command line is the
// one sent to Azure and the code that runs is AirlineAnalytics' own (AirlineAnalyticsCore), not a stand-in.
import AirlineAnalyticsCore
import Foundation
import SubmitYearsCore

let invokedAs = URL(fileURLWithPath: CommandLine.arguments.first ?? "").lastPathComponent
if invokedAs == "AirlineAnalytics" {
    await AirlineAnalyticsCommand.runAsMain()
} else {
    await SubmitYearsCommand.runAsMain()
}
