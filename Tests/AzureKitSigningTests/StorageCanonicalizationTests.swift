import AzureKitSigning
import Foundation
import Testing

/// One test per Storage Shared Key rule of blob-api.md §2 that the vectors do not pin.
@Suite("Storage Shared Key canonicalization rules")
struct StorageCanonicalizationTests {
    let base: [(name: String, value: String)] = [("x-ms-date", TestKeys.date), ("x-ms-version", "2026-10-06")]
    let baseBlock = "x-ms-date:\(TestKeys.date)\nx-ms-version:2026-10-06\n"

    @Test("Content-Length 0 is signed as an empty line (x-ms-version 2015-02-21 and later)")
    func zeroLengthEmpty() throws {
        let sts = try stringToSign(
            "PUT", "https://devacct.blob.core.windows.net/c/empty.txt",
            base + [("x-ms-blob-type", "BlockBlob"), ("Content-Length", "0")])
        #expect(sts == standardLines("PUT") + "x-ms-blob-type:BlockBlob\n" + baseBlock + "/devacct/c/empty.txt")
    }

    @Test("Content-Length 0 is signed as 0 for an x-ms-version before 2015-02-21")
    func zeroLengthOldVersion() throws {
        let sts = try stringToSign(
            "PUT", "https://devacct.blob.core.windows.net/c/b",
            [("x-ms-date", TestKeys.date), ("x-ms-version", "2014-02-14"), ("Content-Length", "0")])
        #expect(sts.hasPrefix(standardLines("PUT", ["content-length": "0"])))
    }

    @Test("Content-Length 0 without x-ms-version is signed as an empty line")
    func zeroLengthNoVersion() throws {
        let sts = try stringToSign("PUT", "https://devacct.blob.core.windows.net/c/b", [("Content-Length", "0")])
        #expect(sts.hasPrefix(standardLines("PUT")))
    }

    @Test("Non-zero Content-Length is signed verbatim")
    func nonZeroLength() throws {
        let sts = try stringToSign(
            "PUT", "https://devacct.blob.core.windows.net/c/b", base + [("Content-Length", "10")])
        #expect(sts.hasPrefix(standardLines("PUT", ["content-length": "10"])))
    }

    @Test("All eleven standard headers are signed in the documented order, Date line included")
    func allStandardHeaders() throws {
        let values = [
            "content-encoding": "gzip", "content-language": "en-US", "content-length": "42",
            "content-md5": "XrY7u+Ae7tCTyyK7j1rNww==", "content-type": "text/csv",
            "date": "Tue, 30 Sep 2025 10:00:00 GMT",
            "if-modified-since": "Mon, 29 Sep 2025 08:00:00 GMT", "if-match": "\"0x8DDE0F1A2B3C4D5\"",
            "if-none-match": "*",
            "if-unmodified-since": "Sun, 28 Sep 2025 08:00:00 GMT", "range": "bytes=0-1023",
        ]
        // Given in reverse and mixed case: order and case of the input must not matter.
        let headers = values.sorted { $0.key > $1.key }.map { (name: $0.key.uppercased(), value: $0.value) }
        let sts = try stringToSign("PUT", "https://devacct.blob.core.windows.net/c/b", base + headers)
        #expect(sts == standardLines("PUT", values) + baseBlock + "/devacct/c/b")
    }

    @Test("Date line stays empty when only x-ms-date is sent")
    func dateLineEmpty() throws {
        let sts = try stringToSign("GET", "https://devacct.blob.core.windows.net/c/b", base)
        #expect(sts == standardLines("GET") + baseBlock + "/devacct/c/b")
    }

    @Test("The standard Range header is signed on the 12th line; x-ms-range as a canonical header")
    func rangeLine() throws {
        let sts = try stringToSign(
            "GET", "https://devacct.blob.core.windows.net/c/b",
            base + [("Range", "bytes=0-1023"), ("x-ms-range", "bytes=0-511")])
        #expect(
            sts == standardLines("GET", ["range": "bytes=0-1023"])
                + "x-ms-date:\(TestKeys.date)\nx-ms-range:bytes=0-511\nx-ms-version:2026-10-06\n/devacct/c/b")
    }

    @Test("Header names are case-insensitive and canonical names are lower-cased")
    func headerNameCase() throws {
        let sts = try stringToSign(
            "PUT", "https://devacct.blob.core.windows.net/c/b",
            [
                ("X-MS-Date", TestKeys.date), ("X-Ms-Meta-Owner", "Data Team"), ("x-ms-VERSION", "2026-10-06"),
                ("CONTENT-TYPE", "text/plain"),
            ])
        #expect(
            sts == standardLines("PUT", ["content-type": "text/plain"])
                + "x-ms-date:\(TestKeys.date)\nx-ms-meta-owner:Data Team\nx-ms-version:2026-10-06\n/devacct/c/b")
    }

    @Test("Header values are trimmed at both ends; inner whitespace is kept verbatim")
    func valueWhitespace() throws {
        let sts = try stringToSign(
            "PUT", "https://devacct.blob.core.windows.net/c/b",
            base + [("x-ms-meta-note", "  two  spaces\tand tab  "), ("Content-Type", " text/plain ")])
        #expect(
            sts == standardLines("PUT", ["content-type": "text/plain"])
                + "x-ms-date:\(TestKeys.date)\nx-ms-meta-note:two  spaces\tand tab\nx-ms-version:2026-10-06\n/devacct/c/b"
        )
    }

    @Test("Repeated header names are combined with commas in request order")
    func repeatedHeaders() throws {
        let sts = try stringToSign(
            "PUT", "https://devacct.blob.core.windows.net/c/b",
            base + [("x-ms-meta-tag", "b"), ("X-MS-META-TAG", "a")])
        #expect(tail(sts) == "x-ms-date:\(TestKeys.date)\nx-ms-meta-tag:b,a\nx-ms-version:2026-10-06\n/devacct/c/b")
    }

    @Test("Headers other than the standard ones and x-ms-* are not signed")
    func unsignedHeaders() throws {
        let sts = try stringToSign(
            "GET", "https://devacct.blob.core.windows.net/c/b",
            base + [
                ("Accept", "application/xml"), ("User-Agent", "azsdk-swift-blob/1.0"),
                ("client-request-id", "x"), ("ocp-date", TestKeys.date), ("Authorization", "old"),
            ])
        #expect(sts == standardLines("GET") + baseBlock + "/devacct/c/b")
    }

    @Test("x-ms-* headers follow the service collation the service itself reported (azure-sdk-for-python PR 33951)")
    func serviceCollation() throws {
        let expected = [
            "test", "test-", "test--", "test_-", "test-_", "test__", "test_a", "test_a-", "test-_a",
            "test_a_", "test_a-_", "test_z", "test-a",
        ].map { "x-ms-meta-" + $0 }
        let headers = expected.reversed().map { (name: $0, value: "val") }
        let sts = try stringToSign(
            "PUT", "https://devacct.blob.core.windows.net/c/b",
            [
                ("x-ms-version", "2023-11-03"), ("x-ms-date", TestKeys.date),
                ("x-ms-client-request-id", "id"), ("x-ms-blob-type", "BlockBlob"),
            ] + headers)
        let block =
            "x-ms-blob-type:BlockBlob\nx-ms-client-request-id:id\nx-ms-date:\(TestKeys.date)\n"
            + expected.map { $0 + ":val\n" }.joined() + "x-ms-version:2023-11-03\n/devacct/c/b"
        #expect(tail(sts) == block)
    }

    @Test("The encoded URL path is signed exactly as sent (non-ASCII blob name)")
    func encodedPath() throws {
        let sts = try stringToSign(
            "PUT", "https://devacct.blob.core.windows.net/mycontainer/dir%20one/report%20%C3%BC.csv", base)
        #expect(tail(sts) == baseBlock + "/devacct/mycontainer/dir%20one/report%20%C3%BC.csv")
    }

    @Test("A service-level URL signs the resource as /account/")
    func serviceLevel() throws {
        let sts = try stringToSign("GET", "https://devacct.blob.core.windows.net/?comp=list&timeout=30", base)
        #expect(tail(sts) == baseBlock + "/devacct/\ncomp:list\ntimeout:30")
    }

    @Test("An empty URL path is signed as / (what goes on the wire)")
    func emptyPath() throws {
        let sts = try stringToSign("GET", "https://devacct.blob.core.windows.net?comp=list", base)
        #expect(tail(sts) == baseBlock + "/devacct/\ncomp:list")
    }

    @Test("Path-style (Azurite) URLs carry the account twice")
    func azuritePathStyle() throws {
        let signer = try SharedKeySigner(accountName: "devstoreaccount1", accountKey: TestKeys.azuriteKey)
        let url = try #require(URL(string: "http://127.0.0.1:10000/devstoreaccount1/mycontainer?restype=container"))
        let sts = try signer.stringToSign(
            method: "PUT", url: url, headers: base + [("Content-Length", "0")], scheme: .storage)
        #expect(tail(sts) == baseBlock + "/devstoreaccount1/devstoreaccount1/mycontainer\nrestype:container")
    }

    @Test("Query names are lower-cased and sorted; values are percent-decoded (%2B %2F %3D %20)")
    func queryDecoding() throws {
        let sts = try stringToSign(
            "GET", "https://devacct.blob.core.windows.net/c?restype=container&Comp=list&prefix=a%2Bb%3Dc%2Fd%20e", base)
        #expect(tail(sts) == baseBlock + "/devacct/c\ncomp:list\nprefix:a+b=c/d e\nrestype:container")
    }

    @Test("Repeated query parameters: values sorted and joined with commas")
    func repeatedQuery() throws {
        let sts = try stringToSign(
            "GET", "https://devacct.blob.core.windows.net/c?include=metadata&comp=list&include=copy", base)
        #expect(tail(sts) == baseBlock + "/devacct/c\ncomp:list\ninclude:copy,metadata")
    }

    @Test("A single value containing commas is signed verbatim, not split or re-sorted")
    func commaValue() throws {
        let sts = try stringToSign("GET", "https://devacct.blob.core.windows.net/c?include=versions,copy", base)
        #expect(tail(sts) == baseBlock + "/devacct/c\ninclude:versions,copy")
    }

    @Test("A raw + in a query value is signed as +, not as a space")
    func rawPlus() throws {
        let sts = try stringToSign("GET", "https://devacct.blob.core.windows.net/c?prefix=a+b", base)
        #expect(tail(sts) == baseBlock + "/devacct/c\nprefix:a+b")
    }

    @Test("A query parameter without = is signed with an empty value; empty pieces are skipped")
    func valuelessQuery() throws {
        let sts = try stringToSign("GET", "https://devacct.blob.core.windows.net/c?comp&&restype=container", base)
        #expect(tail(sts) == baseBlock + "/devacct/c\ncomp:\nrestype:container")
    }

    @Test("The method is upper-cased; the fragment is not signed")
    func methodAndFragment() throws {
        let sts = try stringToSign("get", "https://devacct.blob.core.windows.net/c/b#part", base)
        #expect(sts == standardLines("GET") + baseBlock + "/devacct/c/b")
    }
}
