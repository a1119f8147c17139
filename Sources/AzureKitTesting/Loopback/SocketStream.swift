import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Buffered blocking I/O on one connected socket. Bodies are read straight into their destination in large
/// chunks, so a 64 MiB upload costs one allocation and a few thousand `recv` calls, never a per-byte copy.
final class SocketStream {
    /// Errors that end the connection; never surfaced to tests.
    struct Closed: Error { var reason: String }

    let fd: Int32
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private static let chunk = 256 * 1024

    init(fd: Int32) {
        self.fd = fd
        self.buffer = [UInt8](repeating: 0, count: Self.chunk)
    }

    /// Reads until `\r\n\r\n` and returns the head without it; `nil` when the peer closed cleanly first.
    func readHead(limit: Int = 256 * 1024) throws -> [UInt8]? {
        // Offsets relative to `start`, because `fill()` may move the buffered bytes.
        var scanned = 0
        while true {
            if let found = Self.find(buffer, from: start + max(0, scanned - 3), to: end) {
                let head = Array(buffer[start..<found])
                start = found + 4
                return head
            }
            scanned = end - start
            if end - start > limit { throw Closed(reason: "request head longer than \(limit) bytes") }
            if try fill() == 0 {
                if end == start { return nil }
                throw Closed(reason: "peer closed inside a request head")
            }
        }
    }

    /// Reads one CRLF-terminated line (chunked encoding framing).
    func readLine(limit: Int = 8 * 1024) throws -> String {
        while true {
            if let newline = buffer[start..<end].firstIndex(of: UInt8(ascii: "\n")) {
                var lineEnd = newline
                if lineEnd > start, buffer[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
                let line = String(decoding: buffer[start..<lineEnd], as: UTF8.self)
                start = newline + 1
                return line
            }
            if end - start > limit { throw Closed(reason: "line longer than \(limit) bytes") }
            if try fill() == 0 { throw Closed(reason: "peer closed inside a line") }
        }
    }

    /// Reads exactly `count` bytes and appends them to `data` (or just discards them when `keep` is false).
    func read(exactly count: Int, into data: inout Data, keep: Bool = true) throws {
        var remaining = count
        let buffered = min(remaining, end - start)
        if buffered > 0 {
            if keep { data.append(contentsOf: buffer[start..<(start + buffered)]) }
            start += buffered
            remaining -= buffered
        }
        guard remaining > 0 else { return }
        if !keep {
            while remaining > 0 {
                start = 0
                end = 0
                let got = try fill(max: remaining)
                if got == 0 { throw Closed(reason: "peer closed inside a body") }
                remaining -= got
                start = 0
                end = 0
            }
            return
        }
        let offset = data.count
        data.count += remaining
        var written = 0
        while written < remaining {
            let got = data.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return -1 }
                return recv(fd, base + offset + written, remaining - written, 0)
            }
            if got < 0, errno == EINTR { continue }
            if got <= 0 { throw Closed(reason: "peer closed inside a body") }
            written += got
        }
    }

    /// Writes every byte of `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard var pointer = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let sent = send(fd, pointer, remaining, Int32(MSG_NOSIGNAL))
            if sent < 0, errno == EINTR { continue }
            if sent <= 0 { throw Closed(reason: "peer closed while writing") }
            pointer += sent
            remaining -= sent
        }
    }

    func write(_ data: Data) throws { try data.withUnsafeBytes { try write($0) } }

    /// Makes the coming `close` send a TCP RST instead of a FIN (a reset connection, as a crashed peer or a
    /// middlebox produces).
    func abortWithReset() {
        var option = linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
    }

    /// Waits until the peer closes (or sends more), `deadline` passes or `stop()` says so.
    func waitForPeer(until deadline: ContinuousClock.Instant?, stop: () -> Bool) {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while !stop() {
            // Wake at least every 50 ms to notice shutdown, and exactly at the deadline (latency injection).
            var wait: Int32 = 50
            if let deadline {
                let left = deadline - ContinuousClock.now
                if left <= .zero { return }
                wait = Int32(
                    min(
                        50,
                        max(1, (left.components.attoseconds / 1_000_000_000_000_000) + left.components.seconds * 1000)))
            }
            let ready = poll(&poller, 1, wait)
            if ready > 0 {
                // Data or hang-up: peek to tell them apart; a closed peer ends the stall.
                var byte: UInt8 = 0
                let peeked = recv(fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
                if peeked <= 0 { return }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
    }

    private func fill(max: Int = Int.max) throws -> Int {
        if start == end {
            start = 0
            end = 0
        }
        if end == buffer.count {
            if start > 0 {
                buffer.withUnsafeMutableBytes { raw in
                    guard let base = raw.baseAddress else { return }
                    memmove(base, base + start, end - start)
                }
                end -= start
                start = 0
            } else {
                buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count))
            }
        }
        while true {
            let room = min(buffer.count - end, max)
            let got = buffer.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return -1 }
                return recv(fd, base + end, room, 0)
            }
            if got < 0, errno == EINTR { continue }
            if got < 0 { throw Closed(reason: "recv failed: errno \(errno)") }
            end += got
            return got
        }
    }

    private static func find(_ bytes: [UInt8], from: Int, to: Int) -> Int? {
        guard to - from >= 4 else { return nil }
        var index = from
        while index + 3 < to {
            if bytes[index] == 13, bytes[index + 1] == 10, bytes[index + 2] == 13, bytes[index + 3] == 10 {
                return index
            }
            index += 1
        }
        return nil
    }
}
