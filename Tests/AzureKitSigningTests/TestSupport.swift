import AzureKitSigning
import Foundation
import Testing

enum TestKeys {
    /// Bytes 0x00...0x3F, the key of the reference vectors (not a secret).
    static let accountKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw=="
    /// The published Azurite development key (not a secret).
    static let azuriteKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
    static let date = "Wed, 01 Oct 2025 12:00:00 GMT"
}

/// String to sign for `devacct` with the vector key.
func stringToSign(
    _ method: String,
    _ url: String,
    _ headers: [(name: String, value: String)],
    scheme: SharedKeyScheme = .storage,
    account: String = "devacct"
) throws -> String {
    let signer = try SharedKeySigner(accountName: account, accountKey: TestKeys.accountKey)
    return try signer.stringToSign(
        method: method, url: try #require(URL(string: url)), headers: headers, scheme: scheme)
}

/// The twelve lines before the canonicalized headers, as the test expects them.
func standardLines(_ verb: String, _ values: [String: String] = [:]) -> String {
    let order = [
        "content-encoding", "content-language", "content-length", "content-md5", "content-type", "date",
        "if-modified-since", "if-match", "if-none-match", "if-unmodified-since", "range",
    ]
    return verb + "\n" + order.map { (values[$0] ?? "") + "\n" }.joined()
}

/// The lines of the string to sign that follow the twelve standard lines.
func tail(_ sts: String) -> String {
    sts.split(separator: "\n", maxSplits: 12, omittingEmptySubsequences: false).last.map(String.init) ?? ""
}
