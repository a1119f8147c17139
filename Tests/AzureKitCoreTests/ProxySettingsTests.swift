import AzureKitCore
import AzureKitTesting
import Foundation
import Testing

@Suite("Proxy settings from the environment")
struct ProxySettingsTests {
    @Test func readsTheConventionalVariablesLowerCaseFirst() throws {
        let settings = ProxySettings.fromEnvironment([
            "HTTPS_PROXY": "http://upper:3128", "https_proxy": "http://alice:s%40cret@proxy.corp:8080",
            "HTTP_PROXY": "plain.corp:3128", "NO_PROXY": "localhost, .internal.example,10.0.0.7:443 ,*.svc",
        ])
        let https = try #require(settings.https)
        #expect(https.host == "proxy.corp" && https.port == 8080)
        #expect(https.credentials?.user == "alice" && https.credentials?.password == "s@cret")
        #expect(!"\(https)".contains("cret"), "credentials never printed")
        #expect(settings.http == ProxySettings.Server(host: "plain.corp", port: 3128))
        #expect(settings.noProxy == ["localhost", ".internal.example", "10.0.0.7:443", "*.svc"])
    }

    @Test(arguments: [
        ("https://acct.blob.core.windows.net/c/b", true),
        ("https://localhost/x", false),
        ("https://a.internal.example/x", false),
        ("https://internal.example/x", false),
        ("https://notinternal.example/x", true),
        ("https://10.0.0.7/x", false),
        ("https://10.0.0.70/x", true),
        ("https://db.svc/x", false),
    ])
    func noProxyDecidesPerHost(url: String, proxied: Bool) throws {
        let settings = ProxySettings(
            https: .init(host: "proxy", port: 3128),
            noProxy: ["localhost", ".internal.example", "10.0.0.7:443", "*.svc"])
        #expect((settings.server(for: URL(string: url)!) != nil) == proxied)
    }

    @Test func starBypassesEverythingAndSchemesPickTheirProxy() {
        let all = ProxySettings(https: .init(host: "p", port: 1), noProxy: ["*"])
        #expect(all.server(for: URL(string: "https://acct.blob.core.windows.net")!) == nil)
        let httpsOnly = ProxySettings(https: .init(host: "p", port: 1))
        #expect(httpsOnly.server(for: URL(string: "http://acct.blob.core.windows.net")!) == nil)
        #expect(httpsOnly.server(for: URL(string: "https://acct.blob.core.windows.net")!)?.host == "p")
    }

    @Test func rejectsUnusableProxyValues() {
        #expect(ProxySettings.Server(url: "") == nil)
        #expect(ProxySettings.Server(url: "socks5://proxy:1080") == nil)
        #expect(ProxySettings.fromEnvironment(["HTTPS_PROXY": ""]).https == nil)
    }
}

/// The default transport goes through the proxy with `CONNECT` (the loopback server plays the proxy and then the
/// tunnelled origin), and `NO_PROXY` hosts are reached directly. The deadline is generous: it is not what is tested,
/// and a full parallel test run on 2 cores was seen to stall loopback exchanges for more than 10 s.
@Suite("AsyncHTTPClientTransport through a proxy")
struct ProxyWireTests {
    @Test func tunnelsThroughTheProxyWithBasicCredentials() async throws {
        try await withLoopbackServer({ request in
            request.method.rawValue == "CONNECT"
                ? .respond(status: 200) : .respond(status: 200, body: Data("tunnelled".utf8))
        }) { proxy in
            let settings = ProxySettings(
                http: .init(host: "127.0.0.1", port: proxy.port, user: "alice", password: "pw"))
            try await ShippedTransport.asyncHTTPClient.withTransport(.init(proxy: settings, caBundlePath: nil)) {
                transport in
                let response = try await transport.send(
                    HTTPRequest(method: .get, url: URL(string: "http://origin.invalid:8080/c/b")!),
                    timeout: .seconds(60))
                #expect(response.body == Data("tunnelled".utf8))
            }
            let requests = proxy.requests
            #expect(requests.first?.method.rawValue == "CONNECT")
            #expect(requests.first?.target == "origin.invalid:8080")
            #expect(
                requests.first?.headers["Proxy-Authorization"] == "Basic " + Data("alice:pw".utf8).base64EncodedString()
            )
            #expect(requests.last?.path == "/c/b")
        }
    }

    @Test func noProxyHostsAreReachedDirectly() async throws {
        try await withLoopbackServer({ _ in .respond(status: 502) }) { proxy in
            try await withLoopbackServer({ _ in .respond(status: 200, body: Data("direct".utf8)) }) { origin in
                let settings = ProxySettings(http: .init(host: "127.0.0.1", port: proxy.port), noProxy: ["127.0.0.1"])
                try await ShippedTransport.asyncHTTPClient.withTransport(.init(proxy: settings, caBundlePath: nil)) {
                    transport in
                    let response = try await transport.send(
                        HTTPRequest(method: .get, url: origin.baseURL), timeout: .seconds(60))
                    #expect(response.body == Data("direct".utf8))
                }
                #expect(proxy.requestCount == 0)
            }
        }
    }
}
