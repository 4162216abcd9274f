import AuditRouter
import AuditRouterServer
import Foundation
import GoTemplate
import Testing

/// Operator alerts against the real binary: raised as events, delivered to the sinks whose
/// `alerts` select them, grouped, never about or to the sink itself, and kept across a shutdown.
@Suite("Operator alerts", .serialized)
struct OperatorAlertTests {
    static let event = RouterOperationsTests.event
    static let token = "alert-admin-token"

    static func config(alerting: String, _ sinks: String) -> String {
        """
        server:
          listen: 127.0.0.1:{{PORT}}
          admin_token: \(token)
        spool:
          path: {{DIR}}/spool.sqlite
        alerting:
        \(alerting)
        sinks:
        \(sinks)
        """
    }

    /// A sink `broken` (one attempt at a time) and a sink `ops` taking only the alerts `alerts`.
    static func brokenAndOps(_ receiver: TestReceiver, alerting: String, alerts: String) -> String {
        config(alerting: alerting, """
              - name: broken
                url: \(receiver.url)/broken
                concurrency: 1
              - name: ops
                url: \(receiver.url)/ops
                events: []
                alerts: ["\(alerts)"]
            """)
    }

    /// The alerts a receiver got on `path`, as JSON, in arrival order.
    static func alerts(_ requests: [ReceivedRequest], path: String) -> [Value] {
        requests.filter { $0.path == path }.compactMap { try? Value(json: $0.body) }
    }

    static func named(_ alerts: [Value], _ name: String) -> [Value] {
        alerts.filter { "\($0["type"].text ?? ""):\($0["action"].text ?? "")" == name }
    }

    @Test("a sink whose deliveries die raises sink:failing and delivery:dead (the first at once, the rest grouped), then sink:recovered; only the alert sink gets them")
    func failingDeadAndRecovered() async throws {
        let healthy = ReceiverSwitch()
        let receiver = try await TestReceiver.start { request, _ in
            request.path == "/broken" && !healthy.isOn ? ReceiverReply(status: .badRequest) : ReceiverReply()
        }
        defer { receiver.stop() }
        let router = try RouterProcess(config: Self.brokenAndOps(receiver, alerting: "  failing_after: 2\n  group_interval: 2s", alerts: "*:*"))
        try await router.start()
        defer { router.kill() }
        for _ in 0..<5 {
            let (status, _) = try await HTTP.postJSON(router.baseURL + "/v1/events", Self.event)
            #expect(status == 202)
        }
        // 4xx is permanent: five dead letters at once. One alert now, the others grouped (four in
        // one alert when they die within the interval, as they do unless the machine stalls).
        func deadLetters(_ requests: [ReceivedRequest]) -> Int {
            Self.named(Self.alerts(requests, path: "/ops"), "delivery:dead").compactMap { $0["payload"]["dead_letters"].integer }.reduce(0, +)
        }
        let received = await receiver.waitFor { deadLetters($0) >= 5 }
        let alerts = Self.alerts(received, path: "/ops")
        let dead = Self.named(alerts, "delivery:dead")
        try #require(deadLetters(received) == 5 && dead.count >= 2, "alerts: \(alerts)\n\(router.output())")
        #expect(dead[0]["payload"]["dead_letters"].integer == 1)
        #expect(dead.allSatisfy { $0["payload"]["sink"].text == "broken" && $0["payload"]["status_code"].integer == 400 })
        #expect(dead[1]["payload"]["event_type"].text == "flag:updated")
        #expect(dead[1]["payload"]["error"].text?.contains("HTTP 400") == true)
        // Flipt's envelope, from the router itself.
        #expect(dead[0]["version"].text == "0.2")
        #expect(dead[0]["status"].text == "success")
        #expect(dead[0]["metadata"]["actor"]["name"].text == "audit-router")
        let failing = Self.named(alerts, "sink:failing")
        #expect(failing.count == 1)
        #expect(failing.first?["payload"]["consecutive_failures"].integer == 2)
        #expect(received.filter { $0.path == "/broken" }.count == 5)
        #expect(alerts.allSatisfy { ["sink", "delivery"].contains($0["type"].text) }, "the alert sink got no audit event: \(alerts)")

        healthy.turnOn()
        _ = try await HTTP.postJSON(router.baseURL + "/v1/events", Self.event)
        let afterRecovery = await receiver.waitFor { Self.named(Self.alerts($0, path: "/ops"), "sink:recovered").count >= 1 }
        let recovered = Self.named(Self.alerts(afterRecovery, path: "/ops"), "sink:recovered")
        #expect(recovered.count == 1)
        #expect(recovered.first?["payload"]["failed_attempts"].integer == 5)
        #expect(recovered.first?["payload"]["description"].text == "broken delivers again after 5 failed attempts")

        let (_, metrics) = try await HTTP.request("GET", router.baseURL + "/metrics")
        #expect(metrics.contains(#"audit_router_alerts_total{alert="delivery:dead",sink="broken"} 2"#))
        #expect(metrics.contains(#"audit_router_alerts_total{alert="sink:failing",sink="broken"} 1"#))
    }

    @Test("pausing (automatically or through the admin API) and resuming raise sink:paused and sink:resumed; alerts about a sink never go to it")
    func pausedAndResumed() async throws {
        let receiver = try await TestReceiver.start { request, _ in
            request.path == "/flaky" ? ReceiverReply(status: .internalServerError) : ReceiverReply()
        }
        defer { receiver.stop() }
        let router = try RouterProcess(config: Self.config(alerting: "  failing_after: 100", """
              - name: flaky
                url: \(receiver.url)/flaky
                pause_after: 1ms
                retry: {initial_backoff: 10ms, max_backoff: 10ms, jitter: 0}
              - name: ops
                url: \(receiver.url)/ops
                events: []
                alerts: ["sink:paused", "sink:resumed"]
              - name: audit
                url: \(receiver.url)/audit
            """))
        try await router.start()
        defer { router.kill() }
        _ = try await HTTP.postJSON(router.baseURL + "/v1/events", Self.event)
        let automatic = await receiver.waitFor { Self.named(Self.alerts($0, path: "/ops"), "sink:paused").count >= 1 }
        let paused = Self.named(Self.alerts(automatic, path: "/ops"), "sink:paused")
        try #require(paused.count == 1, "\(router.output())")
        #expect(paused[0]["payload"]["sink"].text == "flaky")
        #expect(paused[0]["payload"]["automatic"] == .bool(true))
        #expect(paused[0]["payload"]["reason"].text?.hasPrefix("paused automatically: every attempt failed for") == true)

        let admin = [("Authorization", "Bearer \(Self.token)"), ("Content-Type", "application/json")]
        let (resumed, _) = try await HTTP.request("POST", router.baseURL + "/v1/admin/sinks/flaky/resume", headers: admin, body: Array("{}".utf8))
        #expect(resumed == 200)
        let (pausedAudit, _) = try await HTTP.request(
            "POST", router.baseURL + "/v1/admin/sinks/audit/pause", headers: admin, body: Array(#"{"reason":"maintenance"}"#.utf8))
        #expect(pausedAudit == 200)
        // Pausing the alert sink itself raises an alert no sink receives: it is only logged.
        let (pausedOps, _) = try await HTTP.request("POST", router.baseURL + "/v1/admin/sinks/ops/pause", headers: admin, body: Array("{}".utf8))
        #expect(pausedOps == 200)
        try await waitForLog(router, "alert=sink:paused description=ops paused through the admin API")
        let (resumedOps, _) = try await HTTP.request("POST", router.baseURL + "/v1/admin/sinks/ops/resume", headers: admin, body: Array("{}".utf8))
        #expect(resumedOps == 200)

        // Resumed, flaky fails again and is paused again: a second automatic alert.
        let all = await receiver.waitFor { requests in
            let alerts = Self.alerts(requests, path: "/ops")
            return Self.named(alerts, "sink:resumed").count >= 1 && Self.named(alerts, "sink:paused").count >= 3
        }
        let alerts = Self.alerts(all, path: "/ops")
        let resumedAlerts = Self.named(alerts, "sink:resumed")
        #expect(resumedAlerts.map { $0["payload"]["sink"].text } == ["flaky"])
        #expect(resumedAlerts.first?["payload"]["requeued"].integer != nil)
        let pausedAlerts = Self.named(alerts, "sink:paused")
        #expect(pausedAlerts.map { $0["payload"]["sink"].text ?? "" }.sorted() == ["audit", "flaky", "flaky"], "\(alerts)")
        let audit = pausedAlerts.first { $0["payload"]["sink"].text == "audit" }
        #expect(audit?["payload"]["reason"].text == "maintenance")
        #expect(audit?["payload"]["automatic"] == .bool(false))
        #expect(alerts.allSatisfy { $0["payload"]["sink"].text != "ops" })
        #expect(all.filter { $0.path == "/audit" }.count == 1, "the audit sink got its event, and no alert")
    }

    @Test("dead letters still held for grouping at SIGTERM are committed, and delivered after the restart")
    func groupedAlertsSurviveShutdown() async throws {
        let receiver = try await TestReceiver.start { request, _ in
            request.path == "/broken" ? ReceiverReply(status: .unprocessableContent) : ReceiverReply()
        }
        defer { receiver.stop() }
        let router = try RouterProcess(config: Self.brokenAndOps(receiver, alerting: "  group_interval: 1h", alerts: "delivery:dead"))
        try await router.start()
        defer { router.kill() }
        for _ in 0..<3 { _ = try await HTTP.postJSON(router.baseURL + "/v1/events", Self.event) }
        let first = await receiver.waitFor { requests in
            requests.filter { $0.path == "/broken" }.count >= 3 && Self.alerts(requests, path: "/ops").count >= 1
        }
        #expect(Self.alerts(first, path: "/ops").map { $0["payload"]["dead_letters"].integer } == [1])
        // The last two dead letters are held for the hour; SIGTERM records them and commits their alert.
        #expect(await router.terminate() == 0)
        #expect(Self.alerts(await receiver.waitFor(timeout: .zero) { _ in true }, path: "/ops").count == 1)
        try await router.start()
        let after = await receiver.waitFor { Self.alerts($0, path: "/ops").count >= 2 }
        let dead = Self.named(Self.alerts(after, path: "/ops"), "delivery:dead")
        #expect(dead.map { $0["payload"]["dead_letters"].integer } == [1, 2], "\(router.output())")
    }

    @Test("alert sinks that are dead themselves raise no alerts about their alerts: the count stays bounded")
    func deadAlertSinksDoNotLoop() async throws {
        let receiver = try await TestReceiver.start { _, _ in ReceiverReply(status: .badRequest) }
        defer { receiver.stop() }
        let router = try RouterProcess(config: Self.config(alerting: "  failing_after: 1\n  group_interval: 100ms", """
              - name: broken
                url: \(receiver.url)/broken
              - name: ops-a
                url: \(receiver.url)/a
                events: []
                alerts: ["*:*"]
              - name: ops-b
                url: \(receiver.url)/b
                events: []
                alerts: ["*:*"]
            """))
        try await router.start()
        defer { router.kill() }
        _ = try await HTTP.postJSON(router.baseURL + "/v1/events", Self.event)
        // broken: failing + dead, each to a and b (4 requests); then a and b fail: each raises
        // failing about itself (to the other) and dead letters of alerts raise nothing.
        _ = await receiver.waitFor { $0.count >= 7 }
        try await Task.sleep(for: .seconds(2))
        let settled = await receiver.waitFor(timeout: .zero) { _ in true }
        #expect(settled.filter { $0.path == "/broken" }.count == 1)
        #expect(settled.filter { $0.path == "/a" }.count == 3, "\(settled.map(\.path)) \(router.output())")
        #expect(settled.filter { $0.path == "/b" }.count == 3)
        let aboutAlertSinks = (Self.alerts(settled, path: "/a") + Self.alerts(settled, path: "/b")).filter { $0["payload"]["sink"].text != "broken" }
        #expect(aboutAlertSinks.allSatisfy { "\($0["type"].text ?? ""):\($0["action"].text ?? "")" == "sink:failing" })
    }

    @Test("alerts pass a full spool: past max_pending, ingest is refused but an alert still reaches its sink")
    func alertsPassAFullSpool() async throws {
        // /stuck holds its answers far longer than the test: max_pending stays full throughout.
        let receiver = try await TestReceiver.start { request, _ in
            request.path == "/stuck" ? ReceiverReply(delay: .seconds(60)) : ReceiverReply()
        }
        defer { receiver.stop() }
        let router = try RouterProcess(config: """
            server:
              listen: 127.0.0.1:{{PORT}}
              admin_token: \(Self.token)
            spool:
              path: {{DIR}}/spool.sqlite
              max_pending: 2
            sinks:
              - name: stuck
                url: \(receiver.url)/stuck
                concurrency: 1
                timeout: 120s
              - name: spare
                url: \(receiver.url)/spare
                events: ["segment:*"]
              - name: ops
                url: \(receiver.url)/ops
                events: []
                alerts: ["sink:paused"]
            """)
        try await router.start()
        defer { router.kill() }
        for _ in 0..<2 {
            let (status, text) = try await HTTP.postJSON(router.baseURL + "/v1/events", Self.event)
            #expect(status == 202, "\(text)")
        }
        let (refused, _) = try await HTTP.postJSON(router.baseURL + "/v1/events", Self.event)
        #expect(refused == 503)
        let admin = [("Authorization", "Bearer \(Self.token)"), ("Content-Type", "application/json")]
        let (paused, text) = try await HTTP.request("POST", router.baseURL + "/v1/admin/sinks/spare/pause", headers: admin, body: Array("{}".utf8))
        #expect(paused == 200, "\(text)")
        let received = await receiver.waitFor { Self.alerts($0, path: "/ops").count >= 1 }
        let alerts = Self.named(Self.alerts(received, path: "/ops"), "sink:paused")
        #expect(alerts.map { $0["payload"]["sink"].text } == ["spare"], "\(router.output())")
    }
}
