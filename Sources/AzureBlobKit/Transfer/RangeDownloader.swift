import AzureKitCore
import Foundation
import Logging

/// Where one range's bytes go as they arrive: `write(chunk, position)` with `position` counted from the range's
/// first byte. A write at position 0 starts the range over (a re-fetch after a short or corrupt answer), so a
/// destination overwrites or discards what it had; later positions always continue where the last write ended.
typealias RangeWriter = (Data, Int) throws -> Void

/// Ranged GETs for one download: the first range learns the blob's length and ETag, later ranges are pinned to
/// that ETag (`If-Match`), and every range is checked for length and, where the service returned one, checksum.
///
/// Bodies are streamed: each chunk goes to the range's ``RangeWriter`` as it arrives and into a running checksum,
/// so a range written to a file or a preallocated buffer is never held whole.
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

    /// Fetches the first range (collected: at most one range) and plans the rest.
    func begin() async throws -> Plan {
        let firstLength = options.length.map { Int(min(Int64(rangeSize), $0)) } ?? rangeSize
        if options.length == 0 {
            let properties = try await blob.properties(conditions: options.conditions, logger: logger)
            return Plan(properties: properties, first: Data(), ranges: [], start: options.offset, total: 0)
        }
        var headers = HTTPHeaders()
        options.conditions.apply(to: &headers)
        let response: HTTPResponse
        var first = Data()
        do {
            response = try await fetch(offset: options.offset, length: firstLength, headers: headers, expectFull: false)
            { chunk, position in
                if position == 0 { first.removeAll(keepingCapacity: true) }
                first.append(chunk)
            }
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
            blobLength = Int64(first.count)
        }
        var properties = BlobProperties(headers: response.headers, length: blobLength)
        properties.contentLength = blobLength
        let end = options.length.map { min(blobLength, options.offset + $0) } ?? blobLength
        // A 200 (the service ignored the range) carries the whole blob: keep only what was asked for.
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

    /// Fetches one later range into `write`, pinned to the first response's ETag.
    func fetchRange(offset: Int64, length: Int, etag: String, into write: RangeWriter) async throws {
        var conditions = options.conditions
        conditions.ifMatch = conditions.ifMatch ?? etag
        var headers = HTTPHeaders()
        conditions.apply(to: &headers)
        _ = try await fetch(offset: offset, length: length, headers: headers, expectFull: true, into: write)
    }

    /// One ranged GET, fetched again when it comes back short or fails its checksum. Returns the response's status
    /// and headers; the body went to `write`.
    private func fetch(offset: Int64, length: Int, headers: HTTPHeaders, expectFull: Bool, into write: RangeWriter)
        async throws -> HTTPResponse
    {
        var headers = headers
        headers["x-ms-range"] = "bytes=\(offset)-\(offset + Int64(length) - 1)"
        var validated = false
        if length <= TransferChecksum.maxValidatedRange, let flag = transfer.checksum.rangeRequestHeader {
            headers[flag] = "true"
            validated = true
        }
        // A ranged answer never writes past the range; a 200 (the whole blob) is only accepted for the first range.
        let limit = expectFull ? length : nil
        var lastProblem = ""
        for attempt in 1...Self.validationAttempts {
            let received = try await receive(offset: offset, headers: headers, limit: limit, into: write)
            if let problem = check(
                received, offset: offset, length: length, expectFull: expectFull, validated: validated)
            {
                lastProblem = problem
                logger.debug(
                    "range re-fetched",
                    metadata: ["az-attempt": .stringConvertible(attempt), "az-reason": .string(problem)])
                continue
            }
            return received.response
        }
        let kind: AzureClientError.Kind = lastProblem.contains("checksum") ? .checksumMismatch : .unexpectedRange
        throw AzureClientError(
            kind,
            "'\(blob.blobName)' bytes \(offset)-\(offset + Int64(length) - 1): \(lastProblem) after \(Self.validationAttempts) attempts"
        )
    }

    /// What one ranged GET delivered: the response it started with, how many bytes, and their checksum.
    struct Received {
        var response: HTTPResponse
        var count = 0
        var checksum: RunningChecksum
    }

    /// How often one range may be resumed after its connection dropped mid-body.
    static let resumeAttempts = 3

    /// One ranged GET whose body is streamed into `write`; when the connection drops mid-body (a reset, a load
    /// balancer closing it, an idle timeout), the rest is asked for with a narrower range pinned to the same ETag,
    /// so the bytes already received are kept instead of fetched again. Bytes beyond `limit` are counted (the
    /// answer is then wrong and fetched again) but never written.
    private func receive(offset: Int64, headers: HTTPHeaders, limit: Int?, into write: RangeWriter) async throws
        -> Received
    {
        let response = try await blob.send(
            .get, headers: headers, operation: "Blob_Download", streamsResponse: true,
            accepting: { $0 == 200 || $0 == 206 }, logger: logger)
        var received = Received(response: response, checksum: transfer.checksum.running())
        try write(Data(), 0)
        var expected: Int? { received.response.headers["Content-Length"].flatMap(Int.init) }
        var chunks = response.bodyChunks()
        var resumes = 0
        while true {
            do {
                for try await chunk in chunks where !chunk.isEmpty {
                    let room = limit.map { max(0, $0 - received.count) } ?? chunk.count
                    if room > 0 {
                        let kept = room >= chunk.count ? chunk : chunk.prefix(room)
                        try write(kept, received.count)
                        received.checksum.update(kept)
                    }
                    received.count += chunk.count
                }
                break
            } catch let failure as TransportError {
                guard resumes < Self.resumeAttempts else { throw failure }
                resumes += 1
                logger.debug(
                    "range resumed",
                    metadata: [
                        "az-received": .stringConvertible(received.count), "az-reason": .string(failure.kind.rawValue),
                    ])
                // Only a 206 of known length can be continued exactly; anything else (a 200 carrying the whole
                // blob, nothing received yet) is asked for again from the start.
                guard received.response.status == 206, let expected, received.count > 0, received.count < expected,
                    let etag = received.response.headers["ETag"]
                else {
                    let again = try await blob.send(
                        .get, headers: headers, operation: "Blob_Download", streamsResponse: true,
                        accepting: { $0 == 200 || $0 == 206 }, logger: logger)
                    received = Received(response: again, checksum: transfer.checksum.running())
                    try write(Data(), 0)
                    chunks = again.bodyChunks()
                    continue
                }
                let from = offset + Int64(received.count)
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
        received.response.stream = nil
        return received
    }

    /// `nil` when the answer is the range asked for, else what is wrong with it.
    private func check(_ received: Received, offset: Int64, length: Int, expectFull: Bool, validated: Bool) -> String? {
        let response = received.response
        if response.status == 206 {
            if let range = response.headers["Content-Range"], !range.hasPrefix("bytes \(offset)-") {
                return "the service returned range '\(range)'"
            }
            if expectFull ? received.count != length : (received.count > length || received.count == 0) {
                return "received \(received.count) bytes, expected \(length)"
            }
        } else if expectFull {
            return "expected 206 Partial Content, got \(response.status)"
        } else if let declared = response.headers["Content-Length"].flatMap(Int.init), declared != received.count {
            return "received \(received.count) bytes, Content-Length says \(declared)"
        }
        if validated, let name = transfer.checksum.headerName, response.status == 206,
            let reported = response.headers[name],
            let computed = received.checksum.headerValue, reported != computed
        {
            return "\(name) checksum mismatch (service \(reported), received bytes \(computed))"
        }
        return nil
    }
}
