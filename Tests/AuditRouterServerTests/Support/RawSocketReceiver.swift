import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What a `RawSocketReceiver` does with a request it has read in full.
enum RawReply: Sendable, CaseIterable {
    /// A complete `200` response; the connection stays open for the next request.
    case respond
    /// Closes the connection without writing anything.
    case closeSilently
    /// Writes part of the status line and headers, then closes.
    case truncatedHeaders
    /// Writes a complete `200` head announcing a longer body than it sends, then closes.
    case truncatedBody
    /// Resets the connection (`SO_LINGER` 0, so the close sends RST).
    case reset
}

/// An HTTP/1.1 receiver on 127.0.0.1 written on POSIX sockets, so that it can misbehave in ways a
/// real server framework will not: close connections before, inside or after the response head,
/// or reset them. One thread accepts; each connection gets its own thread and may carry many
/// requests (keep-alive) until the receiver breaks it.
final class RawSocketReceiver: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let behavior: @Sendable (ReceivedRequest, Int) -> RawReply
    private let lock = NSLock()
    private var received: [ReceivedRequest] = []
    private var replies: [RawReply] = []
    private var connections: Set<Int32> = []
    private var stopped = false

    /// Starts listening on a free port; `behavior` gets each request and how many came before it.
    init(_ behavior: @escaping @Sendable (ReceivedRequest, Int) -> RawReply = { _, _ in .respond }) throws {
        self.behavior = behavior
        let fd = socket(AF_INET, Self.streamType, 0)
        guard fd >= 0 else { throw TestFailure("socket: \(String(cString: strerror(errno)))") }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 128) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else {
            close(fd)
            throw TestFailure("bind/listen: \(String(cString: strerror(errno)))")
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "raw-receiver-accept"
        thread.start()
    }

    var url: String { "http://127.0.0.1:\(port)" }

    /// Every request read in full so far, and what was done with each.
    func requests() -> [(ReceivedRequest, RawReply)] {
        lock.withLock { Array(zip(received, replies)) }
    }

    /// Stops accepting and breaks every open connection.
    func stop() {
        let open: Set<Int32> = lock.withLock {
            stopped = true
            return connections
        }
        shutdown(listener, Int32(SHUT_RDWR))
        for fd in open { shutdown(fd, Int32(SHUT_RDWR)) }
    }

    deinit {
        close(listener)
    }

    private static var streamType: Int32 {
        #if canImport(Darwin)
        SOCK_STREAM
        #else
        Int32(SOCK_STREAM.rawValue)
        #endif
    }

    private func acceptLoop() {
        while true {
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                if errno == EINTR { continue }
                return
            }
            let accepted: Bool = lock.withLock {
                if stopped { return false }
                connections.insert(fd)
                return true
            }
            guard accepted else {
                close(fd)
                return
            }
            let thread = Thread { [self] in serve(fd) }
            thread.name = "raw-receiver-connection"
            thread.start()
        }
    }

    private func serve(_ fd: Int32) {
        var buffer: [UInt8] = []
        var resetOnClose = false
        defer {
            if resetOnClose {
                var option = linger(l_onoff: 1, l_linger: 0)
                setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
            }
            lock.withLock { _ = connections.remove(fd) }
            close(fd)
        }
        while let request = readRequest(fd, &buffer) {
            let index: Int = lock.withLock { received.count }
            let reply = behavior(request, index)
            lock.withLock {
                received.append(request)
                replies.append(reply)
            }
            switch reply {
            case .respond:
                let body = #"{"ok":true}"#
                guard write(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
                else { return }
            case .closeSilently:
                return
            case .truncatedHeaders:
                _ = write(fd, "HTTP/1.1 200 OK\r\nContent-Ty")
                return
            case .truncatedBody:
                _ = write(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"ok\":")
                return
            case .reset:
                resetOnClose = true
                return
            }
        }
    }

    private func write(_ fd: Int32, _ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let sent = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Self.sendFlags) }
            if sent < 0 && errno == EINTR { continue }
            if sent <= 0 { return false }
            bytes = bytes.dropFirst(sent)
        }
        return true
    }

    private static var sendFlags: Int32 {
        #if canImport(Darwin)
        0
        #else
        Int32(MSG_NOSIGNAL)
        #endif
    }

    /// Reads one request (Content-Length or chunked body); nil at end of stream or on an error.
    private func readRequest(_ fd: Int32, _ buffer: inout [UInt8]) -> ReceivedRequest? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        var headEnd: Int?
        while headEnd == nil {
            if let range = buffer.firstRange(of: separator) {
                headEnd = range.upperBound
            } else if !fill(fd, &buffer) {
                return nil
            }
        }
        guard let headEnd else { return nil }
        let head = String(decoding: buffer[..<headEnd], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        guard !lines.isEmpty else { return nil }
        let requestLine = lines.removeFirst().split(separator: " ")
        let path = requestLine.count > 1 ? String(requestLine[1]) : "/"
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        buffer.removeFirst(headEnd)
        var body: [UInt8] = []
        if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            while true {
                let crlf: [UInt8] = [13, 10]
                var lineEnd = buffer.firstRange(of: crlf)
                while lineEnd == nil {
                    guard fill(fd, &buffer) else { return nil }
                    lineEnd = buffer.firstRange(of: crlf)
                }
                let sizeText = String(decoding: buffer[..<lineEnd!.lowerBound], as: UTF8.self).split(separator: ";").first ?? ""
                guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else { return nil }
                buffer.removeFirst(lineEnd!.upperBound)
                while buffer.count < size + 2 {
                    guard fill(fd, &buffer) else { return nil }
                }
                body += buffer[..<size]
                buffer.removeFirst(size + 2)
                if size == 0 { break }
            }
        } else {
            let length = Int(headers["content-length"] ?? "0") ?? 0
            while buffer.count < length {
                guard fill(fd, &buffer) else { return nil }
            }
            body = Array(buffer[..<length])
            buffer.removeFirst(length)
        }
        return ReceivedRequest(path: path, headers: headers, body: body)
    }

    private func fill(_ fd: Int32, _ buffer: inout [UInt8]) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return false }
            buffer += chunk[..<count]
            return true
        }
    }
}
