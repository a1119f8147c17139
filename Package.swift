// swift-tools-version:6.1
// The package manifest for the Azure Batch data-job SDK.
//
// Layering (each arrow is "depends on"; Docs/Architecture.md draws it):
//   AzureBatchKit, AzureRegistryKit -> AzureKitCore -> AzureKitSigning -> swift-crypto
//   AzureKitCore -> AzureKitProcess (ChildProcess, Foundation only; re-exported, so importing Core gives it)
//   AzureBlobKit -> AzureKitCore, AzureKitSigning (SAS), swift-crypto (transfer checksums)
//   (the service modules also import AzureKitSigning directly: PercentEncoding, SharedKeyScheme; each re-exports
//    AzureKitCore with @_exported, so `import AzureBatchKit` alone gives DefaultAzureCredential)
//   AirlineAggregation -> ParquetKit -> CompressionCodecs          (no network, no Azure)
//   AirlineAggregation -> CompressionCodecs                         (.gz/.bz2 input, through DecompressingReader)
//   AirlineAggregation -> CByteClassifier                           (C: SIMD block bitmasks, record scanner)
//   AirlineAggregation -> CMemoryMapping                            (mremap, which Swift cannot call: variadic)
//   AzureKitTesting -> AzureKitCore, AzureKitSigning                (fixtures + loopback server)
//   AzureBlobKitTesting -> AzureBlobKit, AzureKitTesting            (in-memory Blob service; not a product)
//   SyntheticAirlineData                                            (seeded airline CSV for benchmarks, examples, tests)
//   AzureBatchDashboard -> AzureBatchKit, Hummingbird               (live job dashboard + static HTML report)
//   ContainerImageKit -> AzureRegistryKit, CompressionCodecs        (image assembly and push, no engine)
//   TestSupport (Tests/TestSupport): helpers several test targets share; not a product
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("InferIsolatedConformances"),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "AzureBatchData",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "AzureKitCore", targets: ["AzureKitCore"]),
        .library(name: "AzureKitSigning", targets: ["AzureKitSigning"]),
        .library(name: "AzureBatchKit", targets: ["AzureBatchKit"]),
        .library(name: "AzureBlobKit", targets: ["AzureBlobKit"]),
        .library(name: "AzureRegistryKit", targets: ["AzureRegistryKit"]),
        .library(name: "AirlineAggregation", targets: ["AirlineAggregation"]),
        .library(name: "ParquetKit", targets: ["ParquetKit"]),
        .library(name: "CompressionCodecs", targets: ["CompressionCodecs"]),
        .library(name: "AzureKitTesting", targets: ["AzureKitTesting"]),
        .library(name: "AzureBatchDashboard", targets: ["AzureBatchDashboard"]),
        .library(name: "ContainerImageKit", targets: ["ContainerImageKit"]),
        .executable(name: "AirlineAnalytics", targets: ["AirlineAnalytics"]),
        .executable(name: "SubmitYears", targets: ["SubmitYears"]),
        .executable(name: "PublishImage", targets: ["PublishImage"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        // Tracing and metrics through the server ecosystem's APIs; both are no-ops until the application
        // bootstraps a backend (swift-otel, Prometheus, …), so the SDK itself exports nothing.
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.7.3"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        // The dashboard's HTTP server. No default traits: swift-configuration support is not needed.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        // Already in the graph through Hummingbird; named so the dashboard can shut its server down gracefully.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        // The default transport on Linux: a streaming HTTP/1.1 client on SwiftNIO that notices a dropped
        // keep-alive connection at once (FoundationNetworking's libcurl loop does not; see ThePipeline.md).
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
    ],
    targets: [
        // MARK: Shared Azure runtime
        .target(
            name: "AzureKitSigning",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // Child processes awaited without parking a pool thread; Foundation only, so the benchmarks that run
        // peers (DuckDB, Polars, lbzip2) do not build SwiftNIO and BoringSSL in release for it.
        .target(name: "AzureKitProcess", swiftSettings: swiftSettings),
        .target(
            name: "AzureKitCore",
            dependencies: [
                "AzureKitSigning", "AzureKitProcess",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AzureKitTesting",
            dependencies: ["AzureKitCore", "AzureKitSigning", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),

        // MARK: Services
        .target(
            name: "AzureBatchKit",
            dependencies: [
                "AzureKitCore", "AzureKitSigning", .product(name: "Logging", package: "swift-log"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AzureBlobKit",
            dependencies: [
                "AzureKitCore", "AzureKitSigning", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            // An in-memory Blob service with fault injection, for AzureBlobKit's tests and transfer benchmark.
            name: "AzureBlobKitTesting",
            dependencies: ["AzureBlobKit", "AzureKitSigning", "AzureKitTesting"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AzureRegistryKit",
            dependencies: [
                "AzureKitCore", "AzureKitSigning", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            // Images without a container engine: reproducible tar layers, gzip, OCI config and manifest, base
            // images by digest, push through AzureRegistryKit.
            name: "ContainerImageKit",
            dependencies: [
                "AzureRegistryKit", "AzureKitCore", "CompressionCodecs",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        .target(
            // A live dashboard for one job (Hummingbird; JSON + SSE + one embedded page) and the static HTML report.
            name: "AzureBatchDashboard",
            dependencies: [
                "AzureBatchKit", "AzureKitCore", .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Columnar kernel (no network)
        .target(name: "CompressionCodecs", swiftSettings: swiftSettings),
        .target(name: "ParquetKit", dependencies: ["CompressionCodecs"], swiftSettings: swiftSettings),
        // Byte-class bitmasks (SSE2 `pmovmskb`, which Swift's SIMD types cannot express) for the CSV kernel.
        .target(name: "CByteClassifier"),
        // `mremap` for the group tables' large arrays (a variadic C function, which Swift cannot call).
        .target(name: "CMemoryMapping"),
        .target(
            name: "AirlineAggregation",
            dependencies: ["ParquetKit", "CompressionCodecs", "CByteClassifier", "CMemoryMapping"],
            swiftSettings: swiftSettings
        ),
        // Deterministic synthetic airline CSV and the seeded SplitMix64 behind it: shared by the benchmarks, the
        // examples' local mode and the tests, and no part of the kernel.
        .target(name: "SyntheticAirlineData", swiftSettings: swiftSettings),

        // MARK: Examples and benchmarks
        // The examples' logic lives in small libraries so ExamplesTests can drive it in process; the
        // executables are thin entry points.
        .target(
            name: "AirlineAnalyticsCore",
            dependencies: [
                "AirlineAggregation", "AzureBlobKit", "AzureKitCore", "AzureKitSigning", "ParquetKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Examples/AirlineAnalyticsCore",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "AirlineAnalytics",
            dependencies: [
                "AirlineAggregation", "AirlineAnalyticsCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Examples/AirlineAnalytics",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SubmitYearsCore",
            dependencies: [
                "AzureBatchKit", "AzureBlobKit", "AzureRegistryKit", "AzureKitCore", "AirlineAggregation",
                "AirlineAnalyticsCore", "AzureBatchDashboard", "SyntheticAirlineData",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Examples/SubmitYearsCore",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "SubmitYears",
            dependencies: [
                "SubmitYearsCore", "AirlineAnalyticsCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Examples/SubmitYears",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PublishImageCore",
            dependencies: [
                "ContainerImageKit", "AzureRegistryKit", "AzureKitCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Examples/PublishImageCore",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "PublishImage",
            dependencies: ["PublishImageCore"],
            path: "Examples/PublishImage",
            swiftSettings: swiftSettings
        ),

        .executableTarget(
            name: "AirlineBenchmark",
            dependencies: [
                "AirlineAggregation", "AzureKitProcess", "CompressionCodecs", "SyntheticAirlineData",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/AirlineBenchmark",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "DecompressBenchmark",
            dependencies: ["CompressionCodecs", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Benchmarks/DecompressBenchmark",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "AddTasksBenchmark",
            dependencies: [
                "AzureBatchKit", "AzureKitTesting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/AddTasksBenchmark",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "BlobTransferBenchmark",
            dependencies: [
                "AzureBlobKit", "AzureBlobKitTesting", "AzureKitTesting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/BlobTransferBenchmark",
            swiftSettings: swiftSettings
        ),

        // MARK: Tests
        // Helpers shared by several test targets (not a product).
        .target(
            name: "TestSupport", dependencies: ["AzureKitProcess", "SyntheticAirlineData"], path: "Tests/TestSupport",
            swiftSettings: swiftSettings),
        .testTarget(
            name: "AzureKitSigningTests",
            dependencies: ["AzureKitSigning"],
            resources: [.copy("Vectors")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AzureKitCoreTests",
            dependencies: [
                // The Batch and Storage profiles (error formats, retry rules) live in their modules now; the
                // pipeline tests run against the real ones.
                "AzureKitCore", "AzureKitSigning", "AzureKitTesting", "AzureBatchKit", "AzureBlobKit",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AzureBatchKitTests",
            dependencies: ["AzureBatchKit", "AzureKitTesting", .product(name: "Logging", package: "swift-log")],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AzureBlobKitTests",
            dependencies: [
                "AzureBlobKit", "AzureBlobKitTesting", "AzureKitTesting", "AzureKitSigning", "TestSupport",
                "CompressionCodecs",
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AzureRegistryKitTests",
            dependencies: ["AzureRegistryKit", "AzureKitTesting", .product(name: "Logging", package: "swift-log")],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ContainerImageKitTests",
            dependencies: [
                "ContainerImageKit", "AzureRegistryKit", "AzureKitCore", "CompressionCodecs", "TestSupport",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CompressionCodecsTests",
            dependencies: ["CompressionCodecs", "TestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PublicAPITests",
            dependencies: [
                "AirlineAggregation", "AzureBatchKit", "AzureBlobKit", "AzureRegistryKit", "ContainerImageKit",
                "ParquetKit", "AzureKitTesting", "SyntheticAirlineData",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ParquetKitTests", dependencies: ["ParquetKit", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            // Depends on the AirlineAnalytics executable so its binary is built for the subprocess tests.
            name: "ExamplesTests",
            dependencies: [
                "SubmitYearsCore", "AirlineAnalyticsCore", "AirlineAnalytics", "AzureKitTesting", "AzureBatchKit",
                "AzureBlobKit", "AzureBlobKitTesting", "AzureRegistryKit", "AirlineAggregation", "ParquetKit",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                "PublishImageCore", "ContainerImageKit", "TestSupport", "SyntheticAirlineData",
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AzureBatchDashboardTests",
            dependencies: ["AzureBatchDashboard", "AzureBatchKit", "AzureKitTesting", "AzureKitCore"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AirlineAggregationTests",
            dependencies: ["AirlineAggregation", "ParquetKit", "SyntheticAirlineData", "TestSupport"],
            swiftSettings: swiftSettings
        ),
    ]
)
