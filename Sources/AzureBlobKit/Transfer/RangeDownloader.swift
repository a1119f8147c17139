import AzureKitCore
import Foundation
import Logging

/// Ranged GETs for one download: the first range learns the blob's length and ETag, later ranges are pinned to
/// that ETag (`If-Match`), and every range is checked for length and, where the service returned one, checksum.
struct RangeDownloader: Sendable {
    let blob: BlobClient
    let options: BlobDownloadOptions
    let transfer: BlobTransferOptions
    let logger: Logger

    /// How often a range that came back wrong (short body, checksum mismatch) is fetched again; transport
    /// failures and 5xx are already retried by the pipeline.
    static let validationAttempts = 3

    init(blob: BlobClient, options: BlobDownloadOptions, logger: Logger) throws {
        self.blob = blob
        self.options = options
        self.transfer = try (options.transfer ?? blob.pipeline.options.transfer).validated()
        self.logger = logger
        guard options.offset >= 0, (options.length ?? 0) >= 0 else {
            throw AzureClientError.invalidOption(
                "download offset \(options.offset) and length \(options.length.map(String.init) ?? "nil") must not be negative"
            )
        }
    }

    var rangeSize: Int { transfer.downloadRangeSize }

    /// The plan after the first range: what is left to fetch.
    struct Plan: Sendable {
        let properties: BlobProperties
        let first: Data
        /// Absolute offsets and lengths of the remaining ranges, in order.
        let ranges: [(offset: Int64, length: Int)]
        let start: Int64
        let total: Int64
    }

    /// Fetches the first range and plans the rest.
    func begin() async throws -> Plan {
        let firstLength = options.length.map { Int(min(Int64(rangeSize), $0)) } ?? rangeSize
        if options.length == 0 {
            let properties = try await blob.properties(conditions: options.conditions, logger: logger)
            return Plan(properties: properties, first: Data(), ranges: [], start: options.offset, total: 0)
        }
        var headers = HTTPHeaders()
        options.conditions.apply(to: &headers)
        let response: HTTPResponse
        do {
            response = try await fetch(offset: options.offset, length: firstLength, headers: headers, expectFull: false)
        } catch let error as AzureServiceError where error.status == 416 && options.offset == 0 {
            // An empty blob has no byte 0: read it without a range.
            let whole = try await blob.send(.get, headers: headers, operation: "Blob_Download", logger: logger)
            return Plan(
                properties: BlobProperties(headers: whole.headers, length: Int64(whole.body.count)), first: whole.body,
                ranges: [], start: 0, total: Int64(whole.body.count))
        }
        let blobLength: Int64
        if response.status == 206 {
            guard let range = response.headers["Content-Range"], let slash = range.lastIndex(of: "/"),
                let length = Int64(range[range.index(after: slash)...])
            else {
                throw AzureClientError(
                    .unexpectedRange, "'\(blob.blobName)': a ranged read returned no total length in Content-Range")
            }
            blobLength = length
        } else {
            blobLength = Int64(response.body.count)
        }
        var properties = BlobProperties(headers: response.headers, length: blobLength)
        properties.contentLength = blobLength
        let end = options.length.map { min(blobLength, options.offset + $0) } ?? blobLength
        // A 200 (the service ignored the range) carries the whole blob: keep only what was asked for.
        var first = response.body
        if response.status == 200 {
            let lower = Int(min(options.offset, Int64(first.count)))
            let upper = Int(min(end, Int64(first.count)))
            first = Data(first[first.startIndex + lower..<first.startIndex + upper])
            return Plan(
                properties: properties, first: first, ranges: [], start: options.offset, total: Int64(first.count))
        }
        var ranges: [(offset: Int64, length: Int)] = []
        var offset = options.offset + Int64(first.count)
        while offset < end {
            let length = Int(min(Int64(rangeSize), end - offset))
            ranges.append((offset, length))
            offset += Int64(length)
        }
        return Plan(
            properties: properties, first: first, ranges: ranges, start: options.offset,
            total: max(0, end - options.offset))
    }

    /// Fetches one later range, pinned to the first response's ETag.
    func fetchRange(offset: Int64, length: Int, etag: String) async throws -> Data {
        var conditions = options.conditions
        conditions.ifMatch = conditions.ifMatch ?? etag
        var headers = HTTPHeaders()
        conditions.apply(to: &headers)
        return try await fetch(offset: offset, length: length, headers: headers, expectFull: true).body
    }

    /// One ranged GET, re-fetched when it comes back short or fails its checksum.
    private func fetch(offset: Int64, length: Int, headers: HTTPHeaders, expectFull: Bool) async throws -> HTTPResponse
    {
        var headers = headers
        headers["x-ms-range"] = "bytes=\(offset)-\(offset + Int64(length) - 1)"
        var validated = false
        if length <= TransferChecksum.maxValidatedRange, let flag = transfer.checksum.rangeRequestHeader {
            headers[flag] = "true"
            validated = true
        }
        var lastProblem = ""
        for attempt in 1...Self.validationAttempts {
            let response = try await receive(offset: offset, headers: headers)
            if let problem = check(
                response, offset: offset, length: length, expectFull: expectFull, validated: validated)
            {
                lastProblem = problem
                logger.debug(
                    "range re-fetched",
                    metadata: ["az-attempt": .stringConvertible(attempt), "az-reason": .string(problem)])
                continue
            }
            return response
        }
        let kind: AzureClientError.Kind = lastProblem.contains("checksum") ? .checksumMismatch : .unexpectedRange
        throw AzureClientError(
            kind,
            "'\(blob.blobName)' bytes \(offset)-\(offset + Int64(length) - 1): \(lastProblem) after \(Self.validationAttempts) attempts"
        )
    }

    /// How often one range may be resumed after its connection dropped mid-body.
    static let resumeAttempts = 3

    /// One ranged GET whose body is streamed in; when the connection drops mid-body (a reset, a load balancer
    /// closing it, an idle timeout), the rest is asked for with a narrower range pinned to the same ETag, so the
    /// bytes already received are kept instead of fetched again. The result is collected, as one range's bytes
    /// are needed whole for its checksum.
    private func receive(offset: Int64, headers: HTTPHeaders) async throws -> HTTPResponse {
        var response = try await blob.send(
            .get, headers: headers, operation: "Blob_Download", streamsResponse: true,
            accepting: { $0 == 200 || $0 == 206 }, logger: logger)
        guard response.stream != nil else { return response }
        var expected: Int? { response.headers["Content-Length"].flatMap(Int.init) }
        var body = Data()
        if let expected { body.reserveCapacity(expected) }
        var chunks = response.bodyChunks()
        var resumes = 0
        while true {
            do {
                for try await chunk in chunks { body.append(chunk) }
                break
            } catch let failure as TransportError {
                guard resumes < Self.resumeAttempts else { throw failure }
                resumes += 1
                logger.debug(
                    "range resumed",
                    metadata: [
                        "az-received": .stringConvertible(body.count), "az-reason": .string(failure.kind.rawValue),
                    ])
                // Only a 206 of known length can be continued exactly; anything else (a 200 carrying the whole
                // blob, nothing received yet) is asked for again from the start.
                guard response.status == 206, let expected, !body.isEmpty, body.count < expected,
                    let etag = response.headers["ETag"]
                else {
                    body.removeAll(keepingCapacity: true)
                    response = try await blob.send(
                        .get, headers: headers, operation: "Blob_Download", streamsResponse: true,
                        accepting: { $0 == 200 || $0 == 206 }, logger: logger)
                    chunks = response.bodyChunks()
                    continue
                }
                let from = offset + Int64(body.count)
                let to = offset + Int64(expected) - 1
                var rest = headers
                rest["x-ms-range"] = "bytes=\(from)-\(to)"
                rest["If-Match"] = etag
                // The service's range checksum would cover only the rest; the whole range is checked against the
                // first response's checksum instead.
                if let flag = transfer.checksum.rangeRequestHeader { rest[flag] = nil }
                let next = try await blob.send(
                    .get, headers: rest, operation: "Blob_Download", streamsResponse: true,
                    accepting: { $0 == 206 }, logger: logger)
                guard next.headers["Content-Range"]?.hasPrefix("bytes \(from)-") == true else {
                    throw AzureClientError(
                        .unexpectedRange,
                        "'\(blob.blobName)': resuming at byte \(from), the service returned range '\(next.headers["Content-Range"] ?? "none")'"
                    )
                }
                chunks = next.bodyChunks()
            }
        }
        response.stream = nil
        response.body = body
        return response
    }

    /// `nil` when the response is the range asked for, else what is wrong with it.
    private func check(_ response: HTTPResponse, offset: Int64, length: Int, expectFull: Bool, validated: Bool)
        -> String?
    {
        if response.status == 206 {
            if let range = response.headers["Content-Range"], !range.hasPrefix("bytes \(offset)-") {
                return "the service returned range '\(range)'"
            }
            if expectFull ? response.body.count != length : (response.body.count > length || response.body.isEmpty) {
                return "received \(response.body.count) bytes, expected \(length)"
            }
        } else if expectFull {
            return "expected 206 Partial Content, got \(response.status)"
        } else if let declared = response.headers["Content-Length"].flatMap(Int.init), declared != response.body.count {
            return "received \(response.body.count) bytes, Content-Length says \(declared)"
        }
        if validated, let name = transfer.checksum.headerName, response.status == 206,
            let reported = response.headers[name],
            let computed = transfer.checksum.headerValue(for: response.body), reported != computed
        {
            return "\(name) checksum mismatch (service \(reported), received bytes \(computed))"
        }
        return nil
    }
}
