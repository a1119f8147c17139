import AzureKitSigning
import Foundation
import Testing

/// One test per Batch Shared Key rule of batch-api.md §3–§4 that the vectors do not pin.
@Suite("Batch Shared Key canonicalization rules")
struct BatchCanonicalizationTests {
    let host = "https://devacct.westus2.batch.azure.com"
    let dateBlock = "ocp-date:\(TestKeys.date)\n"

    @Test("Each scheme names its date header")
    func dateHeaderNames() {
        #expect(SharedKeyScheme.batch.dateHeaderName == "ocp-date")
        #expect(SharedKeyScheme.storage.dateHeaderName == "x-ms-date")
    }

    @Test("Content-Length 0 is signed as 0 (body-less POST)")
    func zeroLength() throws {
        let sts = try stringToSign(
            "POST", host + "/pools/p1/stopresize?api-version=2025-06-01",
            [("ocp-date", TestKeys.date), ("Content-Length", "0")], scheme: .batch)
        #expect(
            sts == standardLines("POST", ["content-length": "0"]) + dateBlock
                + "/devacct/pools/p1/stopresize\napi-version:2025-06-01")
    }

    @Test("Only ocp-* headers are canonicalized, lower-cased, in ordinal order; x-ms-* are not")
    func ocpHeaders() throws {
        let sts = try stringToSign(
            "GET", host + "/jobs/j1/tasks/t1/files/stdout.txt?api-version=2025-06-01",
            [
                ("OCP-Range", "bytes=0-99"), ("ocp-date", TestKeys.date), ("x-ms-version", "2026-10-06"),
                ("ocp-Batch-Extra", "1"),
            ], scheme: .batch)
        #expect(
            tail(sts) == "ocp-batch-extra:1\n" + dateBlock
                + "ocp-range:bytes=0-99\n/devacct/jobs/j1/tasks/t1/files/stdout.txt\napi-version:2025-06-01")
    }

    @Test("ocp-* values are trimmed")
    func ocpTrim() throws {
        let sts = try stringToSign(
            "GET", host + "/jobs?api-version=2025-06-01", [("ocp-date", "  \(TestKeys.date) ")], scheme: .batch)
        #expect(tail(sts) == dateBlock + "/devacct/jobs\napi-version:2025-06-01")
    }

    @Test("client-request-id and return-client-request-id are not signed")
    func clientRequestIDUnsigned() throws {
        let sts = try stringToSign(
            "GET", host + "/jobs?api-version=2025-06-01",
            [("ocp-date", TestKeys.date), ("client-request-id", "9c4d50ee"), ("return-client-request-id", "true")],
            scheme: .batch)
        #expect(sts == standardLines("GET") + dateBlock + "/devacct/jobs\napi-version:2025-06-01")
    }

    @Test("Query names are lower-cased (timeOut signs as timeout)")
    func lowerCaseQueryNames() throws {
        let sts = try stringToSign(
            "GET", host + "/jobs/j1/tasks?api-version=2025-06-01&timeOut=30", [("ocp-date", TestKeys.date)],
            scheme: .batch)
        #expect(tail(sts) == dateBlock + "/devacct/jobs/j1/tasks\napi-version:2025-06-01\ntimeout:30")
    }

    @Test("A next link's $skiptoken is signed decoded")
    func nextLink() throws {
        let sts = try stringToSign(
            "GET", host + "/jobs/j1/tasks?api-version=2025-06-01&$skiptoken=a%2Fb%3D%3D", [("ocp-date", TestKeys.date)],
            scheme: .batch)
        #expect(tail(sts) == dateBlock + "/devacct/jobs/j1/tasks\n$skiptoken:a/b==\napi-version:2025-06-01")
    }

    @Test("Repeated query parameters keep request order, joined with commas")
    func repeatedQuery() throws {
        let sts = try stringToSign(
            "GET", host + "/pools?api-version=2025-06-01&$expand=stats&$expand=a", [("ocp-date", TestKeys.date)],
            scheme: .batch)
        #expect(tail(sts) == dateBlock + "/devacct/pools\n$expand:stats,a\napi-version:2025-06-01")
    }

    @Test("The file path is signed exactly as encoded (%2F and UTF-8 escapes kept)")
    func encodedFilePath() throws {
        let path = "/jobs/j1/tasks/t1/files/wd%2Fout%20dir%2Fr%C3%A9sum%C3%A9.txt"
        let sts = try stringToSign(
            "GET", host + path + "?api-version=2025-06-01", [("ocp-date", TestKeys.date)], scheme: .batch)
        #expect(tail(sts) == dateBlock + "/devacct" + path + "\napi-version:2025-06-01")
    }

    @Test("Content-Type is signed exactly as sent, with the space")
    func contentType() throws {
        let sts = try stringToSign(
            "POST", host + "/pools?api-version=2025-06-01",
            [
                ("Content-Type", "application/json; odata=minimalmetadata"), ("Content-Length", "603"),
                ("ocp-date", TestKeys.date),
            ], scheme: .batch)
        #expect(sts.hasPrefix("POST\n\n\n603\n\napplication/json; odata=minimalmetadata\n\n\n\n\n\n\n"))
    }

    @Test("The standard Range header is the 12th line; ocp-range is a canonical header")
    func rangeLine() throws {
        let sts = try stringToSign(
            "GET", host + "/jobs?api-version=2025-06-01", [("Range", "bytes=1-2"), ("ocp-date", TestKeys.date)],
            scheme: .batch)
        #expect(
            sts == standardLines("GET", ["range": "bytes=1-2"]) + dateBlock + "/devacct/jobs\napi-version:2025-06-01")
    }
}
