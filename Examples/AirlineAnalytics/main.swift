// Hook point (examples branch): the command and its remote I/O, progress and plot live in AirlineAnalyticsCore
// so tests and SubmitYears' local mode run the very same code.
import AirlineAnalyticsCore

await AirlineAnalyticsCommand.runAsMain()
