import AzureKitCore

// Problems assembling or publishing an image are ``AzureKitCore/AzureClientError``s with these kinds (the SDK's
// one error shape: a struct over an extensible kind, as AzureBlobKit's transfer kinds are); the registry's own
// answers stay ``AzureKitCore/AzureServiceError``s.
extension AzureClientError.Kind {
    /// A path that cannot go into a tar archive (empty, `..`, too long for ustar).
    public static let invalidPath = AzureClientError.Kind(rawValue: "invalidPath")
    /// Two different entries for one path.
    public static let conflictingEntry = AzureClientError.Kind(rawValue: "conflictingEntry")
    /// A host file could not be read.
    public static let unreadableFile = AzureClientError.Kind(rawValue: "unreadableFile")
    /// A value that does not fit its tar header field.
    public static let fieldOverflow = AzureClientError.Kind(rawValue: "fieldOverflow")
    /// A base image has no manifest for the wanted platform, or a manifest/config this SDK cannot read.
    public static let unsupportedBaseImage = AzureClientError.Kind(rawValue: "unsupportedBaseImage")
    /// `ldd` failed or printed something that is not a dependency list.
    public static let sharedLibraryResolution = AzureClientError.Kind(rawValue: "sharedLibraryResolution")
}
