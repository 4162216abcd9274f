import AuditRouter
import AuditRouterServer
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Testing

/// The HTTP transport against a real Hummingbird receiver on 127.0.0.1.
@Suite struct TransportTests {
    /// What the receiver saw.
    actor Recorder {
        private(set) var requests: [(method: String, path: String, signature: String?, body: String)] = []

        func record(_ request: Request, body: ByteBuffer) {
            requests.append(
                (request.method.rawValue, request.uri.path, request.headers[HTTPField.Name("X-Signature")!], String(buffer: body)))
        }
    }

    /// A receiver with one route per behaviour under test.
    static func router(recording recorder: Recorder) -> Router<BasicRequestContext> {
        let router = Router()
        let retryAfter = HTTPField.Name("Retry-After")!
        router.post("ok") { request, _ -> Response in
            await recorder.record(request, body: try await request.body.collect(upTo: 1 << 20))
            return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: "thanks")))
        }
        router.post("fail") { _, _ in
            Response(status: .internalServerError, headers: [retryAfter: "7"], body: ResponseBody(byteBuffer: ByteBuffer(string: "boom")))
        }
        router.post("big") { _, _ in
            Response(status: .badGateway, body: ResponseBody(byteBuffer: ByteBuffer(repeating: UInt8(ascii: "x"), count: 5000)))
        }
        router.post("redirect") { _, _ in
            Response(status: .found, headers: [.location: "/ok"])
        }
        router.post("slow") { _, _ -> Response in
            try await Task.sleep(for: .seconds(4))
            return Response(status: .ok)
        }
        return router
    }

    /// Runs `body` with a receiver listening on 127.0.0.1 at a port the system picks, then stops it.
    static func withReceiver<T: Sendable>(
        _ router: Router<BasicRequestContext>, _ body: (Int) async throws -> T
    ) async throws -> T {
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "transport-tests-receiver")
        logger.logLevel = .error
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { portContinuation.yield($0.localAddress?.port ?? 0) }, logger: logger)
        let services = ServiceGroup(configuration: .init(services: [app], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self, returning: T.self) { group in
            group.addTask { try await services.run() }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            do {
                let result = try await body(port)
                await services.triggerGracefulShutdown()
                return result
            } catch {
                await services.triggerGracefulShutdown()
                throw error
            }
        }
    }

    /// Runs `body` with a fresh transport, shut down afterwards.
    static func withTransport<T: Sendable>(_ body: (HTTPTransport) async throws -> T) async throws -> T {
        let transport = HTTPTransport()
        do {
            let result = try await body(transport)
            try await transport.shutdown()
            return result
        } catch {
            try await transport.shutdown()
            throw error
        }
    }

    static func post(_ port: Int, _ path: String, body: String = #"{"a":1}"#) -> OutgoingRequest {
        OutgoingRequest(
            method: "POST", url: "http://127.0.0.1:\(port)/\(path)",
            headers: [("Content-Type", "application/json"), ("X-Signature", "sig")], body: Array(body.utf8))
    }

    @Test func aTwoHundredIsAResponseAndTheReceiverGetsMethodHeadersAndBody() async throws {
        let recorder = Recorder()
        let (outcome, duration) = try await Self.withReceiver(Self.router(recording: recorder)) { port in
            try await Self.withTransport { await $0.send(Self.post(port, "ok"), timeout: .seconds(5)) }
        }
        #expect(outcome == .response(status: 200, retryAfter: nil, body: "thanks"))
        #expect(duration > .zero && duration < .seconds(5))
        let requests = await recorder.requests
        #expect(requests.count == 1)
        #expect(requests.first?.method == "POST")
        #expect(requests.first?.path == "/ok")
        #expect(requests.first?.signature == "sig")
        #expect(requests.first?.body == #"{"a":1}"#)
    }

    @Test func aFiveHundredCarriesRetryAfterAndTheBody() async throws {
        let (outcome, _) = try await Self.withReceiver(Self.router(recording: Recorder())) { port in
            try await Self.withTransport { await $0.send(Self.post(port, "fail"), timeout: .seconds(5)) }
        }
        #expect(outcome == .response(status: 500, retryAfter: "7", body: "boom"))
        #expect(outcome.classification == .retryable)
    }

    @Test func onlyTheStartOfALargeBodyIsKept() async throws {
        let (outcome, _) = try await Self.withReceiver(Self.router(recording: Recorder())) { port in
            try await Self.withTransport { await $0.send(Self.post(port, "big"), timeout: .seconds(5)) }
        }
        #expect(outcome == .response(status: 502, retryAfter: nil, body: String(repeating: "x", count: HTTPTransport.responseBodyLimit)))
    }

    @Test func aRedirectIsReturnedNotFollowed() async throws {
        let recorder = Recorder()
        let (outcome, _) = try await Self.withReceiver(Self.router(recording: recorder)) { port in
            try await Self.withTransport { await $0.send(Self.post(port, "redirect"), timeout: .seconds(5)) }
        }
        #expect(outcome.status == 302)
        #expect(outcome.classification == .permanent(reason: "redirect (HTTP 302) not followed"))
        #expect(await recorder.requests.isEmpty)
    }

    @Test func aSlowReceiverTimesOut() async throws {
        let (outcome, duration) = try await Self.withReceiver(Self.router(recording: Recorder())) { port in
            try await Self.withTransport { await $0.send(Self.post(port, "slow"), timeout: .milliseconds(300)) }
        }
        #expect(outcome == .timeout)
        // Well below the receiver's 4 s, with room for a timer that fires late on a loaded machine.
        #expect(duration >= .milliseconds(300) && duration < .milliseconds(2500))
    }

    @Test func aClosedPortIsAConnectionFailure() async throws {
        let port = try await Self.withReceiver(Router()) { $0 }  // the receiver is stopped: nothing listens
        let (outcome, duration) = try await Self.withTransport { await $0.send(Self.post(port, "ok"), timeout: .seconds(5)) }
        guard case .connectionFailed(let message) = outcome else {
            Issue.record("expected a connection failure, got \(outcome)")
            return
        }
        #expect(message == "Connection refused")
        #expect(duration < .seconds(2))
    }

    @Test(arguments: ["not a url", "ftp://127.0.0.1/x", "http:///nohost"])
    func anUnusableURLIsRejected(url: String) async throws {
        let request = OutgoingRequest(method: "POST", url: url, headers: [], body: [])
        let (outcome, _) = try await Self.withTransport { await $0.send(request, timeout: .seconds(5)) }
        guard case .rejected = outcome else {
            Issue.record("expected the request to be rejected, got \(outcome)")
            return
        }
    }

    @Test func oneTransportServesManyRequests() async throws {
        let recorder = Recorder()
        let statuses = try await Self.withReceiver(Self.router(recording: recorder)) { port in
            try await Self.withTransport { transport in
                await withTaskGroup(of: Int?.self) { group in
                    for _ in 0..<20 {
                        group.addTask { await transport.send(Self.post(port, "ok"), timeout: .seconds(5)).0.status }
                    }
                    return await group.reduce(into: [Int?]()) { $0.append($1) }
                }
            }
        }
        #expect(statuses == Array(repeating: 200, count: 20))
        #expect(await recorder.requests.count == 20)
    }
}
