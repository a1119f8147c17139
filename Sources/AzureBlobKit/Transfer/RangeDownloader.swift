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
            throw AzureClientError.invalidOption("download offset \(options.offset) and length \(options.length.map(String.init) ?? "nil") must not be negative")
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
            return Plan(properties: BlobProperties(headers: whole.headers, length: Int64(whole.body.count)), first: whole.body,
                        ranges: [], start: 0, total: Int64(whole.body.count))
        }
        let blobLength: Int64
        if response.status == 206 {
            guard let range = response.headers["Content-Range"], let slash = range.lastIndex(of: "/"),
                  let length = Int64(range[range.index(after: slash)...]) else {
                throw AzureClientError(.unexpectedRange, "'\(blob.blobName)': a ranged read returned no total length in Content-Range")
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
            let lower = Int(min(options.offset, Int64(first.count))), upper = Int(min(end, Int64(first.count)))
            first = Data(first[first.startIndex + lower..<first.startIndex + upper])
            return Plan(properties: properties, first: first, ranges: [], start: options.offset, total: Int64(first.count))
        }
        var ranges: [(offset: Int64, length: Int)] = []
        var offset = options.offset + Int64(first.count)
        while offset < end {
            let length = Int(min(Int64(rangeSize), end - offset))
            ranges.append((offset, length))
            offset += Int64(length)
        }
        return Plan(properties: properties, first: first, ranges: ranges, start: options.offset, total: max(0, end - options.offset))
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
    private func fetch(offset: Int64, length: Int, headers: HTTPHeaders, expectFull: Bool) async throws -> HTTPResponse {
        var headers = headers
        headers["x-ms-range"] = "bytes=\(offset)-\(offset + Int64(length) - 1)"
        var validated = false
        if length <= TransferChecksum.maxValidatedRange, let flag = transfer.checksum.rangeRequestHeader {
            headers[flag] = "true"
            validated = true
        }
        var lastProblem = ""
        for attempt in 1...Self.validationAttempts {
            let response = try await blob.send(.get, headers: headers, operation: "Blob_Download",
                                               accepting: { $0 == 200 || $0 == 206 }, logger: logger)
            if let problem = check(response, offset: offset, length: length, expectFull: expectFull, validated: validated) {
                lastProblem = problem
                logger.debug("range re-fetched", metadata: ["az-attempt": .stringConvertible(attempt), "az-reason": .string(problem)])
                continue
            }
            return response
        }
        let kind: AzureClientError.Kind = lastProblem.contains("checksum") ? .checksumMismatch : .unexpectedRange
        throw AzureClientError(kind, "'\(blob.blobName)' bytes \(offset)-\(offset + Int64(length) - 1): \(lastProblem) after \(Self.validationAttempts) attempts")
    }

    /// `nil` when the response is the range asked for, else what is wrong with it.
    private func check(_ response: HTTPResponse, offset: Int64, length: Int, expectFull: Bool, validated: Bool) -> String? {
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
        if validated, let name = transfer.checksum.headerName, response.status == 206, let reported = response.headers[name],
           let computed = transfer.checksum.headerValue(for: response.body), reported != computed {
            return "\(name) checksum mismatch (service \(reported), received bytes \(computed))"
        }
        return nil
    }
}
