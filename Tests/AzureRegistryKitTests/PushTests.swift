import AzureKitCore
import AzureKitTesting
import Foundation
import Testing

@testable import AzureRegistryKit

/// The push side of the distribution API against recorded conversations: ACR's push token flow and the
/// registry errors an upload can meet. The loopback tests against a real registry are in ContainerImageKitTests.
struct PushTests {
    static let blob = Data("fixture layer bytes: 0123456789abcdef\n".utf8)
    static let manifest = Data(#"{"schemaVersion":2}"#.utf8)

    @Test func entraPushAsksForPullAndPushScope() async throws {
        try await withTestTransport(fixture: .named("push-entra", in: .module), target: .fixture) {
            transport, replayer in
            let client = try Fixtures.client(transport, credential: .entraID(StaticTokenCredential()))
            let result = try await client.pushBlob(Self.blob, to: "tools/worker")
            #expect(
                result
                    == BlobPushResult(
                        digest: .sha256(of: Self.blob), size: Self.blob.count, outcome: .uploaded(requests: 1)))
            let digest = try await client.pushManifest(
                Self.manifest, mediaType: .ociManifest, to: "tools/worker", reference: "1.0")
            #expect(digest == .sha256(of: Self.manifest))
            let requests = replayer.requests
            // The token request's form carries the push scope; every registry call after it carries the bearer token.
            let tokenForm = String(decoding: try await requests[2].body.collect(), as: UTF8.self)
            #expect(tokenForm.contains("scope=repository%3Atools%2Fworker%3Apull%2Cpush"))
            #expect(requests[3...].allSatisfy { $0.headers["Authorization"] == "Bearer \(Secrets.accessToken)" })
        }
    }

    @Test(arguments: TestTarget.allCases) func brokenUploadSessionIsStartedOverOnce(target: TestTarget) async throws {
        try await withTestTransport(fixture: .named("push-blob-upload-invalid", in: .module), target: target) {
            transport, replayer in
            let client = try Fixtures.client(transport, server: "registry.example.com", credential: .anonymous)
            let result = try await client.pushBlob(Self.blob, to: "tools/worker", options: .init(chunkSize: 20))
            // One refused PATCH, then two PATCHes and the closing PUT in the new session.
            #expect(result.outcome == .uploaded(requests: 4))
        }
    }

    @Test(arguments: TestTarget.allCases) func digestInvalidIsATypedError(target: TestTarget) async throws {
        try await withTestTransport(fixture: .named("push-digest-invalid", in: .module), target: target) {
            transport, replayer in
            let client = try Fixtures.client(transport, server: "registry.example.com", credential: .anonymous)
            let error = try await #require(throws: AzureServiceError.self) {
                try await client.pushBlob(Self.blob, to: "tools/worker")
            }
            #expect(error.code == .digestInvalid)
            #expect(error.status == 400)
            #expect(error.operation == "Blobs_CompleteUpload")
        }
    }

    @Test(arguments: TestTarget.allCases) func manifestInvalidIsATypedError(target: TestTarget) async throws {
        try await withTestTransport(fixture: .named("push-manifest-invalid", in: .module), target: target) {
            transport, replayer in
            let client = try Fixtures.client(transport, server: "registry.example.com", credential: .anonymous)
            let error = try await #require(throws: AzureServiceError.self) {
                try await client.pushManifest(
                    Self.manifest, mediaType: .ociManifest, to: "tools/worker", reference: "1.0")
            }
            #expect(error.code == .manifestInvalid)
            #expect(error.message == "manifest invalid")
        }
    }

    @Test(arguments: TestTarget.allCases) func expiredTokenMidUploadIsRenewedAndTheChunkResent(target: TestTarget)
        async throws
    {
        try await withTestTransport(fixture: .named("push-token-expires-mid-upload", in: .module), target: target) {
            transport, replayer in
            let client = try Fixtures.client(
                transport, credential: .basic(username: "devregistry", password: Secrets.password))
            let result = try await client.pushBlob(Self.blob, to: "tools/worker", options: .init(chunkSize: 20))
            // Two PATCHes and the PUT; the chunk re-sent after the 401 is the same request answered again.
            #expect(result.outcome == .uploaded(requests: 3))
            let patches = replayer.requests.filter { $0.method == .patch }
            #expect(
                patches.map { $0.headers["Authorization"] } == [
                    "Bearer fake-push-token-1", "Bearer fake-push-token-1", "Bearer fake-push-token-2",
                ])
            #expect(replayer.requests.last?.headers["Authorization"] == "Bearer fake-push-token-2")
        }
    }

    @Test func transientFailuresAreRetriedByThePipeline() async throws {
        let digest = ImageDigest.sha256(of: Self.blob).description
        let upload = "https://registry.example.com/v2/tools/worker/blobs/uploads/u-1?_state=s1"
        let transport = FixtureTransport(
            fixture: Fixture(
                name: "push-503",
                interactions: [
                    .init(
                        request: .init(
                            method: "HEAD", url: "https://registry.example.com/v2/tools/worker/blobs/\(digest)"),
                        response: .init(status: 404)),
                    .init(
                        request: .init(
                            method: "POST", url: "https://registry.example.com/v2/tools/worker/blobs/uploads/"),
                        response: .init(status: 202, headers: ["Location": upload])),
                    .init(
                        request: .init(method: "PUT", url: upload + "&digest=\(digest)"),
                        response: .init(
                            status: 503, headers: ["Retry-After": "0"],
                            body: #"{"errors":[{"code":"UNAVAILABLE","message":"busy"}]}"#)),
                    .init(
                        request: .init(
                            method: "PUT", url: upload + "&digest=\(digest)",
                            body: String(decoding: Self.blob, as: UTF8.self)),
                        response: .init(status: 201, headers: ["Docker-Content-Digest": digest])),
                ]))
        let client = try Fixtures.client(transport, server: "registry.example.com", credential: .anonymous)
        let result = try await client.pushBlob(Self.blob, to: "tools/worker")
        #expect(result.outcome == .uploaded(requests: 1))
        try transport.assertAllUsed()
    }

    @Test func registryThatStoresAnotherDigestIsCaught() async throws {
        let other = "sha256:" + String(repeating: "0", count: 64)
        let transport = FixtureTransport(
            fixture: Fixture(
                name: "wrong-digest",
                interactions: [
                    .init(
                        request: .init(
                            method: "PUT", url: "https://registry.example.com/v2/tools/worker/manifests/1.0"),
                        response: .init(status: 201, headers: ["Docker-Content-Digest": other]))
                ]))
        let client = try Fixtures.client(transport, server: "registry.example.com", credential: .anonymous)
        let error = try await #require(throws: AzureClientError.self) {
            try await client.pushManifest(Self.manifest, mediaType: .ociManifest, to: "tools/worker", reference: "1.0")
        }
        #expect(error.kind == .unexpectedResponse)
        #expect(error.message.contains(other))
    }

    @Test(arguments: [
        (RegistryScope.push(repository: "a/b"), RegistryScope.pull(repository: "a/b"), true),
        (RegistryScope.pull(repository: "a/b"), RegistryScope.push(repository: "a/b"), false),
        (RegistryScope.push(repository: "a/b"), RegistryScope.pull(repository: "a/c"), false),
        (RegistryScope(type: "repository", name: "a/b", actions: ["*"]), RegistryScope.push(repository: "a/b"), true),
    ])
    func scopeCoverage(granted: RegistryScope, needed: RegistryScope, covers: Bool) {
        #expect(granted.covers(needed) == covers)
    }

    @Test func pushScopeIsPullCommaPush() {
        #expect(RegistryScope.push(repository: "tools/worker").description == "repository:tools/worker:pull,push")
        // A challenge for pull on the mount source adds to what the request needs; one for pull on the pushed
        // repository is already covered.
        let merged = RegistryAuthenticator.merge(
            [.push(repository: "app")], [.pull(repository: "app"), .pull(repository: "base")])
        #expect(merged == [.push(repository: "app"), .pull(repository: "base")])
    }
}
