import AzureBlobKit
import AzureKitCore
import AzureKitSigning
import Foundation
import Testing

@Suite struct BlobURLTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let input: String
        let url: String
        let account: String
        let container: String?
        let blob: String?
        var testDescription: String { input }
    }

    static let cases: [Case] = [
        Case(
            input: "https://acct.blob.core.windows.net/demo/raw/airlines/2007.csv.bz2",
            url: "https://acct.blob.core.windows.net/demo/raw/airlines/2007.csv.bz2", account: "acct",
            container: "demo",
            blob: "raw/airlines/2007.csv.bz2"),
        Case(
            input: "wasbs://demo@acct.blob.core.windows.net/raw/airlines/2007.csv.bz2",
            url: "https://acct.blob.core.windows.net/demo/raw/airlines/2007.csv.bz2", account: "acct",
            container: "demo",
            blob: "raw/airlines/2007.csv.bz2"),
        Case(
            input: "wasb://demo@acct.blob.core.windows.net/aggregated/airlines/2007.parquet",
            url: "https://acct.blob.core.windows.net/demo/aggregated/airlines/2007.parquet", account: "acct",
            container: "demo",
            blob: "aggregated/airlines/2007.parquet"),
        Case(
            input: "abfss://lake@acct.dfs.core.windows.net/raw/2007.csv",
            url: "https://acct.blob.core.windows.net/lake/raw/2007.csv", account: "acct", container: "lake",
            blob: "raw/2007.csv"),
        Case(
            input: "abfs://lake@acct.dfs.core.chinacloudapi.cn/x",
            url: "https://acct.blob.core.chinacloudapi.cn/lake/x", account: "acct", container: "lake", blob: "x"),
        Case(
            input: "https://acct.dfs.core.windows.net/lake/raw/2007.csv",
            url: "https://acct.blob.core.windows.net/lake/raw/2007.csv", account: "acct", container: "lake",
            blob: "raw/2007.csv"),
        Case(
            input: "wasbs://demo@acct.blob.core.windows.net", url: "https://acct.blob.core.windows.net/demo",
            account: "acct",
            container: "demo", blob: nil),
        Case(
            input: "http://127.0.0.1:10000/devstoreaccount1/demo/dir/x.csv",
            url: "http://127.0.0.1:10000/devstoreaccount1/demo/dir/x.csv", account: "devstoreaccount1",
            container: "demo",
            blob: "dir/x.csv"),
        Case(
            input: "http://localhost:10000/devstoreaccount1/demo", url: "http://localhost:10000/devstoreaccount1/demo",
            account: "devstoreaccount1", container: "demo", blob: nil),
        Case(
            input: "http://127.0.0.1:10000/devstoreaccount1", url: "http://127.0.0.1:10000/devstoreaccount1/",
            account: "devstoreaccount1", container: nil, blob: nil),
        Case(
            input: "https://acct.blob.core.windows.net", url: "https://acct.blob.core.windows.net/", account: "acct",
            container: nil, blob: nil),
        // Names: spaces, '+', '#', '%', non-ASCII; the input is percent-encoded once, the output never has a raw '+'.
        Case(
            input: "https://acct.blob.core.windows.net/c01/dir%20one/report%20%C3%BC.csv",
            url: "https://acct.blob.core.windows.net/c01/dir%20one/report%20%C3%BC.csv", account: "acct",
            container: "c01",
            blob: "dir one/report ü.csv"),
        Case(
            input: "https://acct.blob.core.windows.net/c01/a+b%2Bc%23d%25e",
            url: "https://acct.blob.core.windows.net/c01/a%2Bb%2Bc%23d%25e", account: "acct", container: "c01",
            blob: "a+b+c#d%e"),
        Case(
            input: "wasbs://c01@acct.blob.core.windows.net/%E6%97%A5%E6%9C%AC/data%20(1).csv",
            url: "https://acct.blob.core.windows.net/c01/%E6%97%A5%E6%9C%AC/data%20%281%29.csv", account: "acct",
            container: "c01",
            blob: "日本/data (1).csv"),
        Case(
            input: "https://acct.blob.core.windows.net/c01/dir//x/",
            url: "https://acct.blob.core.windows.net/c01/dir//x/",
            account: "acct", container: "c01", blob: "dir//x/"),
        Case(
            input: "https://acct.blob.core.windows.net/$root/x", url: "https://acct.blob.core.windows.net/$root/x",
            account: "acct", container: "$root", blob: "x"),
    ]

    @Test(arguments: cases)
    func parses(_ item: Case) throws {
        let parsed = try BlobURL(parsing: item.input)
        #expect(parsed.url.absoluteString == item.url)
        #expect(parsed.endpoint.accountName == item.account)
        #expect(parsed.containerName == item.container)
        #expect(parsed.blobName == item.blob)
        #expect(parsed.sasToken == nil)
        // The canonical form parses back to itself.
        let again = try BlobURL(parsing: parsed.url.absoluteString)
        #expect(again == parsed)
    }

    static let invalid: [(String, String)] = [
        ("ftp://acct.blob.core.windows.net/c01/x", "unsupported scheme"),
        ("acct.blob.core.windows.net/c01/x", "no scheme"),
        ("wasbs://acct.blob.core.windows.net/x", "container before '@'"),
        ("wasbs://c01@example.com/x", "not a Storage endpoint"),
        ("https://acct.blob.core.windows.net/Upper/x", "lower-case"),
        ("https://acct.blob.core.windows.net/ab/x", "3 to 63"),
        ("https://acct.blob.core.windows.net/a--b/x", "'--'"),
        ("https://acct.blob.core.windows.net/c01/100%/x", "%25"),
        ("https://acct.blob.core.windows.net:99999/c01/x", "invalid port"),
        ("http://127.0.0.1:10000/", "start with the account"),
    ]

    @Test(arguments: invalid)
    func rejects(_ input: String, _ reason: String) {
        do {
            _ = try BlobURL(parsing: input)
            Issue.record("\(input) parsed")
        } catch let error as AzureClientError {
            #expect(error.message.contains(reason), "\(error.message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func sasInTheURLIsKeptButNeverPrinted() throws {
        let text =
            "https://acct.blob.core.windows.net/c01/x.csv?sv=2026-10-06&sr=b&sp=r&se=2025-10-02T12%3A00%3A00Z&sig=abc%2Bdef%3D"
        let parsed = try BlobURL(parsing: text)
        #expect(parsed.sasToken == "sv=2026-10-06&sr=b&sp=r&se=2025-10-02T12%3A00%3A00Z&sig=abc%2Bdef%3D")
        #expect(!parsed.description.contains("sig"))
        #expect(parsed.urlWithSAS.absoluteString == text)
        let blob = try BlobClient(url: text)
        #expect(blob.blobName == "x.csv")
    }

    @Test func endpointBuildsEncodedURLs() throws {
        let endpoint = try BlobEndpoint(url: URL(string: "https://devacct.blob.core.windows.net")!)
        let url = try endpoint.url(
            container: "results", blob: "2007 ü+.parquet", query: [("comp", "block"), ("blockid", "ab+/=")])
        #expect(
            url.absoluteString
                == "https://devacct.blob.core.windows.net/results/2007%20%C3%BC%2B.parquet?comp=block&blockid=ab%2B%2F%3D"
        )
        #expect(PercentEncoding.encode("a b/c~d_e.f-g", safe: "/") == "a%20b/c~d_e.f-g")
        #expect(PercentEncoding.decode("%E6%97%A5") == "日")
        #expect(PercentEncoding.decode("%zz") == nil)
        #expect(PercentEncoding.decode("%C3") == nil)  // not UTF-8
    }

    @Test func connectionStrings() throws {
        let azurite = try BlobServiceClient(connectionString: "UseDevelopmentStorage=true")
        #expect(azurite.endpoint.isPathStyle)
        #expect(azurite.endpoint.serviceURL.absoluteString == "http://127.0.0.1:10000/devstoreaccount1/")
        let cloud = try BlobServiceClient(
            connectionString:
                "DefaultEndpointsProtocol=https;AccountName=devacct;AccountKey=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=;EndpointSuffix=core.usgovcloudapi.net"
        )
        #expect(cloud.endpoint.serviceURL.absoluteString == "https://devacct.blob.core.usgovcloudapi.net/")
        let custom = try BlobServiceClient(
            connectionString:
                "AccountName=devacct;BlobEndpoint=https://files.example.com;SharedAccessSignature=sv=x&sig=y")
        #expect(custom.accountName == "devacct")
    }
}
