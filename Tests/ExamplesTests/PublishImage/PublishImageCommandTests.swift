import ContainerImageKit
import Foundation
import PublishImageCore
import Testing

struct PublishImageCommandTests {
    @Test func dryRunListsLayersSizesAndDigestsAndPushesNothing() async throws {
        // Any dynamic executable will do for the listing; /bin/ls keeps the test fast.
        let options = try PublishImageCommand.parse(["--dry-run", "--binary", "/bin/ls", "--compression-level", "1"])
        var lines: [String] = []
        let result = try await PublishImageRun(options: options, environment: [:]).execute { lines.append($0) }
        #expect(result.report == nil)
        #expect(result.airlineImageLine == nil)
        let image = result.image
        #expect(lines.first == "Image \(image.digest) for \(image.configuration.platform) FROM scratch")
        let layer = try #require(image.layers.first)
        #expect(lines.contains { $0.hasPrefix("  layer \(layer.descriptor.digest)") && $0.hasSuffix("built") })
        #expect(lines.contains("  config \(image.manifest.config.digest)  \(image.configurationBytes.count) bytes"))
        #expect(lines.contains { $0.hasPrefix("Compressed size: ") && $0.contains("(\(image.compressedSize) bytes)") })
        #expect(lines.last == "Dry run: nothing pushed.")
        #expect(image.configuration.config.user == "10001:10001")
        #expect(image.configuration.config.cmd == ["AirlineAnalytics", "--help"])
    }

    @Test(arguments: [
        (["--binary", "/bin/ls"], "--registry is required"),
        (["--dry-run", "--compression-level", "10"], "--compression-level must be 0…9"),
        (["--registry", "localhost:5000", "--chunk-mib", "0"], "--chunk-mib must be at least 1"),
    ])
    func invalidOptionsAreRefused(arguments: [String], message: String) {
        #expect {
            _ = try PublishImageCommand.parse(arguments)
        } throws: { error in
            PublishImageCommand.message(for: error).contains(message)
        }
    }

    @Test func missingBinaryIsOneLine() async throws {
        let options = try PublishImageCommand.parse(["--dry-run", "--binary", "/nonexistent/AirlineAnalytics"])
        let failure = try await #require(throws: PublishImageFailure.self) {
            _ = try await PublishImageRun(options: options, environment: [:]).execute { _ in }
        }
        #expect(failure.description.contains("/nonexistent/AirlineAnalytics"))
    }
}
