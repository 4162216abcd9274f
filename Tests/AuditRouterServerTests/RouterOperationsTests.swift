import AuditRouter
import AuditRouterServer
import Foundation
import GoTemplate
import Synchronization
import Testing

/// Operating the router: reload on SIGHUP, backpressure, auto-pause, against the real binary.
@Suite("Router operations", .serialized)
struct RouterOperationsTests {
    static let event = #"{"type":"flag","action":"updated","payload":{"key":"k"}}"#

    @Test("SIGHUP loads a new configuration; a broken one is rejected and the running one kept")
    func reloadOnSIGHUP() async throws {
        let receiver = try await TestReceiver.start()
        defer { receiver.stop() }
        let first = RouterEndToEndTests.config("""
              - name: a
                url: \(receiver.url)/a
            """)
        let router = try RouterProcess(config: first)
        try await router.start()
        defer { router.kill() }
        _ = try await HTTP.postJSON(router.baseURL + "/v1/events", Self.event)
        _ = await receiver.waitFor { $0.count >= 1 }

        try router.rewriteConfig(RouterEndToEndTests.config("""
              - name: a
                url: \(receiver.url)/a
              - name: b
                url: \(receiver.url)/b
            """))
        router.send(SIGHUP)
        try await waitForLog(router, "configuration reloaded")
        _ = try await HTTP.postJSON(router.baseURL + "/v1/events", Self.event)
        let afterReload = await receiver.waitFor { $0.count >= 3 }
        #expect(afterReload.filter { $0.path == "/b" }.count == 1)

        try router.rewriteConfig("sinks:\n  - name: broken\n    url: x\n    timeout: soon\n")
        router.send(SIGHUP)
        try await waitForLog(router, "reload rejected")
        let (status, _) = try await HTTP.postJSON(router.baseURL + "/v1/events", Self.event)
        #expect(status == 202)
        let afterRejected = await receiver.waitFor { $0.count >= 5 }
        #expect(afterRejected.filter { $0.path == "/a" }.count == 3)
        #expect(afterRejected.filter { $0.path == "/b" }.count == 2)
    }

    @Test("past spool.max_pending, ingest answers 503 with Retry-After and stores nothing")
    func backpressure() async throws {
        // Held far longer than the test: max_pending stays full throughout.
        let receiver = try await TestReceiver.start { _, _ in ReceiverReply(delay: .seconds(60)) }
        defer { receiver.stop() }
        let router = try RouterProcess(config: """
            server:
              listen: 127.0.0.1:{{PORT}}
            spool:
              path: {{DIR}}/spool.sqlite
              max_pending: 3
            sinks:
              - name: stuck
                url: \(receiver.url)/stuck
                concurrency: 1
                timeout: 120s
            """)
        try await router.start()
        defer { router.kill() }
        for _ in 0..<3 {
            let (status, _) = try await HTTP.postJSON(router.baseURL + "/v1/events", Self.event)
            #expect(status == 202)
        }
        let refused = try await HTTP.exchange(
            "POST", router.baseURL + "/v1/events", headers: [("Content-Type", "application/json")], body: Array(Self.event.utf8))
        #expect(refused.status == 503)
        #expect(refused.text.contains("backpressure"))
        #expect(refused.headers["retry-after"] == "5")
        // A broken request is named as such even when full: retrying it later would not help.
        let malformed = try await HTTP.exchange(
            "POST", router.baseURL + "/v1/events", headers: [("Content-Type", "application/json")], body: Array("{\"version\":".utf8))
        #expect(malformed.status == 400, "\(malformed.text)")
        let (readyStatus, _) = try await HTTP.request("GET", router.baseURL + "/readyz")
        #expect(readyStatus == 503)
        let spool = try Spool(path: router.directory.appendingPathComponent("spool.sqlite").path)
        let counts = try await spool.counts(sink: "stuck")
        #expect(counts.pending + counts.delivered + counts.dead == 3)
    }

    @Test("a sink failing for pause_after is paused: no more attempts, its deliveries parked outside max_pending, resumed in full")
    func autoPause() async throws {
        let up = Switch()
        let receiver = try await TestReceiver.start { _, _ in ReceiverReply(status: up.isOn ? .ok : .serviceUnavailable) }
        defer { receiver.stop() }
        let router = try RouterProcess(config: """
            server:
              listen: 127.0.0.1:{{PORT}}
              admin_token: admin-secret
            spool:
              path: {{DIR}}/spool.sqlite
              max_pending: 3
            sinks:
              - name: down
                url: \(receiver.url)/down
                pause_after: 400ms
                retry: { initial_backoff: 100ms, max_backoff: 100ms, jitter: 0, max_attempts: 1000 }
            """)
        try await router.start()
        defer { router.kill() }
        _ = try await HTTP.postJSON(router.baseURL + "/v1/events", Self.event)
        try await waitForLog(router, "deliveries parked until the sink is resumed")
        let atPause = await receiver.requests().count
        // Far past max_pending: a paused sink's deliveries do not count, so ingest goes on.
        for _ in 0..<6 {
            let (status, text) = try await HTTP.postJSON(router.baseURL + "/v1/events", Self.event)
            #expect(status == 202, "\(text)")
            #expect(text.contains(#""parked":1"#), "\(text)")
        }
        try await Task.sleep(for: .seconds(1))
        let later = await receiver.requests().count
        #expect(later <= atPause + 1, "attempts went on after the pause: \(atPause) → \(later)")
        let spool = try Spool(path: router.directory.appendingPathComponent("spool.sqlite").path)
        let paused = try await spool.counts(sink: "down")
        #expect(paused.pending + paused.dead == 7)
        #expect(paused.dead >= 6 && paused.parked == paused.dead, "\(paused)")
        let (_, pausedMetrics) = try await HTTP.request("GET", router.baseURL + "/metrics")
        #expect(pausedMetrics.contains(#"audit_router_sink_paused{sink="down"} 1.0"#), "\(pausedMetrics)")

        up.turnOn()
        let (status, text) = try await HTTP.request(
            "POST", router.baseURL + "/v1/admin/sinks/down/resume", headers: [("Authorization", "Bearer admin-secret")])
        #expect(status == 200, "\(text)")
        #expect(text.contains(#""requeued":"#), "\(text)")
        let (_, resumedMetrics) = try await HTTP.request("GET", router.baseURL + "/metrics")
        #expect(resumedMetrics.contains(#"audit_router_sink_paused{sink="down"} 0.0"#), "\(resumedMetrics)")
        let deliveryIDs: @Sendable ([ReceivedRequest]) -> Set<String> = { Set($0.dropFirst(later).compactMap { $0.header("X-Audit-Router-Delivery") }) }
        let delivered = await receiver.waitFor { deliveryIDs($0).count >= 7 }
        #expect(deliveryIDs(delivered).count == 7)
        // The receiver sees an attempt just before the router records its outcome.
        #expect(try await spool.waitForCounts(sink: "down") { $0.delivered == 7 }.delivered == 7)
    }

    @Test("server.idle_timeout closes a connection stalled mid-request and one idle between requests; others are served")
    func idleTimeout() async throws {
        let router = try RouterProcess(config: RouterEndToEndTests.config("""
              - name: out
                type: stdout
            """, server: "  idle_timeout: 1s"))
        try await router.start()
        defer { router.kill() }
        let clock = ContinuousClock()
        let stalled = RawHTTP.open(port: router.port, timeout: 20)
        defer { close(stalled) }
        RawHTTP.write(stalled, Array("POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{".utf8))
        let idle = RawHTTP.open(port: router.port, timeout: 20)
        defer { close(idle) }
        let started = clock.now
        for fd in [stalled, idle] {
            var byte: UInt8 = 0
            let received = recv(fd, &byte, 1, 0)  // blocks until the server closes (0), or the 20 s timeout (-1)
            #expect(received <= 0 && clock.now - started < .seconds(10), "recv \(received) after \(clock.now - started)")
        }
        let (status, text) = try await HTTP.postJSON(router.baseURL + "/v1/events", Self.event)
        #expect(status == 202, "\(text)")
    }
}

/// A flag a test turns on while a receiver reads it.
final class Switch: Sendable {
    private let on = Mutex(false)
    var isOn: Bool { on.withLock { $0 } }
    func turnOn() { on.withLock { $0 = true } }
}

/// Waits (bounded) until the router's log contains `text`.
func waitForLog(_ router: RouterProcess, _ text: String, timeout: Duration = .seconds(15)) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if router.output().contains(text) { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    throw TestFailure("no \"\(text)\" in the router's log within \(timeout):\n\(router.output())")
}
