import Foundation

extension URL {
    /// This URL with `query` (already percent-encoded, as ``AzureKitSigning/PercentEncoding`` builds it) after the
    /// query parameters it has. A SAS, a token realm's parameters and a registry upload location's digest are added
    /// this way.
    ///
    /// ```swift
    /// let url = try location.appendingPercentEncodedQuery("digest=sha256%3Aabc", reason: "cannot add the digest")
    /// ```
    /// - Throws: ``AzureClientError`` (`.invalidURL`) with `reason` when the URL cannot take a query.
    public func appendingPercentEncodedQuery(_ query: String, reason: String) throws -> URL {
        guard !query.isEmpty else { return self }
        guard var components = URLComponents(url: self, resolvingAgainstBaseURL: true) else {
            throw AzureClientError.invalidURL(absoluteString, reason: reason)
        }
        let existing = components.percentEncodedQuery ?? ""
        components.percentEncodedQuery = existing.isEmpty ? query : "\(existing)&\(query)"
        guard let result = components.url else { throw AzureClientError.invalidURL(absoluteString, reason: reason) }
        return result
    }
}
