import AuditRouter
import AuditRouterServer
import Foundation
import GoTemplate
import Testing

/// `GET /v1/admin/sinks`, pause and resume, and the test attempt.
@Suite("Admin API sinks")
struct AdminSinksTests {
    @Test("every configured sink is listed with its settings, secrets redacted, and its state")
    func listsSinks() async throws {
        let linesPath = FileManager.default.temporaryDirectory.appendingPathComponent("admin-lines-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: linesPath) }
        let hook = try adminSink(
            "hook", url: "http://127.0.0.1:9/services/T0001/SECRETPATH0123456789abc?api_key=SECRET-Q&team=ops",
            headers: [
                ("Authorization", "Bearer SECRET-A"), ("X-API-Key", "SECRET-K"), ("X-Custom-Token", "SECRET-T"),
                ("X-Webhook-Secret", "SECRET-W"), ("X-Trace", "visible"),
            ],
            events: ["flag:*", "*:deleted"], maxAttempts: 3, signing: SigningSettings(scheme: .github, secret: "SECRET-S"))
        let off = try adminSink("off", url: "http://127.0.0.1:9/off", enabled: false)
        let lines = try SinkConfiguration(name: "lines", kind: .file, filePath: linesPath, namespaces: ["prod"], timeout: .milliseconds(1500))
        let router = try await AdminRouter.start(sinks: [hook, off, lines])
        let response = try await router.get("/v1/admin/sinks")
        #expect(response.status == 200)
        #expect(!response.text.contains("SECRET"), "a secret leaked: \(response.text)")
        let sinks = response.json["sinks"].items
        #expect(sinks.map { $0["name"].text } == ["hook", "off", "lines"])
        #expect(sinks.map { $0["state"].text } == ["running", "disabled", "running"])

        let settings = sinks[0]["settings"]
        #expect(settings["type"].text == "http")
        #expect(settings["enabled"] == .bool(true))
        #expect(settings["url"].text == "http://127.0.0.1:9/services/T0001/***?api_key=***&team=ops")
        #expect(settings["method"].text == "POST")
        #expect(settings["headers"] == [
            "Authorization": "***", "X-API-Key": "***", "X-Custom-Token": "***", "X-Webhook-Secret": "***",
            "X-Trace": "visible", "Content-Type": "application/json",
        ])
        #expect(settings["signing"] == ["scheme": "github", "secret": "***"])
        #expect(settings["events"] == ["flag:*", "*:deleted"])
        #expect(settings["namespaces"] == .null)
        #expect(settings["timeout"].text == "10s")
        #expect(settings["concurrency"].integer == 4)
        #expect(settings["retry"] == [
            "max_attempts": 3, "initial_backoff": "50ms", "multiplier": 2, "max_backoff": "100ms", "max_elapsed": "24h",
            "jitter": 0,  // JSON numbers without a fraction read back as integers
        ])
        #expect(sinks[0]["counters"] == ["pending": 0, "retrying": 0, "delivered": 0, "dead": 0, "parked": 0])
        #expect(sinks[0]["last_success"] == .null)
        #expect(sinks[0]["last_error"] == .null)
        #expect(sinks[1]["settings"]["enabled"] == .bool(false))
        #expect(sinks[2]["settings"]["type"].text == "file")
        #expect(sinks[2]["settings"]["path"].text == linesPath)
        #expect(sinks[2]["settings"]["namespaces"] == ["prod"])
        #expect(sinks[2]["settings"]["timeout"].text == "1s500ms")
        #expect(sinks[2]["settings"]["events"] == ["*:*"])
        await router.stop()
    }

    @Test("counters and the last success and error follow deliveries")
    func countersFollowDeliveries() async throws {
        let receiver = try await TestReceiver.start { request, _ in
            ReceiverReply(status: request.path == "/ok" ? .ok : request.path == "/busy" ? .serviceUnavailable : .notFound)
        }
        defer { receiver.stop() }
        let router = try await AdminRouter.start(sinks: [
            try adminSink("ok", url: receiver.url + "/ok"), try adminSink("gone", url: receiver.url + "/gone"),
            try adminSink("busy", url: receiver.url + "/busy", maxAttempts: 1000),
        ])
        _ = try await router.ingest()
        let sinks = try await router.waitFor("/v1/admin/sinks") { json in
            // Health follows the spool a moment after each attempt is recorded.
            json["sinks"][0]["counters"]["delivered"].integer == 1 && json["sinks"][1]["counters"]["dead"].integer == 1
                && json["sinks"][0]["last_success"].text != nil && json["sinks"][1]["last_error"].text != nil
                && json["sinks"][2]["counters"]["retrying"].integer == 1
        }["sinks"]
        #expect(sinks[0]["counters"] == ["pending": 0, "retrying": 0, "delivered": 1, "dead": 0, "parked": 0])
        #expect(sinks[0]["last_success"].text?.hasSuffix("Z") == true)
        #expect(sinks[0]["last_error"] == .null)
        #expect(sinks[1]["counters"] == ["pending": 0, "retrying": 0, "delivered": 0, "dead": 1, "parked": 0])
        #expect(sinks[2]["counters"] == ["pending": 1, "retrying": 1, "delivered": 0, "dead": 0, "parked": 0])
        #expect(sinks[1]["last_success"] == .null)
        #expect(sinks[1]["last_error"].text == "HTTP 404")
        #expect(sinks[1]["last_failure"].text != nil)
        await router.stop()
    }

    @Test("a paused sink's deliveries are parked (outside max_pending) until it is resumed")
    func pauseAndResume() async throws {
        let receiver = try await TestReceiver.start()
        defer { receiver.stop() }
        let router = try await AdminRouter.start(sinks: [
            try adminSink("hook", url: receiver.url + "/hook"), try adminSink("off", url: receiver.url + "/off", enabled: false),
        ])
        let paused = try await router.post("/v1/admin/sinks/hook/pause", #"{"reason": "receiver maintenance"}"#)
        #expect(paused.status == 200)
        #expect(paused.json["state"].text == "paused")
        #expect(paused.json["pause_reason"].text == "receiver maintenance")
        #expect(paused.json["parked"].integer == 0)
        _ = try await router.ingest()
        try await Task.sleep(for: .milliseconds(700))
        #expect(await receiver.requests().isEmpty)
        let listed = try await router.get("/v1/admin/sinks").json["sinks"][0]
        #expect(listed["state"].text == "paused")
        #expect(listed["counters"]["pending"].integer == 0)
        #expect(listed["counters"]["dead"].integer == 1)
        let parked = try await router.get("/v1/admin/dead-letters?sink=hook").json["items"][0]
        #expect(parked["last_error"].text == Spool.parkedReason)

        let resumed = try await router.post("/v1/admin/sinks/hook/resume")
        #expect(resumed.status == 200)
        #expect(resumed.json["state"].text == "running")
        #expect(resumed.json["pause_reason"] == .null)
        #expect(resumed.json["requeued"].integer == 1)
        #expect(await receiver.waitFor { $0.count == 1 }.count == 1)

        #expect(try await router.post("/v1/admin/sinks/hook/pause").json["pause_reason"].text == "paused through the admin API")
        #expect(try await router.post("/v1/admin/sinks/nope/pause").errorCode == "sink_not_found")
        #expect(try await router.post("/v1/admin/sinks/nope/resume").status == 404)
        let disabled = try await router.post("/v1/admin/sinks/off/pause")
        #expect(disabled.status == 409)
        #expect(disabled.errorCode == "sink_disabled")
        let bad = try await router.post("/v1/admin/sinks/hook/pause", #"{"why": "x"}"#)
        #expect(bad.status == 400)
        #expect(bad.errorCode == "invalid_body")
        #expect(try await router.post("/v1/admin/sinks/hook/pause", "[1]").status == 400)
        let resumeWithReason = try await router.post("/v1/admin/sinks/hook/resume", #"{"reason": "x"}"#)
        #expect(resumeWithReason.status == 400)
        #expect(resumeWithReason.json["error"]["message"].text == #"unknown field "reason" (it takes none)"#, "\(resumeWithReason.text)")
        await router.stop()
    }

    /// Where the test attempt's file sink writes.
    static let eventsFile = FileManager.default.temporaryDirectory.appendingPathComponent("audit-router-test-\(UUID().uuidString)/events.jsonl")

    @Test("a test attempt goes out now, bypassing filters, stores nothing, and reports its result")
    func testAttempt() async throws {
        let receiver = try await TestReceiver.start { request, _ in ReceiverReply(status: request.path == "/fail" ? .internalServerError : .ok) }
        defer { receiver.stop() }
        let router = try await AdminRouter.start(sinks: [
            try adminSink("ok", url: receiver.url + "/ok", events: ["segment:deleted"]),
            try adminSink("fail", url: receiver.url + "/fail"), try adminSink("closed", url: "http://127.0.0.1:9/"),
            try SinkConfiguration(name: "file", kind: .file, filePath: Self.eventsFile.path),
        ])
        defer { try? FileManager.default.removeItem(at: Self.eventsFile.deletingLastPathComponent()) }
        let ok = try await router.post("/v1/admin/sinks/ok/test")
        #expect(ok.status == 200)
        #expect(ok.json["delivered"] == .bool(true))
        #expect(ok.json["status_code"].integer == 200)
        #expect(ok.json["error"] == .null)
        #expect(ok.json["delivery_id"].text?.hasPrefix("dlv_") == true)
        #expect(ok.json["event_id"].text?.hasPrefix("evt_") == true)
        #expect((ok.json["duration_ms"].number ?? -1) >= 0)
        let received = await receiver.requests()
        #expect(received.count == 1)
        #expect(received.first?.header("X-Audit-Router-Event") == "test:created")
        #expect(received.first?.header("X-Audit-Router-Delivery") == ok.json["delivery_id"].text)

        let fail = try await router.post("/v1/admin/sinks/fail/test").json
        #expect(fail["delivered"] == .bool(false))
        #expect(fail["status_code"].integer == 500)
        #expect(fail["error"].text == "HTTP 500")
        let closed = try await router.post("/v1/admin/sinks/closed/test").json
        #expect(closed["delivered"] == .bool(false))
        #expect(closed["status_code"] == .null)
        #expect(closed["error"].text?.hasPrefix("connection failed") == true)
        let file = try await router.post("/v1/admin/sinks/file/test").json
        #expect(file["delivered"] == .bool(true) && file["status_code"] == .null && file["summary"].text == "written", "\(file)")
        let written = try String(contentsOf: Self.eventsFile, encoding: .utf8)
        #expect(written.contains(#""type":"test""#), "\(written)")

        let unknown = try await router.post("/v1/admin/sinks/nope/test")
        #expect(unknown.status == 404)
        #expect(unknown.errorCode == "sink_not_found")
        let sinks = try await router.get("/v1/admin/sinks").json["sinks"].items
        #expect(sinks.allSatisfy { $0["counters"] == ["pending": 0, "retrying": 0, "delivered": 0, "dead": 0, "parked": 0] })
        await router.stop()
    }
}
