import AzureBlobKit
import AzureKitCore
import AzureKitSigning
import Foundation

/// A small Blob service in memory: Put Blob, Put Block, Put Block List, Get Blob (ranges, range checksums,
/// `If-Match`), Get Blob Properties, and fault injection. Serve it in process (``transport``) or over real
/// sockets with a `LoopbackServer` (``loopbackHandler``).
///
/// It checks what a client sends as the real service does: `Content-MD5` / `x-ms-content-crc64` on writes,
/// block ids of equal length, unknown ids in a block list, conditions; so a corrupt or incomplete upload is
/// never committed.
///
/// ```swift
/// let store = InMemoryBlobStore()
/// store.inject(.status(500, code: "InternalError"), when: { $0.query["comp"] == "block" })
/// let blob = try BlobClient(url: "http://127.0.0.1:10000/devstoreaccount1/c/x", credential: .anonymous,
///                           options: .init(core: .init(transport: store.transport)))
/// ```
public final class InMemoryBlobStore: @unchecked Sendable {
    /// One request as the store sees it.
    public struct Request: Sendable {
        public var method: HTTPMethod
        public var container: String
        public var blob: String?
        public var query: [String: String]
        public var headers: HTTPHeaders
        public var body: Data
    }

    /// A deliberate failure.
    public enum Fault: Sendable {
        /// Answer with this status and Storage error code, without acting on the request.
        case status(Int, code: String)
        /// Close the connection without answering (the request is not acted on).
        case dropConnection
        /// Act on the request, then send only the first `afterBytes` bytes of the response body.
        case truncateBody(afterBytes: Int)
        /// Act on the request, then flip the bits of the response body's first byte (checksums must catch it).
        case corruptBody
    }

    /// What to do with a request.
    public enum Outcome: Sendable {
        case respond(HTTPResponse)
        case drop
        case truncated(HTTPResponse, bytes: Int)
    }

    struct StoredBlob {
        var data: Data
        /// For synthetic blobs (benchmarks): the length, with bytes generated from ``SyntheticContent``.
        var syntheticLength: Int?
        var etag: String
        var contentType: String?
        var contentEncoding: String? = nil
        var metadata: [String: String]
    }

    struct Rule {
        let fault: Fault
        var remaining: Int
        let matches: @Sendable (Request) -> Bool
    }

    /// The account name expected as the first path segment of path-style URLs.
    public let account: String
    // Guarded by `lock`: the whole store, as the handler runs on many connections at once.
    private let lock = NSLock()
    private var blobs: [String: StoredBlob] = [:]
    private var blocks: [String: [String: Data]] = [:]
    private var blockLengths: [String: Int] = [:]
    private var rules: [Rule] = []
    private var injected = 0
    private var etagCounter = 0
    private var counts: [String: Int] = [:]

    /// When set, uploads are checked (checksums, block ids) but their bytes are dropped, so a benchmark's
    /// memory reflects the client, not the store.
    public let discardsUploadedBytes: Bool

    public init(account: String = "devstoreaccount1", discardsUploadedBytes: Bool = false) {
        self.account = account
        self.discardsUploadedBytes = discardsUploadedBytes
    }

    // MARK: Inspection and setup

    /// Fails the next `times` requests that match `when`.
    public func inject(_ fault: Fault, times: Int = 1, when matches: @escaping @Sendable (Request) -> Bool) {
        lock.withLock { rules.append(Rule(fault: fault, remaining: times, matches: matches)) }
    }

    /// How many injected faults have fired.
    public var faultsFired: Int { lock.withLock { injected } }

    /// Requests handled per operation (`PutBlob`, `PutBlock`, `PutBlockList`, `GetBlob`, `GetBlobProperties`).
    public var operationCounts: [String: Int] { lock.withLock { counts } }

    /// The committed bytes of a blob, if it exists.
    public func blob(container: String, name: String) -> Data? { lock.withLock { blobs["\(container)/\(name)"]?.data } }

    /// Stores a blob directly (test setup).
    public func put(container: String, name: String, data: Data, contentType: String? = nil) {
        lock.withLock {
            etagCounter += 1
            blobs["\(container)/\(name)"] = StoredBlob(
                data: data, etag: "\"0x8DD\(etagCounter)\"", contentType: contentType, metadata: [:])
        }
    }

    /// Stores a blob of `length` bytes of ``SyntheticContent`` without holding them (benchmarks).
    public func putSynthetic(container: String, name: String, length: Int) {
        lock.withLock {
            etagCounter += 1
            blobs["\(container)/\(name)"] = StoredBlob(
                data: Data(), syntheticLength: length, etag: "\"0x8DD\(etagCounter)\"",
                contentType: nil, metadata: [:])
        }
    }

    /// The committed length of a blob (also for synthetic and discarded uploads).
    public func length(container: String, name: String) -> Int? {
        lock.withLock { blobs["\(container)/\(name)"].map { $0.syntheticLength ?? $0.data.count } }
    }

    // MARK: Locked state access for the operations

    func withLock<T>(_ body: () -> T) -> T { lock.withLock(body) }
    func storedBlob(_ key: String) -> StoredBlob? { blobs[key] }
    var storedBlobKeys: [String] { Array(blobs.keys) }
    func setStoredBlob(_ blob: StoredBlob, for key: String) { blobs[key] = blob }
    func blocksFor(_ key: String) -> [String: Data] { blocks[key] ?? [:] }
    func setBlocks(_ staged: [String: Data], for key: String) { blocks[key] = staged.isEmpty ? nil : staged }
    func count(_ operation: String) { counts[operation, default: 0] += 1 }
    func setBlockLength(_ length: Int, id: String, key: String) { blockLengths["\(key)#\(id)"] = length }
    func blockLength(id: String, key: String) -> Int { blockLengths.removeValue(forKey: "\(key)#\(id)") ?? 0 }
    func nextETag() -> String {
        etagCounter += 1
        return "\"0x8DD\(String(etagCounter, radix: 16, uppercase: true))\""
    }

    // MARK: Handling

    /// Handles one request; `path` is the percent-encoded URL path, `query` the raw query string.
    public func handle(method: HTTPMethod, path: String, query: String?, headers: HTTPHeaders, body: Data) -> Outcome {
        guard let request = parse(method: method, path: path, query: query, headers: headers, body: body) else {
            return .respond(error(400, "InvalidUri", "cannot parse \(path)"))
        }
        var fault: Fault?
        lock.withLock {
            if let index = rules.firstIndex(where: { $0.remaining > 0 && $0.matches(request) }) {
                rules[index].remaining -= 1
                fault = rules[index].fault
                injected += 1
            }
        }
        switch fault {
        case .status(let status, let code)?: return .respond(error(status, code, "injected fault"))
        case .dropConnection?: return .drop
        case .truncateBody(let bytes)?: return .truncated(respond(request), bytes: bytes)
        case .corruptBody?:
            var response = respond(request)
            if !response.body.isEmpty { response.body[response.body.startIndex] ^= 0xFF }
            return .respond(response)
        case nil: return .respond(respond(request))
        }
    }

    private func parse(method: HTTPMethod, path: String, query: String?, headers: HTTPHeaders, body: Data) -> Request? {
        var segments = path.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false).dropFirst().map(
            String.init)
        if segments.first == account {
            segments = Array(segments.dropFirst())
            if segments.count == 1, let only = segments.first, only.contains("/") {
                segments = only.split(separator: "/", maxSplits: 1).map(String.init)
            }
        }
        guard let container = segments.first.flatMap(PercentEncoding.decode) else { return nil }
        let blob = segments.count > 1 && !segments[1].isEmpty ? PercentEncoding.decode(segments[1]) : nil
        var items: [String: String] = [:]
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = parts.first.flatMap({ PercentEncoding.decode(String($0)) }) else { continue }
            items[name] = parts.count > 1 ? PercentEncoding.decode(String(parts[1])) ?? "" : ""
        }
        return Request(method: method, container: container, blob: blob, query: items, headers: headers, body: body)
    }

    private func respond(_ request: Request) -> HTTPResponse {
        guard let name = request.blob else {
            if request.method == .get, request.query["restype"] == "container", request.query["comp"] == "list" {
                return listBlobs(request)
            }
            return error(400, "UnsupportedOperation", "the in-memory store serves blobs and blob listings only")
        }
        let key = "\(request.container)/\(name)"
        switch (request.method, request.query["comp"]) {
        case (.put, "block"?): return putBlock(request, key: key)
        case (.put, "blocklist"?): return putBlockList(request, key: key)
        case (.put, nil): return putBlob(request, key: key)
        case (.get, nil): return getBlob(request, key: key)
        case (.head, nil): return properties(request, key: key)
        default: return error(400, "UnsupportedOperation", "\(request.method) comp=\(request.query["comp"] ?? "")")
        }
    }
}
