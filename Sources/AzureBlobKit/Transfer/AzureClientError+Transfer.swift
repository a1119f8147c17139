import AzureKitCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

// Transfer failures detected on the client are ``AzureKitCore/AzureClientError``s with these kinds; service
// failures stay ``AzureKitCore/AzureServiceError``s.
extension AzureClientError.Kind {
    /// A downloaded range's checksum did not match what the service reported, even after re-fetching.
    public static let checksumMismatch = AzureClientError.Kind(rawValue: "checksumMismatch")
    /// A range came back shorter or longer than requested, or was not a range.
    public static let unexpectedRange = AzureClientError.Kind(rawValue: "unexpectedRange")
    /// A local file could not be opened, read, written, synced or renamed.
    public static let fileSystem = AzureClientError.Kind(rawValue: "fileSystem")
    /// The data would need more than 50,000 blocks at this block size.
    public static let tooManyBlocks = AzureClientError.Kind(rawValue: "tooManyBlocks")
}

extension AzureClientError {
    static func fileSystem(_ path: String, _ action: String, errno code: Int32) -> AzureClientError {
        AzureClientError(.fileSystem, "cannot \(action) '\(path)': \(String(cString: strerror(code)))")
    }

    static func invalidOption(_ message: String) -> AzureClientError { AzureClientError(.invalidArgument, message) }
}
