import AzureKitCore
import Testing

@Suite("Redaction of command lines and stderr")
struct TextRedactionTests {
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
        #expect(Redaction.default.redactURLs(in: input) == expected)
    }
}

/// The examples' free-text scrubbing (error messages, connection strings) goes through the recorder's scrubber.
struct FreeTextScrubbingTests {
    @Test(
        "secret name=value pairs are hidden wherever they stand in a sentence",
        arguments: [
            ("failed; AccountKey=xyz==;Password=p", "failed; AccountKey=REDACTED;Password=REDACTED"),
            (
                "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=k/+==;EndpointSuffix=core.windows.net",
                "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=REDACTED;EndpointSuffix=core.windows.net"
            ),
            (
                "'https://a/c?sv=1&sig=abc%2Bdef&se=2' access_token=t1)",
                "'https://a/c?sv=1&sig=REDACTED&se=2' access_token=REDACTED)"
            ),
            ("no secrets here: keyless=1 sigma=2", "no secrets here: keyless=1 sigma=2"),
        ])
    func scrubs(input: String, expected: String) {
        #expect(Redaction.scrub(text: input) == expected)
    }
}
