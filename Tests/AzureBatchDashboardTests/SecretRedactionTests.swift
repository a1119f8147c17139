import Testing

@testable import AzureBatchDashboard

@Suite("Redaction of command lines and stderr")
struct SecretRedactionTests {
    @Test(
        "every SAS signature in a command line is redacted; the rest of the SAS and other words stay",
        arguments: [
            (
                "/app/AirlineAnalytics --input 'https://a.blob.core.windows.net/c/1.bz2?sp=r&sv=2025-01-05&sig=abc%3D' --output https://a.blob.core.windows.net/c/1.parquet?sp=cw&sig=def",
                "/app/AirlineAnalytics --input 'https://a.blob.core.windows.net/c/1.bz2?sp=r&sv=2025-01-05&sig=REDACTED' --output https://a.blob.core.windows.net/c/1.parquet?sp=cw&sig=REDACTED"
            ),
            ("curl \"https://user:hunter2@host/x\"", "curl \"https://REDACTED@host/x\""),
            (
                "error: GET https://h/p?comp=list&token=xyz failed\nline two",
                "error: GET https://h/p?comp=list&token=REDACTED failed\nline two"
            ),
            ("plain words, no URL", "plain words, no URL"),
        ])
    func redacts(input: String, expected: String) {
        #expect(SecretRedaction.redact(input) == expected)
    }
}
