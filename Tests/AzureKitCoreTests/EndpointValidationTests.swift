import AzureKitCore
import Foundation
import Testing

@Suite("Endpoint validation")
struct EndpointValidationTests {
    @Test(arguments: [
        "https://acct.blob.core.windows.net", "https://acct.eastus.batch.azure.com/",
        "http://127.0.0.1:10000/devstoreaccount1",
        "http://localhost:8080", "http://[::1]:9000", "http://127.255.0.1", "HTTPS://ACCT.BLOB.CORE.WINDOWS.NET",
    ])
    func accepts(_ text: String) throws {
        try EndpointValidation.validate(try #require(URL(string: text)))
    }

    @Test(
        arguments: [
            (
                "http://acct.blob.core.windows.net", AzureClientError.Kind.insecureEndpoint,
                "refusing plain http:// to 'acct.blob.core.windows.net'"
            ),
            ("http://127.evil.example", .insecureEndpoint, "127.evil.example"),
            ("http://127.0.0.1.nip.io", .insecureEndpoint, "127.0.0.1.nip.io"),
            ("acct.blob.core.windows.net", .invalidURL, "it has no scheme"),
            ("https:///path-only", .invalidURL, "it has no host"),
            ("ftp://acct.blob.core.windows.net", .invalidURL, "unsupported scheme 'ftp'"),
            ("https://acct.blob.core.windows.net?sig=SECRET", nil, ""),
        ] as [(String, AzureClientError.Kind?, String)])
    func rejectsWithAMessageNamingTheProblem(text: String, kind: AzureClientError.Kind?, fragment: String) throws {
        let url = try #require(URL(string: text))
        guard let kind else {
            try EndpointValidation.validate(url)
            return
        }
        let error = #expect(throws: AzureClientError.self) { try EndpointValidation.validate(url) }
        #expect(error?.kind == kind)
        #expect(error?.message.contains(fragment) == true, "\(error?.message ?? "")")
    }

    @Test func insecureHTTPCanBeAllowedExplicitly() throws {
        try EndpointValidation.validate(URL(string: "http://azurite.internal:10000")!, allowsInsecureHTTP: true)
    }

    @Test func invalidURLMessagesHideSecrets() {
        let error = AzureClientError.invalidURL("ftp://h/p?sig=SECRET", reason: "x")
        #expect(!error.description.contains("SECRET"))
    }

    @Test func serviceClientValidatesItsEndpoint() {
        #expect(throws: AzureClientError.self) {
            _ = try ServiceClient(
                endpoint: URL(string: "http://acct.blob.core.windows.net")!, credential: .anonymous,
                profile: .testStorage, options: .init())
        }
    }
}
