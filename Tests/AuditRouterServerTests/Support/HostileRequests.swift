import Foundation
import GoTemplate

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// SplitMix64: a tiny deterministic generator, so that a failing fuzz run can be replayed with
/// `FUZZ_SEED=<seed printed by the test>`.
struct FuzzRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// `FUZZ_SEED` from the environment, else `fallback`.
    static func seed(default fallback: UInt64) -> UInt64 {
        ProcessInfo.processInfo.environment["FUZZ_SEED"].flatMap { UInt64($0) } ?? fallback
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// An HTTP response read off a raw socket.
struct RawResponse: Sendable {
    let status: Int
    /// Header names lower-cased.
    let headers: [String: String]
    let body: [UInt8]
}

extension RawResponse {
    /// The router's JSON error (`{"error": {"code", "message"}}`) when the body is one with a
    /// message that is not empty.
    var jsonError: (code: String, message: String)? {
        guard case .map(let map)? = try? Value(json: body), case .map(let error)? = map["error"],
            case .string(let code)? = error["code"], case .string(let message)? = error["message"], !message.isEmpty
        else { return nil }
        return (code, message)
    }
}

/// What became of one raw exchange.
enum RawOutcome: Sendable {
    case response(RawResponse)
    /// The connection closed (or timed out) before a complete response arrived.
    case dropped(String)

    /// The response's status; nil when it was dropped.
    var status: Int? {
        if case .response(let response) = self { return response.status }
        return nil
    }
}

/// HTTP/1.1 over plain POSIX sockets to 127.0.0.1, so that tests can send what a client library
/// refuses to (NUL bytes in headers, lying `Content-Length`s, broken chunking, garbage request
/// lines) and can tell a dropped connection from an answer. Blocking I/O runs on Dispatch's
/// global queue, off Swift concurrency's cooperative threads.
enum RawHTTP {
    /// A request with `Host` and `Connection: close`, plus `Content-Length` when there is a body.
    static func request(_ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8]? = nil) -> [UInt8] {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let body { head += "Content-Length: \(body.count)\r\n" }
        return Array((head + "\r\n").utf8) + (body ?? [])
    }

    /// The same body sent with `Transfer-Encoding: chunked` in chunks of `chunkSize` bytes.
    static func chunked(_ method: String, _ path: String, headers: [(String, String)], body: [UInt8], chunkSize: Int = 4096) -> [UInt8] {
        var bytes = request(method, path, headers: headers + [("Transfer-Encoding", "chunked")])
        var index = 0
        while index < body.count {
            let chunk = body[index..<min(index + chunkSize, body.count)]
            bytes += Array((String(chunk.count, radix: 16) + "\r\n").utf8) + chunk + Array("\r\n".utf8)
            index += chunk.count
        }
        return bytes + Array("0\r\n\r\n".utf8)
    }

    /// Sends `bytes` on a new connection and reads one response (bounded by `timeout` seconds).
    static func exchange(port: Int, _ bytes: [UInt8], timeout: Double = 15) async -> RawOutcome {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: blockingExchange(port: port, bytes, timeout: timeout)) }
        }
    }

    /// Sends `bytes` (several pipelined requests) on a new connection and reads every response
    /// until the server closes it or a read waits `timeout` seconds. The outcomes are in order (the
    /// last is `.dropped` when the bytes end inside a response); `closed` says whether the server
    /// closed the connection (rather than the wait timing out).
    static func pipelined(port: Int, _ bytes: [UInt8], timeout: Double = 15) async -> (outcomes: [RawOutcome], closed: Bool) {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let fd = open(port: port, timeout: timeout)
                guard fd >= 0 else { return continuation.resume(returning: ([.dropped("connect failed")], false)) }
                defer { close(fd) }
                _ = write(fd, bytes)
                var received: [UInt8] = [], buffer = [UInt8](repeating: 0, count: 65536)
                var count = 0
                repeat {
                    count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                    if count > 0 { received += buffer[0..<count] }
                } while count > 0
                continuation.resume(returning: (responses(in: received), count == 0))
            }
        }
    }

    /// The responses one after another in `bytes`, each framed by its `Content-Length`.
    static func responses(in bytes: [UInt8]) -> [RawOutcome] {
        var outcomes: [RawOutcome] = []
        var rest = bytes[...]
        while !rest.isEmpty {
            guard let parsed = parseHead(rest) else {
                outcomes.append(.dropped("no complete response head (\(rest.count) bytes)"))
                break
            }
            let head: Head
            switch parsed {
            case .success(let found): head = found
            case .failure(let bad):
                outcomes.append(.dropped(bad.message))
                return outcomes
            }
            let length = Int(head.headers["content-length"] ?? "") ?? (rest.endIndex - head.end)
            guard head.end + length <= rest.endIndex else {
                outcomes.append(.dropped("body cut short"))
                break
            }
            outcomes.append(.response(RawResponse(status: head.status, headers: head.headers, body: Array(rest[head.end..<head.end + length]))))
            rest = rest[(head.end + length)...]
        }
        return outcomes
    }

    /// A response head found at the start of `bytes`: its status, headers (names lower-cased) and
    /// the index just past its blank line.
    struct Head {
        let status: Int
        let headers: [String: String]
        let end: Int
    }

    /// A status line that is not one.
    struct BadHead: Error {
        let message: String
    }

    /// The head at the start of `bytes`; nil while it is incomplete.
    static func parseHead(_ bytes: ArraySlice<UInt8>) -> Result<Head, BadHead>? {
        guard let range = bytes.firstRange(of: Array("\r\n\r\n".utf8)) else { return nil }
        let lines = String(decoding: bytes[..<range.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let parts = lines[0].split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else { return .failure(BadHead(message: "bad status line \(lines[0])")) }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return .success(Head(status: status, headers: headers, end: range.upperBound))
    }

    /// A connected blocking socket with send and receive timeouts, or -1.
    static func open(port: Int, timeout: Double = 15) -> Int32 {
        #if canImport(Darwin)
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #else
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #endif
        guard fd >= 0 else { return -1 }
        var limit = timeval(tv_sec: .init(timeout), tv_usec: .init((timeout - timeout.rounded(.down)) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        if !connected { close(fd); return -1 }
        return fd
    }

    /// Writes `bytes`; false when the peer closed or reset the connection first.
    @discardableResult
    static func write(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, noSignal) }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }

    #if canImport(Darwin)
    private static let noSignal: Int32 = 0
    #else
    private static let noSignal = Int32(MSG_NOSIGNAL)
    #endif

    private static func blockingExchange(port: Int, _ bytes: [UInt8], timeout: Double) -> RawOutcome {
        let fd = open(port: port, timeout: timeout)
        guard fd >= 0 else { return .dropped("connect failed: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        // A server may answer (413, 401) before it has read the whole body and stop reading; the
        // answer is still there to read even when the rest of the body cannot be written.
        _ = write(fd, bytes)
        return readResponse(fd)
    }

    /// Reads one response: the head, then `Content-Length` bytes of body (or until close).
    static func readResponse(_ fd: Int32) -> RawOutcome {
        var received: [UInt8] = [], buffer = [UInt8](repeating: 0, count: 65536)
        var head: Head?
        while head == nil || received.count - head!.end < Int(head!.headers["content-length"] ?? "") ?? Int.max {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 && head == nil { return .dropped("recv: \(String(cString: strerror(errno))) after \(received.count) bytes") }
            if count <= 0 { break }
            received += buffer[0..<count]
            if head == nil, let parsed = parseHead(received[...]) {
                switch parsed {
                case .success(let found): head = found
                case .failure(let bad): return .dropped(bad.message)
                }
            }
        }
        guard let head else { return .dropped("no complete response head (\(received.count) bytes)") }
        let body = Array(received[head.end...])
        if let expected = Int(head.headers["content-length"] ?? ""), body.count < expected { return .dropped("body cut at \(body.count) of \(expected) bytes") }
        return .response(RawResponse(status: head.status, headers: head.headers, body: body))
    }
}

/// What a hostile request must get back.
enum ProbeExpectation {
    /// A 4xx JSON error, with this code when given.
    case reject(String?)
    /// What `SourceFormat.normalize` decides: 202 with that many events, or 400 `invalid_event`.
    case normalized(Int?)
}

struct HostileProbe {
    let label: String
    let bytes: [UInt8]
    let expect: ProbeExpectation
}

/// The answers of one run: accepted ids, codes seen, and what broke the rules.
actor ProbeTally {
    var accepted: Set<String> = []
    var codes: [String: Int] = [:]
    var violations: [String] = []
    var longestMessage = (0, "")

    func record(_ probe: HostileProbe, _ outcome: RawOutcome) {
        guard case .response(let response) = outcome else {
            if case .dropped(let why) = outcome { violations.append("\(probe.label): connection dropped (\(why))") }
            return
        }
        let text = String(decoding: response.body.prefix(300), as: UTF8.self)
        var expectedStatus: ClosedRange<Int> = 400...499
        var expectedCode: String?
        switch probe.expect {
        case .reject(let code): expectedCode = code
        case .normalized(nil): expectedCode = "invalid_event"
        case .normalized(let count?): expectedStatus = 202...202
            guard response.status == 202, case .map(let map)? = try? Value(json: response.body), case .array(let ids)? = map["accepted"] else {
                violations.append("\(probe.label): expected 202 with \(count) events (normalize accepts it), got \(response.status) \(text)")
                return
            }
            codes["202", default: 0] += 1
            for case .string(let id) in ids { accepted.insert(id) }
            if ids.count != count { violations.append("\(probe.label): \(ids.count) ids, normalize gives \(count)") }
            return
        }
        guard expectedStatus.contains(response.status) else {
            if response.status == 202, case .map(let map)? = try? Value(json: response.body), case .array(let ids)? = map["accepted"] {
                for case .string(let id) in ids { accepted.insert(id) }
            }
            violations.append("\(probe.label): expected a 4xx, got \(response.status) \(text)")
            return
        }
        guard response.headers["content-type"]?.hasPrefix("application/json") == true, let (code, message) = response.jsonError else {
            violations.append("\(probe.label): \(response.status) without a JSON error body: \(text)")
            return
        }
        codes["\(response.status) \(code)", default: 0] += 1
        if message.count > longestMessage.0 { longestMessage = (message.count, probe.label) }
        if let expectedCode, code != expectedCode { violations.append("\(probe.label): code \(code), expected \(expectedCode): \(message)") }
    }

    func insertAccepted(_ id: String) { accepted.insert(id) }
}

/// Bodies no ingest endpoint may accept, whatever the source: each is not JSON, JSON the data
/// model rejects, or JSON that is no event of any source. Labels name them in failure messages.
enum HostileBodies {
    static func mustReject(maxBodyBytes: Int) -> [(String, [UInt8])] {
        var bodies: [(String, String)] = [
            ("empty", ""), ("space", "   \n\t"), ("open brace", "{"), ("close brace", "}"), ("open bracket", "["),
            ("bare word", "flag"), ("single quotes", "{'type':'flag','action':'created'}"), ("unquoted keys", "{type:flag}"),
            ("trailing comma", #"{"type":"flag","action":"created",}"#), ("missing colon", #"{"type" "flag"}"#),
            ("truncated string", #"{"type":"fla"#), ("bad escape", #"{"type":"\x41"}"#), ("short unicode escape", #"{"type":"\u12"}"#),
            ("trailing garbage", #"{"type":"flag","action":"created"} x"#), ("two documents", #"{"a":1}{"b":2}"#),
            ("comment", #"// hi"# + "\n{}"), ("block comment", "/* */{}"), ("NaN", "NaN"), ("Infinity", "-Infinity"),
            ("hex number", "0x10"), ("leading zero", "[01]"), ("plus sign", "+1"), ("bare fraction", ".5"), ("dangling dot", "[1.]"),
            ("bare exponent", "[1e]"), ("1e999", "1e999"), ("-1e999", "-1e999"),
            ("1e999 in type", #"{"type":1e999,"action":"created"}"#),
            ("1e999 in payload", #"{"type":"flag","action":"created","payload":{"n":1e999}}"#),
            ("400-digit integer in payload", #"{"type":"flag","action":"created","payload":{"n":"# + String(repeating: "9", count: 400) + "}}"),
            ("400-digit integer", String(repeating: "7", count: 400)), ("tiny number", "1e-999"), ("null", "null"), ("true", "true"),
            ("number", "42"), ("string", #""flag""#), ("array of null", "[null]"), ("array of arrays", "[[]]"), ("array of numbers", "[1,2,3]"),
            ("empty object", "{}"), ("lone surrogate key only", #"{"\ud800":1}"#), ("escaped NUL key only", #"{"\u0000":"x"}"#),
            ("array with one bad element", "[{}, 5]"), ("10000 empty objects", "[" + Array(repeating: "{}", count: 10000).joined(separator: ",") + "]"),
            ("10000 keys", "{" + (0..<10000).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + "}"),
            ("100k [", String(repeating: "[", count: 100_000)), ("100k {\"a\":", String(repeating: #"{"a":"#, count: 20_000)),
            ("10001 nested arrays", String(repeating: "[", count: 10_001) + String(repeating: "]", count: 10_001)),
            ("9999 nested arrays", String(repeating: "[", count: 9_999) + String(repeating: "]", count: 9_999)),
            ("deep array in type", #"{"type":"# + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + #","action":"x"}"#),
        ]
        bodies.append(("padded past the limit", #"{"type":"flag","action":"created","payload":""# + String(repeating: "x", count: maxBodyBytes) + #""}"#))
        var raw: [(String, [UInt8])] = bodies.map { ($0.0, Array($0.1.utf8)) }
        raw += [
            ("raw NUL", [0]), ("NUL inside a string", Array(#"{"type":"fl"#.utf8) + [0] + Array(#"ag","action":"x"}"#.utf8)),
            ("NUL after the document", Array("{}".utf8) + [0]), ("byte order mark", [0xEF, 0xBB, 0xBF] + Array("{}".utf8)),
            ("0xFF outside strings", [0xFF] + Array("{}".utf8)), ("invalid UTF-8 and truncated", Array(#"{"type":""#.utf8) + [0xFF, 0xFE, 0xC0, 0x80]),
            ("control byte in string", Array(#"{"type":"a"#.utf8) + [0x01] + Array(#"","action":"b"}"#.utf8)),
            ("UTF-16 body", Array(#"{"type":"flag"}"#.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })),
            ("random bytes", (0..<512).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) }),
        ]
        return raw
    }

    /// JSON values of every kind but `value`'s, to put in its place.
    static func wrongTypes(for value: Value) -> [Value] {
        let replacements: [Value] = [.null, .bool(true), .int64(0), .float64(-1.5), .string("x"), .array([]),
                                     .map(ValueMap([("k", .string("v"))])), .array([.map(ValueMap([("k", .int64(1))]))])]
        return replacements.filter { kind($0) != kind(value) }
    }

    private static func kind(_ value: Value) -> Int {
        switch value {
        case .missing, .null: 0
        case .bool: 1
        case .string: 2
        case .array: 3
        case .map, .record: 4
        default: 5
        }
    }
}

/// Where a value sits in a JSON document: keys of objects, indexes of arrays.
enum JSONPath {
    enum Step: CustomStringConvertible {
        case key(String), index(Int)
        var description: String {
            switch self {
            case .key(let key): key
            case .index(let index): "[\(index)]"
            }
        }
    }

    /// Every path to a member of an object or the first element of an array, `depth` levels down.
    static func all(in value: Value, depth: Int = 4) -> [[Step]] {
        guard depth > 0 else { return [] }
        var steps: [(Step, Value)] = []
        switch value {
        case .map(let map): steps = map.keys.map { (.key($0), map[$0]!) }
        case .array(let elements): steps = elements.first.map { [(.index(0), $0)] } ?? []
        default: break
        }
        return steps.flatMap { step, child in [[step]] + all(in: child, depth: depth - 1).map { [step] + $0 } }
    }

    static func value(at path: [Step], in value: Value) -> Value {
        guard let step = path.first else { return value }
        switch (step, value) {
        case (.key(let key), .map(let map)): return Self.value(at: Array(path.dropFirst()), in: map[key] ?? .null)
        case (.index(let index), .array(let elements)): return Self.value(at: Array(path.dropFirst()), in: elements[index])
        default: return .null
        }
    }

    static func replacing(_ path: [Step], in value: Value, with replacement: Value) -> Value {
        guard let step = path.first else { return replacement }
        let rest = Array(path.dropFirst())
        switch (step, value) {
        case (.key(let key), .map(let map)):
            return .map(ValueMap(map.keys.map { ($0, $0 == key ? replacing(rest, in: map[$0]!, with: replacement) : map[$0]!) }))
        case (.index(let index), .array(var elements)):
            elements[index] = replacing(rest, in: elements[index], with: replacement)
            return .array(elements)
        default: return value
        }
    }
}
