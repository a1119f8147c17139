// PublishImage: build the AirlineAnalytics task image and push it, without Docker. The logic lives in
// PublishImageCore so the tests can drive it in process.
import PublishImageCore

await PublishImageCommand.runAsMain()
