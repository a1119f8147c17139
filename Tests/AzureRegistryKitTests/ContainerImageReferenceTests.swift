import Foundation
import Testing

@testable import AzureRegistryKit

/// Vectors follow Docker's distribution/reference rules (ParseNormalizedNamed), transcribed by hand.
struct ContainerImageReferenceTests {
    struct Valid: Sendable, CustomTestStringConvertible {
        let input: String
        let registry: String
        let repository: String
        let tag: String?
        let digest: String?
        let canonical: String
        var testDescription: String { input }
    }

    static let hex64 = String(repeating: "a1", count: 32)

    static let valid: [Valid] = [
        .init(
            input: "ubuntu", registry: "docker.io", repository: "library/ubuntu", tag: nil, digest: nil,
            canonical: "docker.io/library/ubuntu:latest"),
        .init(
            input: "ubuntu:24.04", registry: "docker.io", repository: "library/ubuntu", tag: "24.04", digest: nil,
            canonical: "docker.io/library/ubuntu:24.04"),
        .init(
            input: "dataminded/spark_on_azure_batch_demo", registry: "docker.io",
            repository: "dataminded/spark_on_azure_batch_demo",
            tag: nil, digest: nil, canonical: "docker.io/dataminded/spark_on_azure_batch_demo:latest"),
        .init(
            input: "devregistry.azurecr.io/tools/worker:1.4.2", registry: "devregistry.azurecr.io",
            repository: "tools/worker",
            tag: "1.4.2", digest: nil, canonical: "devregistry.azurecr.io/tools/worker:1.4.2"),
        .init(
            input: "devregistry.azurecr.io/devregistry/spark_on_azure_batch_demo:latest",
            registry: "devregistry.azurecr.io",
            repository: "devregistry/spark_on_azure_batch_demo", tag: "latest", digest: nil,
            canonical: "devregistry.azurecr.io/devregistry/spark_on_azure_batch_demo:latest"),
        .init(
            input: "localhost:5000/repo", registry: "localhost:5000", repository: "repo", tag: nil, digest: nil,
            canonical: "localhost:5000/repo:latest"),
        .init(
            input: "localhost:5000/a/b/c:v1", registry: "localhost:5000", repository: "a/b/c", tag: "v1", digest: nil,
            canonical: "localhost:5000/a/b/c:v1"),
        .init(
            input: "localhost/repo", registry: "localhost", repository: "repo", tag: nil, digest: nil,
            canonical: "localhost/repo:latest"),
        // Without a '/', 'localhost:5000' is the Docker Hub image 'localhost' with tag '5000', as in Docker.
        .init(
            input: "localhost:5000", registry: "docker.io", repository: "library/localhost", tag: "5000", digest: nil,
            canonical: "docker.io/library/localhost:5000"),
        .init(
            input: "index.docker.io/library/redis", registry: "docker.io", repository: "library/redis", tag: nil,
            digest: nil,
            canonical: "docker.io/library/redis:latest"),
        .init(
            input: "docker.io/redis", registry: "docker.io", repository: "library/redis", tag: nil, digest: nil,
            canonical: "docker.io/library/redis:latest"),
        .init(
            input: "127.0.0.1:5000/x_y__z.w-v--u", registry: "127.0.0.1:5000", repository: "x_y__z.w-v--u", tag: nil,
            digest: nil,
            canonical: "127.0.0.1:5000/x_y__z.w-v--u:latest"),
        .init(
            input: "[::1]:5000/repo:tag", registry: "[::1]:5000", repository: "repo", tag: "tag", digest: nil,
            canonical: "[::1]:5000/repo:tag"),
        .init(
            input: "mcr.microsoft.com/azure-cli@sha256:\(hex64)", registry: "mcr.microsoft.com",
            repository: "azure-cli",
            tag: nil, digest: "sha256:\(hex64)", canonical: "mcr.microsoft.com/azure-cli@sha256:\(hex64)"),
        .init(
            input: "devregistry.azurecr.io/tools/worker:1.4.2@sha256:\(hex64)", registry: "devregistry.azurecr.io",
            repository: "tools/worker", tag: "1.4.2", digest: "sha256:\(hex64)",
            canonical: "devregistry.azurecr.io/tools/worker:1.4.2@sha256:\(hex64)"),
        .init(
            input: "Registry.Example.com/repo", registry: "Registry.Example.com", repository: "repo", tag: nil,
            digest: nil,
            canonical: "Registry.Example.com/repo:latest"),
        // An upper-case first component is treated as a host (Docker's rule), so this is valid.
        .init(input: "Foo/bar", registry: "Foo", repository: "bar", tag: nil, digest: nil, canonical: "Foo/bar:latest"),
        .init(
            input: "repo:_Tag.With-All_chars9", registry: "docker.io", repository: "library/repo",
            tag: "_Tag.With-All_chars9",
            digest: nil, canonical: "docker.io/library/repo:_Tag.With-All_chars9"),
        .init(
            input: "a:" + String(repeating: "t", count: 128), registry: "docker.io", repository: "library/a",
            tag: String(repeating: "t", count: 128), digest: nil,
            canonical: "docker.io/library/a:" + String(repeating: "t", count: 128)),
        .init(
            input: "example.com:443/team/app@sha512:" + String(repeating: "0f", count: 64), registry: "example.com:443",
            repository: "team/app", tag: nil, digest: "sha512:" + String(repeating: "0f", count: 64),
            canonical: "example.com:443/team/app@sha512:" + String(repeating: "0f", count: 64)),
    ]

    @Test(arguments: valid)
    func parsesValidReferences(_ vector: Valid) throws {
        let image = try ContainerImageReference(parsing: vector.input)
        #expect(image.registry == vector.registry)
        #expect(image.repository == vector.repository)
        #expect(image.tag == vector.tag)
        #expect(image.digest?.description == vector.digest)
        #expect(image.description == vector.canonical)
        // The canonical form parses back to the same reference.
        #expect(try ContainerImageReference(parsing: image.description).description == vector.canonical)
    }

    struct Invalid: Sendable, CustomTestStringConvertible {
        let input: String
        let kind: ContainerImageReferenceError.Kind
        let part: String
        var testDescription: String { input.count > 60 ? "\(input.prefix(60))…" : input }
    }

    static let invalid: [Invalid] = [
        .init(input: "", kind: .empty, part: ""),
        .init(input: "   ", kind: .empty, part: "   "),
        .init(input: "devregistry.azurecr.io/Tools/worker", kind: .uppercaseRepository, part: "Tools/worker"),
        .init(input: "myorg/MyApp", kind: .uppercaseRepository, part: "myorg/MyApp"),
        .init(input: "devregistry.azurecr.io/tools//worker", kind: .invalidRepository, part: ""),
        .init(input: "devregistry.azurecr.io/tools/worker/", kind: .invalidRepository, part: ""),
        .init(input: "devregistry.azurecr.io/-tools/worker", kind: .invalidRepository, part: "-tools"),
        .init(input: "devregistry.azurecr.io/tools./worker", kind: .invalidRepository, part: "tools."),
        .init(input: "devregistry.azurecr.io/to___ols", kind: .invalidRepository, part: "to___ols"),
        .init(input: "devregistry.azurecr.io/to..ols", kind: .invalidRepository, part: "to..ols"),
        .init(input: "devregistry.azurecr.io/tools worker", kind: .invalidRepository, part: "tools worker"),
        .init(input: "devregistry.azurecr.io/", kind: .invalidRepository, part: ""),
        .init(input: "devregistry.azurecr.io/tools/worker:", kind: .invalidTag, part: ""),
        .init(input: "devregistry.azurecr.io/tools/worker:-1", kind: .invalidTag, part: "-1"),
        .init(input: "devregistry.azurecr.io/tools/worker:.1", kind: .invalidTag, part: ".1"),
        .init(input: "devregistry.azurecr.io/tools/worker:1+2", kind: .invalidTag, part: "1+2"),
        .init(
            input: "a:" + String(repeating: "t", count: 129), kind: .invalidTag,
            part: String(repeating: "t", count: 129)),
        .init(input: "devregistry.azurecr.io/tools/worker@sha256:abc", kind: .invalidDigest, part: "abc"),
        .init(
            input: "devregistry.azurecr.io/tools/worker@sha256:" + String(repeating: "A1", count: 32),
            kind: .invalidDigest,
            part: String(repeating: "A1", count: 32)),
        .init(
            input: "devregistry.azurecr.io/tools/worker@md5:" + String(repeating: "a", count: 32), kind: .invalidDigest,
            part: "md5"),
        .init(
            input: "devregistry.azurecr.io/tools/worker@" + String(repeating: "a", count: 64), kind: .invalidDigest,
            part: String(repeating: "a", count: 64)),
        .init(input: "devregistry.azurecr.io/tools/worker@", kind: .invalidDigest, part: ""),
        .init(input: "bad_host.io/repo", kind: .invalidRegistry, part: "bad_host.io"),
        .init(input: "-bad.io/repo", kind: .invalidRegistry, part: "-bad.io"),
        .init(input: "bad..io/repo", kind: .invalidRegistry, part: "bad..io"),
        .init(input: "host.io:99999/repo", kind: .invalidRegistry, part: "host.io:99999"),
        .init(input: "host.io:port/repo", kind: .invalidRegistry, part: "host.io:port"),
        .init(input: "[::1/repo", kind: .invalidRegistry, part: "[::1"),
        .init(
            input: String(repeating: "ab", count: 32), kind: .looksLikeImageID, part: String(repeating: "ab", count: 32)
        ),
        .init(
            input: "example.com/" + String(repeating: "a", count: 250), kind: .nameTooLong,
            part: "example.com/" + String(repeating: "a", count: 250)),
    ]

    @Test(arguments: invalid)
    func rejectsInvalidReferences(_ vector: Invalid) throws {
        let error = try #require(throws: ContainerImageReferenceError.self) {
            try ContainerImageReference(parsing: vector.input)
        }
        #expect(error.kind == vector.kind)
        #expect(error.part == vector.part)
        #expect(error.reference == vector.input)
        #expect(error.description.contains("invalid image reference"))
    }

    @Test func errorNamesTheBadComponent() throws {
        let error = try #require(throws: ContainerImageReferenceError.self) {
            try ContainerImageReference(parsing: "devregistry.azurecr.io/tools/Worker_:1.0")
        }
        #expect(error.description.contains("'tools/Worker_'"))
        #expect(error.description.contains("lower-case"))
    }

    @Test func familiarNameDropsDockerHubPrefixes() throws {
        #expect(try ContainerImageReference(parsing: "ubuntu").familiarName == "ubuntu:latest")
        #expect(try ContainerImageReference(parsing: "docker.io/dataminded/demo:1").familiarName == "dataminded/demo:1")
        #expect(
            try ContainerImageReference(parsing: "devregistry.azurecr.io/tools/worker").familiarName
                == "devregistry.azurecr.io/tools/worker:latest")
    }

    @Test func manifestReferencePrefersTheDigest() throws {
        let pinned = try ContainerImageReference(parsing: "r.io/app:1.0@sha256:\(Self.hex64)")
        #expect(pinned.manifestReference == "sha256:\(Self.hex64)")
        #expect(try ContainerImageReference(parsing: "r.io/app:1.0").manifestReference == "1.0")
        #expect(try ContainerImageReference(parsing: "r.io/app").manifestReference == "latest")
        #expect(try ContainerImageReference(parsing: "ubuntu").apiHost == "registry-1.docker.io")
    }

    @Test func buildsFromPartsWithValidation() throws {
        let image = try ContainerImageReference(
            registry: "devregistry.azurecr.io", repository: "tools/worker", tag: "1.4.2")
        #expect(image.description == "devregistry.azurecr.io/tools/worker:1.4.2")
        #expect(throws: ContainerImageReferenceError.self) {
            try ContainerImageReference(registry: "devregistry.azurecr.io", repository: "Tools")
        }
    }

    @Test func codableAsTheCanonicalString() throws {
        let image = try ContainerImageReference(parsing: "devregistry.azurecr.io/tools/worker:1.4.2")
        let data = try JSONEncoder().encode([image])
        #expect(String(decoding: data, as: UTF8.self) == #"["devregistry.azurecr.io\/tools\/worker:1.4.2"]"#)
        #expect(try JSONDecoder().decode([ContainerImageReference].self, from: data) == [image])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([ContainerImageReference].self, from: Data(#"["UPPER/Case/x"]"#.utf8))
        }
        let digest = try ImageDigest(parsing: "sha256:\(Self.hex64)")
        #expect(try JSONDecoder().decode([ImageDigest].self, from: JSONEncoder().encode([digest])) == [digest])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([ImageDigest].self, from: Data(#"["sha256:xyz"]"#.utf8))
        }
    }
}
