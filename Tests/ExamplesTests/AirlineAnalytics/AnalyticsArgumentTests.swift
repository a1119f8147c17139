import AirlineAnalyticsCore
import AzureBlobKit
import AzureKitCore
import Testing

@Suite("AirlineAnalytics arguments and locations")
struct AnalyticsArgumentTests {
    @Test(
        "locations",
        arguments: [
            ("data/2007.csv.bz2", "local"),
            ("/abs/2007.csv", "local"),
            ("-", "stdin"),
            ("https://acct.blob.core.windows.net/demo/raw/2007.csv.bz2", "blob"),
            ("wasbs://demo@acct.blob.core.windows.net/raw/airlines/2007.csv.bz2", "blob"),
            ("http://127.0.0.1:10000/devstoreaccount1/demo/raw/2007.csv", "blob"),
            ("https://acct.blob.core.windows.net/demo/2007.parquet?sv=2025-01-05&sp=cw&sig=c2VjcmV0", "blob"),
        ])
    func parses(text: String, kind: String) throws {
        let location = try DataLocation(text)
        switch location {
        case .local(let path): #expect(kind == "local" && path == text)
        case .standardStream: #expect(kind == "stdin")
        case .blob(let url): #expect(kind == "blob" && url.blobName != nil)
        }
        #expect(!location.description.contains("c2VjcmV0"))
    }

    @Test("wasbs:// maps to the blob endpoint")
    func wasbs() throws {
        guard
            case .blob(let url) = try DataLocation("wasbs://demo@acct.blob.core.windows.net/raw/airlines/2007.csv.bz2")
        else {
            Issue.record("not a blob")
            return
        }
        #expect(url.containerName == "demo")
        #expect(url.blobName == "raw/airlines/2007.csv.bz2")
        #expect(url.endpoint.accountName == "acct")
    }

    @Test(
        "bad locations give one line without secrets",
        arguments: [
            ("", "empty"),
            ("ftp://host/file.csv", "unsupported scheme"),
            ("s3://bucket/key.csv?sig=c2VjcmV0", "unsupported scheme"),
            ("https://acct.blob.core.windows.net/onlycontainer", "names no blob"),
        ])
    func rejects(text: String, reason: String) {
        #expect {
            _ = try DataLocation(text)
        } throws: { error in
            let message = String(describing: error)
            return message.contains(reason) && !message.contains("c2VjcmV0") && !message.contains("\n")
        }
    }

    @Test func commandOptions() throws {
        let command = try AirlineAnalyticsCommand.parse([
            "-i", "in.csv", "-o", "out.parquet", "--codec", "gzip", "--workers", "1",
            "--skip-malformed", "--plot", "x.svg", "--progress", "none",
        ])
        let request = try command.request()
        #expect(request.input == .local("in.csv"))
        #expect(request.output == .local("out.parquet"))
        #expect(request.codec == .gzip)
        #expect(request.skipMalformed)
        #expect(request.plot == "x.svg")
        #expect(request.progress == .none)
    }

    @Test(
        "bad options are rejected",
        arguments: [
            ["-o", "x.parquet"],
            ["-i", "in.csv", "--codec", "lz4"],
            ["-i", "in.csv", "--progress", "fancy"],
            ["-i", "in.csv", "--workers", "-2"],
        ])
    func rejectsOptions(arguments: [String]) {
        #expect(throws: (any Error).self) { _ = try AirlineAnalyticsCommand.parse(arguments) }
    }

    @Test func scrubber() {
        let text = "GET https://a.blob.core.windows.net/c/b?sv=1&sig=abc%2Bdef&se=2 failed; AccountKey=xyz==;Password=p"
        let scrubbed = Redaction.scrub(text: text)
        #expect(!scrubbed.contains("abc%2Bdef") && !scrubbed.contains("xyz==") && !scrubbed.contains("=p"))
        #expect(scrubbed.contains("sig=REDACTED&se=2"))
    }

    @Test(
        "progress lines",
        arguments: [
            (
                ProgressSnapshot(bytesRead: 50_000_000, totalBytes: 100_000_000, elapsed: 2), "50%", "25.0 MB/s",
                "ETA 0:02"
            ),
            (ProgressSnapshot(bytesRead: 3_000_000, totalBytes: nil, elapsed: 1), "3.0 MB read", "3.0 MB/s", ""),
        ])
    func progress(snapshot: ProgressSnapshot, first: String, rate: String, eta: String) {
        let bar = snapshot.barLine()
        #expect(bar.contains(first) && bar.contains(rate))
        #expect(eta.isEmpty ? !bar.contains("ETA") : bar.contains(eta), "\(bar)")
        #expect(snapshot.plainLine.contains(rate.replacingOccurrences(of: " MB/s", with: "")))
    }
}
