import AzureKitSigning
import Foundation
import Testing

@Suite("Bad input gives typed errors, never a crash")
struct BadInputTests {
    @Test("Empty or malformed account names are rejected", arguments: ["", "dev acct", "dev/acct", "acct:x", "äcct"])
    func badAccountName(name: String) {
        #expect(throws: SigningError.self) { try SharedKeySigner(accountName: name, accountKey: TestKeys.accountKey) }
        do {
            _ = try SharedKeySigner(accountName: name, accountKey: TestKeys.accountKey)
        } catch {
            #expect(error.code == .invalidAccountName)
        }
    }

    @Test(
        "Empty and non-Base64 keys are rejected and the key text is not echoed",
        arguments: ["", "   ", "not base64!!", "AAECAwQ", "c2VjcmV0LWtleQ=\u{0}"])
    func badKey(key: String) {
        do {
            _ = try SharedKeySigner(accountName: "devacct", accountKey: key)
            Issue.record("accepted key \(key.debugDescription)")
        } catch {
            #expect(error.code == .invalidAccountKey)
            if key.count > 3 { #expect(!error.message.contains(key)) }
        }
    }

    @Test("A key with surrounding whitespace (as read from a file) signs like the trimmed key")
    func keyWithNewline() throws {
        let plain = try SharedKeySigner(accountName: "devacct", accountKey: TestKeys.accountKey)
        let padded = try SharedKeySigner(accountName: "devacct", accountKey: " " + TestKeys.accountKey + "\n")
        #expect(plain.signature(forStringToSign: "x") == padded.signature(forStringToSign: "x"))
    }

    @Test(
        "URLs without a host or with a non-HTTP scheme are malformed",
        arguments: [
            "/relative/path", "file:///tmp/x", "mailto:someone@example.com", "urn:isbn:123",
        ])
    func malformedURL(text: String) throws {
        let url = try #require(URL(string: text))
        let error = try signError { signer in
            try signer.stringToSign(method: "GET", url: url, headers: [], scheme: .storage)
        }
        #expect(error.code == .malformedURL)
    }

    @Test("Invalid percent-escapes are rejected by the decoder", arguments: ["%zz", "%C3", "%", "a%2", "%C3%28"])
    func badEscape(escape: String) {
        #expect(PercentEncoding.decode("prefix" + escape) == nil)
    }

    @Test("A URL whose query holds an invalid escape is malformed (if Foundation lets one through)")
    func badEscapeInURL() throws {
        // Current Foundation refuses such URLs up front; older ones kept them verbatim.
        guard
            let url = URL(
                string: "https://devacct.blob.core.windows.net/c?prefix=a%zz", encodingInvalidCharacters: false),
            url.query(percentEncoded: true) == "prefix=a%zz"
        else { return }
        let error = try signError { signer in
            try signer.stringToSign(method: "GET", url: url, headers: [], scheme: .storage)
        }
        #expect(error.code == .malformedURL)
        #expect(error.message.contains("prefix"))
    }

    @Test("Valid escapes decode, including multi-byte UTF-8; + stays +")
    func goodEscape() {
        #expect(PercentEncoding.decode("r%C3%A9sum%C3%A9%2Bx+y%2f") == "résumé+x+y/")
        #expect(PercentEncoding.encode("dir one/report ü.csv") == "dir%20one/report%20%C3%BC.csv")
        #expect(PercentEncoding.encode("a+b=c/d", safe: "") == "a%2Bb%3Dc%2Fd")
    }

    @Test(
        "Header names that are not HTTP tokens are rejected", arguments: ["x-ms meta", "", "x-ms-meta-ä", "x-ms:meta"])
    func badHeaderName(name: String) throws {
        let url = try #require(URL(string: "https://devacct.blob.core.windows.net/c"))
        let error = try signError { signer in
            try signer.stringToSign(method: "GET", url: url, headers: [(name, "v")], scheme: .storage)
        }
        #expect(error.code == .invalidHeaderName)
    }

    @Test(
        "Signed header values with line breaks are rejected without echoing the value",
        arguments: [
            ("x-ms-copy-source", "https://a/b?sig=SECRET\r\nx"), ("Content-Type", "a\nb"), ("ocp-date", "a\u{0}"),
        ])
    func badHeaderValue(name: String, value: String) throws {
        let url = try #require(URL(string: "https://devacct.blob.core.windows.net/c"))
        let scheme: SharedKeyScheme = name.hasPrefix("ocp-") ? .batch : .storage
        let error = try signError { signer in
            try signer.stringToSign(method: "GET", url: url, headers: [(name, value)], scheme: scheme)
        }
        #expect(error.code == .invalidHeaderValue)
        #expect(!error.description.contains("SECRET"))
    }

    @Test("Unsigned header values are not inspected")
    func unsignedValueIgnored() throws {
        _ = try stringToSign("GET", "https://devacct.blob.core.windows.net/c", [("User-Agent", "a\nb")])
    }

    @Test("Empty or non-token methods are rejected", arguments: ["", "GE T", "P\nUT"])
    func badMethod(method: String) throws {
        let url = try #require(URL(string: "https://devacct.blob.core.windows.net/c"))
        let error = try signError { signer in
            try signer.stringToSign(method: method, url: url, headers: [], scheme: .storage)
        }
        #expect(error.code == .invalidMethod)
    }

    @Test("Descriptions, debug output and mirrors never show the key")
    func signerRedaction() throws {
        let signer = try SharedKeySigner(accountName: "devacct", accountKey: TestKeys.accountKey)
        var dumped = ""
        dump(signer, to: &dumped)
        for text in [signer.description, String(reflecting: signer), "\(signer)", dumped] {
            #expect(text.contains("devacct"))
            #expect(!text.contains("AAECAwQF"))
            #expect(!text.contains("0, 1, 2, 3"))
        }
    }

    private func signError(_ body: (SharedKeySigner) throws -> String) throws -> SigningError {
        let signer = try SharedKeySigner(accountName: "devacct", accountKey: TestKeys.accountKey)
        do {
            let result = try body(signer)
            Issue.record("expected an error, got \(result.debugDescription)")
            return SigningError(.init(rawValue: "none"), "")
        } catch {
            return try #require(error as? SigningError)
        }
    }
}
