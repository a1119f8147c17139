// Hook point (examples branch, replacing the kernel's local-only command at merge): the command lives in
// AirlineAnalyticsCore and adds blob URLs, progress, --plot and --output - (CSV) to the kernel's options, so
// tests and SubmitYears' local mode run the very same code. The kernel's AnalyticsJob stays the library API for
// local files.
import AirlineAnalyticsCore

await AirlineAnalyticsCommand.runAsMain()
