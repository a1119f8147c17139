// The command lives in AirlineAnalyticsCore, so ExamplesTests and SubmitYears' local mode run the very same code.
import AirlineAnalyticsCore

await AirlineAnalyticsCommand.runAsMain()
