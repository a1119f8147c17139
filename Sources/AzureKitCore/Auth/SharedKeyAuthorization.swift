import AzureKitSigning
import Foundation

/// Bridges the pipeline's request to the pure signing functions in AzureKitSigning.
enum SharedKeyAuthorization {
    static func authorization(for request: HTTPRequest, credential: SharedKeyCredential, flavor: SharedKeyFlavor) throws -> String {
        // Filled in when AzureKitSigning lands (lead integrates); until then Shared Key cannot be used.
        throw AzureClientError(.invalidConfiguration, "Shared Key signing for '\(flavor.rawValue)' is not available yet")
    }
}
