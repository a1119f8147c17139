import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Adds `User-Agent: [<applicationID> ]azsdk-swift-<module>/<version> (<os>)`.
public struct TelemetryPolicy: HTTPPolicy {
    public let userAgent: String

    public init(module: String, version: String, applicationID: String? = nil) {
        let platform = Self.platform
        let base = "azsdk-swift-\(module)/\(version) (\(platform))"
        if let applicationID, !applicationID.isEmpty {
            userAgent = "\(applicationID.prefix(24)) \(base)"
        } else {
            userAgent = base
        }
    }

    public func send(_ request: HTTPRequest, context: PipelineContext, next: PipelineNext) async throws -> HTTPResponse
    {
        var request = request
        request.headers["User-Agent"] = userAgent
        return try await next(request, context)
    }

    static var platform: String {
        let version = ProcessInfo.processInfo.operatingSystemVersion
        #if os(Linux)
            let name = "Linux"
        #elseif os(macOS)
            let name = "macOS"
        #else
            let name = "unknown"
        #endif
        return "\(name) \(version.majorVersion).\(version.minorVersion).\(version.patchVersion); Swift"
    }
}
