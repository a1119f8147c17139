import AzureKitCore
import AzureKitTesting
import Foundation
import Testing

@testable import AzureRegistryKit

/// Hostile or garbled input never crashes: every parser either succeeds or reports a typed error.
struct RobustnessTests {
    /// A small deterministic generator (64-bit LCG), so failures reproduce.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        mutating func string(from alphabet: [Character], maxLength: Int) -> String {
            String((0..<next(maxLength + 1)).map { _ in alphabet[next(alphabet.count)] })
        }
    }

    @Test func randomImageReferencesParseOrThrowTypedErrors() {
        var random = Generator(state: 42)
        let alphabet = Array("aZ09:/@._-[]sha256:ef  é\u{0}")
        var parsed = 0
        for _ in 0..<5_000 {
            let text = random.string(from: alphabet, maxLength: 40)
            do {
                let image = try ContainerImageReference(parsing: text)
                parsed += 1
                // Whatever parses must survive a round trip through its canonical form.
                #expect(
                    (try? ContainerImageReference(parsing: image.description))?.description == image.description,
                    "round trip of '\(text)'")
            } catch let error as ContainerImageReferenceError {
                #expect(error.reference == text)
            } catch {
                Issue.record("unexpected error type for '\(text)': \(error)")
            }
        }
        #expect(parsed > 0, "the generator never produced a valid reference, so the round trip went untested")
    }

    @Test func randomChallengeHeadersNeverCrash() {
        var random = Generator(state: 7)
        let alphabet = Array("Bearer realm=\"\\,, scope:pull\t=x")
        for _ in 0..<5_000 {
            let text = random.string(from: alphabet, maxLength: 60)
            if let challenge = RegistryChallenge(parsing: text) {
                #expect(!challenge.scheme.isEmpty)
                _ = challenge.scopes
            }
        }
    }

    @Test(arguments: [
        "", "a", "a.b", "a.b.c", "..", "a.%%%.c", "a.eyJleHAiOiJzb29uIn0.c", "a.eyJleHAiOi0xfQ.c", "a.W10.c",
    ])
    func malformedJWTsHaveNoExpiry(_ token: String) {
        // "soon" (a string), -1, and a JSON array are all refused.
        #expect(JWTClaims.expiry(of: token) == nil)
    }

    @Test func oddManifestHeadersStillMeanAvailable() async throws {
        let fixture = Fixture(
            name: "odd-headers",
            interactions: [
                .init(
                    request: .init(method: "HEAD", url: "http://localhost:5000/v2/app/manifests/1"),
                    response: .init(
                        status: 200, headers: ["Content-Type": "", "Docker-Content-Digest": "sha256:not-hex"]))
            ])
        let client = try Fixtures.client(
            FixtureTransport(fixture: fixture), server: "localhost:5000", credential: .anonymous)
        let result = try await client.verify(image: "localhost:5000/app:1")
        #expect(result.outcome == .available(digest: nil, mediaType: nil))
    }

    @Test(arguments: ["not json", #"{"errors": "nope"}"#, #"{"errors": []}"#, "[1,2]", ""])
    func garbledErrorBodiesStillDecode(_ body: String) {
        let error = ServiceErrorDecoder.registryJSON.decode(
            HTTPResponse(status: 404, body: Data(body.utf8)), operation: "Manifests_Head", clientRequestID: nil)
        #expect(error.status == 404)
        #expect(error.code == nil)
        #expect(error.message == "not found")
    }

    @Test func registryErrorBodiesAreDecoded() {
        let body =
            #"{"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known to registry"},{"code":"DENIED","message":"x"}]}"#
        let error = ServiceErrorDecoder.registryJSON.decode(
            HTTPResponse(status: 404, body: Data(body.utf8)), operation: "Manifests_Head", clientRequestID: nil)
        #expect(error.code == .nameUnknown)
        #expect(error.message == "repository name not known to registry")
        #expect(error.details == ["error.1": "DENIED: x"])
        let oauth = ServiceErrorDecoder.registryJSON.decode(
            HTTPResponse(status: 400, body: Data(#"{"error":"invalid_grant","error_description":"expired"}"#.utf8)),
            operation: "Token_Exchange", clientRequestID: nil)
        #expect(oauth.code?.rawValue == "invalid_grant")
        #expect(oauth.message == "expired")
    }
}
