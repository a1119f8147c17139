import AzureKitCore
import Foundation

/// Serves one accepted connection on its own thread: parses requests (keep-alive, `Content-Length` and chunked
/// bodies, `Expect: 100-continue`), asks the handler, and acts.
struct LoopbackConnection {
    let stream: SocketStream
    let server: LoopbackServer

    func run() {
        var sequence = 0
        do {
            while !server.isShuttingDown {
                guard let head = try stream.readHead() else { return }
                sequence += 1
                var request = try parse(head: head, sequence: sequence)
                if request.headers["Expect"]?.lowercased() == "100-continue" {
                    try stream.write(Data("HTTP/1.1 100 Continue\r\n\r\n".utf8))
                }
                var body = Data()
                if request.headers["Transfer-Encoding"]?.lowercased().contains("chunked") == true {
                    request.bodyLength = try readChunked(into: &body)
                } else if let lengthText = request.headers["Content-Length"] {
                    guard let length = Int(lengthText.trimmingCharacters(in: .whitespaces)), length >= 0 else {
                        throw SocketStream.Closed(reason: "bad Content-Length '\(lengthText)'")
                    }
                    try stream.read(exactly: length, into: &body)
                    request.bodyLength = length
                }
                request.body = body
                server.beginRequest()
                defer { server.endRequest() }
                let action = server.handle(request)
                let closeAfter = request.headers["Connection"]?.lowercased() == "close"
                guard try perform(action, for: request, closeAfter: closeAfter) else { return }
                if closeAfter { return }
            }
        } catch {
            // The connection ends; the client sees whatever it saw (that is the point of some actions).
        }
    }

    /// Returns whether the connection may serve another request.
    private func perform(_ action: LoopbackAction, for request: LoopbackRequest, closeAfter: Bool) throws -> Bool {
        switch action.kind {
        case .respond(let response):
            try write(response, for: request, closeAfter: closeAfter)
            return true
        case .delayed(let delay, let response):
            stream.waitForPeer(until: .now + delay, stop: { server.isShuttingDown })
            try write(response, for: request, closeAfter: closeAfter)
            return true
        case .drop:
            return false
        case .truncated(let response, let bytes):
            try writeHead(response, for: request, closeAfter: true)
            try response.body.prefix(bytes).withUnsafeBytes { try stream.write($0) }
            return false
        case .trickle(let response, let chunk, let interval):
            try writeHead(response, for: request, closeAfter: closeAfter)
            guard request.method != .head else { return true }
            var offset = 0
            while offset < response.body.count {
                if offset > 0 { stream.waitForPeer(until: .now + interval, stop: { server.isShuttingDown }) }
                let end = min(offset + chunk, response.body.count)
                try response.body[response.body.startIndex + offset..<response.body.startIndex + end].withUnsafeBytes {
                    try stream.write($0)
                }
                offset = end
            }
            return true
        case .reset:
            stream.abortWithReset()
            return false
        case .headersThenStall(let response):
            try writeHead(response, for: request, closeAfter: closeAfter)
            stream.waitForPeer(until: nil, stop: { server.isShuttingDown })
            return false
        case .stall(let limit):
            stream.waitForPeer(until: limit.map { .now + $0 }, stop: { server.isShuttingDown })
            return false
        }
    }

    private func write(_ response: LoopbackResponse, for request: LoopbackRequest, closeAfter: Bool) throws {
        try writeHead(response, for: request, closeAfter: closeAfter)
        if request.method != .head, !response.body.isEmpty { try stream.write(response.body) }
    }

    private func writeHead(_ response: LoopbackResponse, for request: LoopbackRequest, closeAfter: Bool) throws {
        var text = "HTTP/1.1 \(response.status) \(Self.reason(response.status))\r\n"
        var headers = response.headers
        if headers["Content-Length"] == nil { headers["Content-Length"] = String(response.body.count) }
        if closeAfter { headers["Connection"] = "close" }
        for field in headers { text += "\(field.name): \(field.value)\r\n" }
        text += "\r\n"
        try stream.write(Data(text.utf8))
    }

    private func parse(head: [UInt8], sequence: Int) throws -> LoopbackRequest {
        let text = String(decoding: head, as: UTF8.self)
        var lines = text.split(separator: "\r\n", omittingEmptySubsequences: false)
        guard !lines.isEmpty else { throw SocketStream.Closed(reason: "empty request head") }
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count == 3 else { throw SocketStream.Closed(reason: "bad request line") }
        var headers = HTTPHeaders()
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.add(
                name: String(line[..<colon]),
                value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return LoopbackRequest(
            method: HTTPMethod(rawValue: String(requestLine[0])), target: String(requestLine[1]),
            headers: headers, sequenceOnConnection: sequence)
    }

    private func readChunked(into body: inout Data) throws -> Int {
        var total = 0
        while true {
            let line = try stream.readLine()
            let sizeText = line.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            guard let size = Int(sizeText, radix: 16), size >= 0 else {
                throw SocketStream.Closed(reason: "bad chunk size '\(sizeText)'")
            }
            if size == 0 {
                while try !stream.readLine().isEmpty {}  // trailers
                return total
            }
            try stream.read(exactly: size, into: &body)
            total += size
            _ = try stream.readLine()
        }
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 201: return "Created"
        case 202: return "Accepted"
        case 204: return "No Content"
        case 206: return "Partial Content"
        case 304: return "Not Modified"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 409: return "Conflict"
        case 412: return "Precondition Failed"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 503: return "Service Unavailable"
        default: return "Status"
        }
    }
}
