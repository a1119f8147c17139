import AzureKitCore
import AzureKitSigning
import Foundation
import Logging

extension ContainerRegistryClient {
    /// Whether `repository` already holds the blob `digest` (`HEAD /v2/<repository>/blobs/<digest>`).
    ///
    /// - Throws: `AzureServiceError` for a refusal (401 the credential cannot answer, 403) or an unexpected
    ///   status; `TransportError` when the registry cannot be reached.
    public func blobExists(_ digest: ImageDigest, in repository: String, logger: Logger = .azureDisabled) async throws
        -> Bool
    {
        let request = try apiRequest(.head, repository, "blobs/\(digest)")
        let response = try await send(
            request, scopes: [.push(repository: repository)], operation: "Blobs_Head", logger: logger)
        switch response.status {
        case 200..<300: return true
        case 404: return false
        default: throw serviceError(response, operation: "Blobs_Head")
        }
    }

    /// Puts `bytes` into `repository` as a blob, sending them only when the registry does not have them.
    ///
    /// 1. `HEAD …/blobs/<digest>`: present → done, nothing sent.
    /// 2. With ``BlobUploadOptions/mountFrom``, `POST …/blobs/uploads/?mount=&from=`: 201 → mounted.
    /// 3. Otherwise (or when the mount answers 202) the upload session from `POST …/blobs/uploads/` gets the
    ///    bytes in one `PUT …?digest=` or in `PATCH` chunks closed by an empty `PUT …?digest=`.
    /// 4. The digest the registry answers with (`Docker-Content-Digest`) must be the one computed here.
    ///
    /// A session the registry breaks (`BLOB_UPLOAD_INVALID`, `BLOB_UPLOAD_UNKNOWN`, 416 after a chunk was
    /// retried) is started over once; transient failures (429, 5xx, transport) are retried per request by the
    /// pipeline; a 401 mid-upload (an expired token) is answered with a fresh token and the request sent again.
    ///
    /// ```swift
    /// let result = try await registry.pushBlob(layer, to: "airline-analytics", options: .init(chunkSize: 16 << 20))
    /// print(result)   // sha256:…(31457280 bytes): uploaded in 3 request(s)
    /// ```
    ///
    /// - Throws: `AzureServiceError` with the registry's code (`DIGEST_INVALID`, `DENIED`, `UNAUTHORIZED`, …);
    ///   `AzureClientError` (`.unexpectedResponse`) when the registry reports another digest or no upload
    ///   location; `AzureClientError` (`.invalidArgument`) for a chunk size below 1.
    public func pushBlob(
        _ bytes: Data, to repository: String, options: BlobUploadOptions = .init(),
        logger: Logger = .azureDisabled
    ) async throws -> BlobPushResult {
        try await service.operation("ContainerRegistryClient.pushBlob") {
            if let chunkSize = options.chunkSize, chunkSize < 1 {
                throw AzureClientError(.invalidArgument, "chunkSize must be at least 1 byte, got \(chunkSize)")
            }
            let digest = ImageDigest.sha256(of: bytes)
            if try await blobExists(digest, in: repository, logger: logger) {
                return BlobPushResult(digest: digest, size: bytes.count, outcome: .alreadyPresent)
            }
            var scopes: [RegistryScope] = [.push(repository: repository)]
            if let source = options.mountFrom, source != repository { scopes.append(.pull(repository: source)) }
            var requests = 0
            var mountFrom = options.mountFrom.flatMap { $0 == repository ? nil : $0 }
            for attempt in 1...2 {
                let session = try await startUpload(
                    repository, digest: digest, mountFrom: mountFrom, scopes: scopes, logger: logger)
                let location: URL
                switch session {
                case .mounted:
                    return BlobPushResult(digest: digest, size: bytes.count, outcome: .mounted(from: mountFrom ?? ""))
                case .upload(let url):
                    location = url
                }
                do {
                    try await upload(
                        bytes, digest: digest, at: location, chunkSize: options.chunkSize, scopes: scopes,
                        requests: &requests, logger: logger)
                    return BlobPushResult(digest: digest, size: bytes.count, outcome: .uploaded(requests: requests))
                } catch let error as AzureServiceError where attempt == 1 && Self.isBrokenSession(error) {
                    logger.debug(
                        "upload session broke; starting a new one",
                        metadata: ["az-digest": "\(digest)", "az-code": "\(error.code?.rawValue ?? "\(error.status)")"])
                    mountFrom = nil
                }
            }
            // The loop returns or throws on its second pass.
            throw AzureClientError.unexpectedResponse("Blobs_Upload", "the upload of \(digest) did not finish")
        }
    }

    /// Asks the registry to link blob `digest` from `source` into `repository` without sending it
    /// (`POST …/blobs/uploads/?mount=<digest>&from=<source>`).
    ///
    /// - Returns: the result when the registry mounted it (201); `nil` when it declined (202: it opened an
    ///   ordinary upload session instead, which is cancelled here) so the caller uploads the bytes.
    public func mountBlob(
        _ digest: ImageDigest, size: Int, from source: String, to repository: String,
        logger: Logger = .azureDisabled
    ) async throws -> BlobPushResult? {
        try await service.operation("ContainerRegistryClient.mountBlob") {
            let scopes: [RegistryScope] = [.push(repository: repository), .pull(repository: source)]
            switch try await startUpload(repository, digest: digest, mountFrom: source, scopes: scopes, logger: logger)
            {
            case .mounted:
                return BlobPushResult(digest: digest, size: size, outcome: .mounted(from: source))
            case .upload(let location):
                // Abandoned sessions expire on their own; cancelling is a courtesy whose failure changes nothing.
                _ = try? await sendToUpload(
                    service.request(.delete, url: location), scopes: scopes,
                    operation: "Blobs_CancelUpload", logger: logger)
                return nil
            }
        }
    }

    /// A session the registry no longer accepts: worth one fresh start.
    static func isBrokenSession(_ error: AzureServiceError) -> Bool {
        error.status == 416 || error.code == .blobUploadInvalid || error.code == .blobUploadUnknown
    }

    enum UploadSession {
        case mounted
        case upload(URL)
    }

    private func startUpload(
        _ repository: String, digest: ImageDigest, mountFrom: String?, scopes: [RegistryScope],
        logger: Logger
    ) async throws -> UploadSession {
        var request = try apiRequest(.post, repository, "blobs/uploads/")
        if let mountFrom {
            request.url = try Self.appending([("mount", digest.description), ("from", mountFrom)], to: request.url)
        }
        let response = try await send(request, scopes: scopes, operation: "Blobs_StartUpload", logger: logger)
        switch response.status {
        case 201 where mountFrom != nil:
            try verifyDigest(response, expected: digest, operation: "Blobs_Mount")
            return .mounted
        case 202:
            return .upload(try location(of: response, operation: "Blobs_StartUpload"))
        default:
            throw serviceError(response, operation: "Blobs_StartUpload")
        }
    }

    private func upload(
        _ bytes: Data, digest: ImageDigest, at start: URL, chunkSize: Int?, scopes: [RegistryScope],
        requests: inout Int, logger: Logger
    ) async throws {
        var location = start
        var finalBody = bytes
        if let chunkSize, bytes.count > chunkSize {
            var offset = 0
            while offset < bytes.count {
                let end = min(offset + chunkSize, bytes.count)
                let patch = service.request(
                    .patch, url: location,
                    headers: ["Content-Type": "application/octet-stream", "Content-Range": "\(offset)-\(end - 1)"],
                    body: .data(bytes.subdata(in: offset..<end)))
                let response = try await sendToUpload(
                    patch, scopes: scopes, operation: "Blobs_UploadChunk", logger: logger)
                requests += 1
                guard response.status == 202 else { throw serviceError(response, operation: "Blobs_UploadChunk") }
                if let range = response.headers["Range"], let last = Self.lastByte(ofRange: range), last != end - 1 {
                    throw AzureClientError.unexpectedResponse(
                        "Blobs_UploadChunk",
                        "the registry holds bytes 0-\(last) of \(digest) after the chunk ending at \(end - 1)")
                }
                location = try self.location(of: response, operation: "Blobs_UploadChunk")
                offset = end
            }
            finalBody = Data()
        }
        let put = service.request(
            .put, url: try Self.appending([("digest", digest.description)], to: location),
            headers: ["Content-Type": "application/octet-stream"], body: .data(finalBody))
        let response = try await sendToUpload(put, scopes: scopes, operation: "Blobs_CompleteUpload", logger: logger)
        requests += 1
        guard response.status == 201 || response.status == 204 else {
            throw serviceError(response, operation: "Blobs_CompleteUpload")
        }
        try verifyDigest(response, expected: digest, operation: "Blobs_CompleteUpload")
    }

    /// Upload locations on the registry's own host get its token; a location on another host (a storage
    /// back end's pre-signed URL) must be HTTPS and is sent without one: ``RegistryChallengePolicy`` authenticates
    /// only the registry's origin, so the registry token never leaves the registry.
    private func sendToUpload(_ request: HTTPRequest, scopes: [RegistryScope], operation: String, logger: Logger)
        async throws -> HTTPResponse
    {
        if !RegistryChallengePolicy.sameOrigin(request.url, endpoint) {
            try EndpointValidation.validate(request.url, allowsInsecureHTTP: false)
        }
        return try await send(request, scopes: scopes, operation: operation, logger: logger)
    }

    /// The digest the registry says it stored must be the digest of what was sent.
    func verifyDigest(_ response: HTTPResponse, expected: ImageDigest, operation: String) throws {
        guard let text = response.headers["Docker-Content-Digest"] else { return }
        guard let stored = try? ImageDigest(parsing: text.trimmingCharacters(in: .whitespaces)), stored == expected
        else {
            throw AzureClientError.unexpectedResponse(
                operation, "the registry stored digest \(text), but the client sent \(expected)")
        }
    }

    /// The `Location` header, resolved against the registry endpoint (registries answer relative paths).
    func location(of response: HTTPResponse, operation: String) throws -> URL {
        guard let text = response.headers["Location"], let url = URL(string: text, relativeTo: endpoint)?.absoluteURL,
            url.scheme != nil, url.host != nil
        else {
            throw AzureClientError.unexpectedResponse(
                operation, "the registry answered \(response.status) without a usable Location header")
        }
        return url
    }

    /// `url` with query parameters added after the ones it has (upload locations carry a `_state`).
    static func appending(_ items: [(String, String)], to url: URL) throws -> URL {
        try url.appendingPercentEncodedQuery(PercentEncoding.query(items), reason: "cannot add query parameters to it")
    }

    /// The last byte of a `Range: 0-<last>` header (Docker registries omit the `bytes=` unit).
    static func lastByte(ofRange text: String) -> Int? {
        let range = text.hasPrefix("bytes=") ? String(text.dropFirst(6)) : text
        guard let dash = range.firstIndex(of: "-") else { return nil }
        return Int(range[range.index(after: dash)...].trimmingCharacters(in: .whitespaces))
    }
}
