import AzureBlobKit
import AzureKitCore
import Foundation

extension InMemoryBlobStore {
    func putBlock(_ request: Request, key: String) -> HTTPResponse {
        guard let id = request.query["blockid"], Data(base64Encoded: id) != nil,
            (Data(base64Encoded: id)?.count ?? 65) <= 64
        else {
            return error(400, "InvalidBlockId", "the block id is not base64 of at most 64 bytes")
        }
        if let mismatch = checksumProblem(request) { return mismatch }
        return withLock {
            count("PutBlock")
            var staged = blocksFor(key)
            if let other = staged.keys.first, other.count != id.count {
                return error(400, "InvalidBlockId", "block ids of one blob must have the same length")
            }
            staged[id] = discardsUploadedBytes ? Data(count: 0) : request.body
            setBlockLength(request.body.count, id: id, key: key)
            setBlocks(staged, for: key)
            return HTTPResponse(
                status: 201, headers: ["x-ms-content-crc64": CRC64.headerValue(CRC64.checksum(request.body))])
        }
    }

    func putBlockList(_ request: Request, key: String) -> HTTPResponse {
        if let mismatch = checksumProblem(request) { return mismatch }
        let text = String(decoding: request.body, as: UTF8.self)
        var ids: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "<Latest>"), let close = rest[open.upperBound...].range(of: "</Latest>") {
            ids.append(String(rest[open.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        guard text.contains("<BlockList>") else { return error(400, "InvalidXmlDocument", "no <BlockList>") }
        return withLock {
            count("PutBlockList")
            if let failure = conditionProblem(request, existing: storedBlob(key)) { return failure }
            let staged = blocksFor(key)
            var data = Data()
            var length = 0
            for id in ids {
                guard let block = staged[id] else { return error(400, "InvalidBlockList", "unknown block id \(id)") }
                data.append(block)
                length += blockLength(id: id, key: key)
            }
            setBlocks([:], for: key)
            return commit(key: key, data: data, length: length, request: request)
        }
    }

    func putBlob(_ request: Request, key: String) -> HTTPResponse {
        guard request.headers["x-ms-blob-type"] == "BlockBlob" else {
            return error(400, "MissingRequiredHeader", "x-ms-blob-type")
        }
        if let mismatch = checksumProblem(request) { return mismatch }
        return withLock {
            count("PutBlob")
            if let failure = conditionProblem(request, existing: storedBlob(key)) { return failure }
            setBlocks([:], for: key)
            return commit(
                key: key, data: discardsUploadedBytes ? Data() : request.body, length: request.body.count,
                request: request)
        }
    }

    func getBlob(_ request: Request, key: String) -> HTTPResponse {
        withLock {
            count("GetBlob")
            guard let blob = storedBlob(key) else {
                return error(404, "BlobNotFound", "The specified blob does not exist.")
            }
            if let failure = conditionProblem(request, existing: blob) { return failure }
            var headers = blobHeaders(blob)
            let total = blob.syntheticLength ?? blob.data.count
            guard let range = request.headers["x-ms-range"] ?? request.headers["Range"] else {
                headers["Content-Length"] = String(total)
                return HTTPResponse(status: 200, headers: headers, body: content(blob, 0..<total))
            }
            let bounds = range.replacingOccurrences(of: "bytes=", with: "").split(
                separator: "-", omittingEmptySubsequences: false)
            guard bounds.count == 2, let start = Int(bounds[0]), start < total else {
                return error(
                    416, "InvalidRange", "The range specified is invalid for the current size of the resource.")
            }
            let end = min(Int(bounds[1]) ?? (total - 1), total - 1)
            let body = content(blob, start..<(end + 1))
            headers["Content-Range"] = "bytes \(start)-\(end)/\(total)"
            headers["Content-Length"] = String(body.count)
            if request.headers["x-ms-range-get-content-crc64"] == "true" {
                guard body.count <= 4 << 20 else {
                    return error(400, "OutOfRangeInput", "range checksums need ranges of 4 MiB or less")
                }
                headers["x-ms-content-crc64"] = CRC64.headerValue(CRC64.checksum(body))
            }
            if request.headers["x-ms-range-get-content-md5"] == "true" {
                guard body.count <= 4 << 20 else {
                    return error(400, "OutOfRangeInput", "range checksums need ranges of 4 MiB or less")
                }
                headers["Content-MD5"] = TransferChecksum.md5.headerValue(for: body)
            }
            return HTTPResponse(status: 206, headers: headers, body: body)
        }
    }

    func properties(_ request: Request, key: String) -> HTTPResponse {
        withLock {
            count("GetBlobProperties")
            guard let blob = storedBlob(key) else {
                return HTTPResponse(status: 404, headers: ["x-ms-error-code": "BlobNotFound"])
            }
            var headers = blobHeaders(blob)
            headers["Content-Length"] = String(blob.syntheticLength ?? blob.data.count)
            return HTTPResponse(status: 200, headers: headers)
        }
    }

    // MARK: Helpers (called with the lock held where noted)

    func error(_ status: Int, _ code: String, _ message: String) -> HTTPResponse {
        let body =
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>\(code)</Code><Message>\(XMLText.escape(message))</Message></Error>"
        return HTTPResponse(
            status: status, headers: ["x-ms-error-code": code, "Content-Type": "application/xml"], body: Data(body.utf8)
        )
    }

    /// The service checks a request's checksum against its body.
    func checksumProblem(_ request: Request) -> HTTPResponse? {
        if let crc = request.headers["x-ms-content-crc64"], crc != CRC64.headerValue(CRC64.checksum(request.body)) {
            return error(400, "Crc64Mismatch", "the CRC64 of the body does not match x-ms-content-crc64")
        }
        if let md5 = request.headers["Content-MD5"], md5 != TransferChecksum.md5.headerValue(for: request.body) {
            return error(400, "Md5Mismatch", "the MD5 of the body does not match Content-MD5")
        }
        return nil
    }

    /// Lock held.
    func conditionProblem(_ request: Request, existing: StoredBlob?) -> HTTPResponse? {
        if request.headers["If-None-Match"] == "*", existing != nil, request.method == .put {
            return error(409, "BlobAlreadyExists", "The specified blob already exists.")
        }
        if let ifMatch = request.headers["If-Match"], ifMatch != existing?.etag {
            return error(412, "ConditionNotMet", "The condition specified using HTTP conditional header(s) is not met.")
        }
        return nil
    }

    /// Lock held.
    func commit(key: String, data: Data, length: Int, request: Request) -> HTTPResponse {
        let blob = StoredBlob(
            data: data, syntheticLength: discardsUploadedBytes ? length : nil, etag: nextETag(),
            contentType: request.headers["x-ms-blob-content-type"],
            contentEncoding: request.headers["x-ms-blob-content-encoding"],
            metadata: BlobMetadataHeaders.read(request.headers))
        setStoredBlob(blob, for: key)
        return HTTPResponse(status: 201, headers: ["ETag": blob.etag, "Last-Modified": HTTPDate.format(Date())])
    }

    func content(_ blob: StoredBlob, _ range: Range<Int>) -> Data {
        blob.syntheticLength == nil ? blob.data.subdata(in: range) : SyntheticContent.bytes(range)
    }

    func blobHeaders(_ blob: StoredBlob) -> HTTPHeaders {
        var headers: HTTPHeaders = ["ETag": blob.etag, "x-ms-blob-type": "BlockBlob", "Accept-Ranges": "bytes"]
        if let type = blob.contentType { headers["Content-Type"] = type }
        // As the service does: a blob stored with a content encoding is served with it, bytes unchanged.
        if let encoding = blob.contentEncoding { headers["Content-Encoding"] = encoding }
        for (name, value) in blob.metadata.sorted(by: { $0.key < $1.key }) { headers["x-ms-meta-\(name)"] = value }
        return headers
    }
}

/// Reads `x-ms-meta-*` request headers.
enum BlobMetadataHeaders {
    static func read(_ headers: HTTPHeaders) -> [String: String] {
        var metadata: [String: String] = [:]
        for field in headers where field.name.lowercased().hasPrefix("x-ms-meta-") {
            metadata[String(field.name.lowercased().dropFirst(10))] = field.value
        }
        return metadata
    }
}

/// The bytes of synthetic blobs: a fixed pseudo-random 1 MiB pattern, repeated, so any range can be produced
/// without storing the blob.
public enum SyntheticContent {
    static let pattern: Data = {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var data = Data(count: 1 << 20)
        data.withUnsafeMutableBytes { buffer in
            for index in 0..<(buffer.count / 8) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                buffer.storeBytes(of: state ^ (state >> 29), toByteOffset: index * 8, as: UInt64.self)
            }
        }
        return data
    }()

    /// The bytes at `range` of a synthetic blob.
    public static func bytes(_ range: Range<Int>) -> Data {
        var data = Data(capacity: range.count)
        var offset = range.lowerBound
        while offset < range.upperBound {
            let inPattern = offset % pattern.count
            let count = min(pattern.count - inPattern, range.upperBound - offset)
            data.append(pattern.subdata(in: inPattern..<(inPattern + count)))
            offset += count
        }
        return data
    }
}
