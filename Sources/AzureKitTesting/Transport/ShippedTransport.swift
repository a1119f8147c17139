import AzureKitCore
import Foundation

/// Every transport the SDK ships, for tests that must hold for each of them (one test body, parameterized).
///
/// ```swift
/// @Test(arguments: ShippedTransport.allCases)
/// func survivesADroppedConnection(_ kind: ShippedTransport) async throws {
///     try await kind.withTransport(.init(readIdleTimeout: .seconds(2))) { transport in ... }
/// }
/// ```
public enum ShippedTransport: String, CaseIterable, Sendable, CustomStringConvertible {
    case asyncHTTPClient
    case urlSession

    /// Runs `body` with a new transport of this kind made with `configuration`, and shuts it down afterwards
    /// (so tests leak no connections).
    public func withTransport<T: Sendable>(
        _ configuration: TransportConfiguration = .init(proxy: .direct),
        _ body: (any HTTPTransport) async throws -> T
    ) async throws -> T {
        switch self {
        case .urlSession:
            return try await body(URLSessionTransport(configuration: configuration))
        case .asyncHTTPClient:
            let transport = AsyncHTTPClientTransport(configuration: configuration)
            do {
                let result = try await body(transport)
                try await transport.shutdown()
                return result
            } catch {
                try? await transport.shutdown()
                throw error
            }
        }
    }

    /// Whether this transport notices, at once, a kept-alive connection the server closed without answering.
    /// FoundationNetworking's URLSession on Linux does not: it waits for its idle timeout (spinning meanwhile).
    public var noticesDroppedReusedConnectionAtOnce: Bool {
        switch self {
        case .asyncHTTPClient: return true
        case .urlSession:
            #if canImport(Darwin)
                return true
            #else
                return false
            #endif
        }
    }

    /// Whether a request waiting for a silent server costs no CPU. FoundationNetworking's libcurl loop on Linux
    /// spins a core for as long as a request waits.
    public var waitsWithoutSpinning: Bool { noticesDroppedReusedConnectionAtOnce }

    /// Whether the transport hands over a stored `Content-Encoding` body byte for byte. URLSession decodes gzip
    /// itself (FoundationNetworking on Linux always, through libcurl).
    public var keepsContentEncodedBodies: Bool { self == .asyncHTTPClient }

    public var description: String { rawValue }
}
