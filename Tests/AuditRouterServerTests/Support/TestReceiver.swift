import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL

/// A request a test receiver got.
struct ReceivedRequest: Sendable {
    let path: String
    let headers: [String: String]
    let body: [UInt8]
    /// When the receiver had read it whole.
    var receivedAt = ContinuousClock.now

    var bodyText: String { String(decoding: body, as: UTF8.self) }
    func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// What a test receiver answers: a status, extra headers, and an optional delay first.
struct ReceiverReply: Sendable {
    var status: HTTPResponse.Status = .ok
    var headers: [(String, String)] = []
    var delay: Duration = .zero
}

/// An HTTP receiver on 127.0.0.1 (a real socket), recording every request and answering as the
/// test's `behavior` says; `behavior` gets the request and how many came to that path before.
final class TestReceiver: Sendable {
    private let log: RequestLog
    private let task: Task<Void, Error>
    let port: Int

    /// With `tls`, the receiver speaks HTTPS (and `url` is `https://127.0.0.1:PORT`).
    static func start(
        tls: TLSConfiguration? = nil,
        _ behavior: @escaping @Sendable (ReceivedRequest, Int) async -> ReceiverReply = { _, _ in ReceiverReply() }
    ) async throws -> TestReceiver {
        let log = RequestLog()
        let ready = PortBox()
        let router = Router()
        router.post("/**") { request, context -> Response in
            var request = request
            let buffer = try await request.collectBody(upTo: 16 << 20)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName.lowercased()] = field.value }
            let received = ReceivedRequest(path: request.uri.path, headers: headers, body: Array(buffer.readableBytesView))
            let previous = await log.append(received)
            let reply = await behavior(received, previous)
            if reply.delay > .zero { try? await Task.sleep(for: reply.delay) }
            var fields = HTTPFields()
            for (name, value) in reply.headers { if let name = HTTPField.Name(name) { fields[name] = value } }
            return Response(status: reply.status, headers: fields)
        }
        var logger = Logger(label: "test-receiver")
        logger.logLevel = .warning
        let app = Application(
            router: router,
            server: try tls.map { try .tls(.http1(), tlsConfiguration: $0) } ?? .http1(),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in await ready.set(channel.localAddress?.port ?? 0) },
            logger: logger)
        let task = Task { try await app.run() }
        let port = try await ready.wait()
        return TestReceiver(log: log, task: task, port: port, secure: tls != nil)
    }

    private let secure: Bool

    private init(log: RequestLog, task: Task<Void, Error>, port: Int, secure: Bool) {
        self.log = log
        self.task = task
        self.port = port
        self.secure = secure
    }

    /// `http://127.0.0.1:PORT`, or `https://127.0.0.1:PORT` (an address the test certificate names).
    var url: String { "\(secure ? "https" : "http")://127.0.0.1:\(port)" }

    /// Every request so far.
    func requests() async -> [ReceivedRequest] { await log.all() }

    /// Waits (bounded) until `predicate` holds for the requests so far; returns them.
    func waitFor(timeout: Duration = .seconds(20), _ predicate: ([ReceivedRequest]) -> Bool) async -> [ReceivedRequest] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let all = await log.all()
            if predicate(all) { return all }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return await log.all()
    }

    func stop() {
        task.cancel()
    }
}

private actor RequestLog {
    private var requests: [ReceivedRequest] = []

    /// Appends and returns how many earlier requests had the same path.
    func append(_ request: ReceivedRequest) -> Int {
        let previous = requests.filter { $0.path == request.path }.count
        requests.append(request)
        return previous
    }

    func all() -> [ReceivedRequest] { requests }
}

/// Carries the bound port from `onServerRunning` to the starter.
actor PortBox {
    private var port: Int?
    private var waiters: [CheckedContinuation<Int, Never>] = []

    func set(_ value: Int) {
        port = value
        for waiter in waiters { waiter.resume(returning: value) }
        waiters.removeAll()
    }

    func wait() async throws -> Int {
        if let port { return port }
        return await withCheckedContinuation { waiters.append($0) }
    }
}
