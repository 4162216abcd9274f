import AuditRouter
import AuditRouterServer
import GoTemplate
import Testing

/// `POST /v1/admin/sinks/{name}/replay`: dead letters re-queued with a fresh attempt budget.
@Suite("Admin API replay")
struct AdminReplayTests {
    @Test("after the receiver is fixed, replayed dead letters are delivered with their delivery ids")
    func replayAfterFix() async throws {
        let fixed = ReceiverSwitch()
        let receiver = try await TestReceiver.start { _, _ in ReceiverReply(status: fixed.isOn ? .ok : .notFound) }
        defer { receiver.stop() }
        let router = try await AdminRouter.start(sinks: [try adminSink("hook", url: receiver.url + "/hook")])
        let first = try await router.ingest()
        let second = try await router.ingest()
        let dead = try await router.waitFor("/v1/admin/dead-letters?sink=hook") { $0["total"].integer == 2 }["items"].items
        #expect(dead.count == 2)
        let firstDelivery = try #require(dead.first { $0["event_id"].text == first }?["delivery_id"].text)
        fixed.turnOn()

        let byID = try await router.post("/v1/admin/sinks/hook/replay", #"{"delivery_ids": ["\#(firstDelivery)"]}"#)
        #expect(byID.status == 200)
        #expect(byID.json["requeued"].integer == 1)
        #expect(byID.json["delivery_ids"] == [.string(firstDelivery)])
        #expect(byID.json["skipped"] == [])
        let delivered = try await router.waitFor("/v1/admin/events/\(first)") { $0["deliveries"][0]["state"].text == "delivered" }
        #expect(delivered["deliveries"][0]["state"].text == "delivered")
        #expect(delivered["deliveries"][0]["attempts"].integer == 1)  // a fresh budget: attempt 1 again
        let requests = await receiver.requests()
        #expect(requests.filter { $0.header("X-Audit-Router-Delivery") == firstDelivery }.count == 2)
        #expect(try await router.get("/v1/admin/events/\(second)").json["deliveries"][0]["state"].text == "dead")

        let rest = try await router.post("/v1/admin/sinks/hook/replay")
        #expect(rest.json["requeued"].integer == 1)
        #expect(rest.json["since"] == .null && rest.json["until"] == .null)
        let counters = try await router.waitFor("/v1/admin/sinks") { $0["sinks"][0]["counters"]["delivered"].integer == 2 }
        #expect(counters["sinks"][0]["counters"] == ["pending": 0, "retrying": 0, "delivered": 2, "dead": 0, "parked": 0])
        let log = try await router.get("/v1/admin/sinks/hook/deliveries").json
        #expect(log["total"].integer == 4)
        #expect(log["items"].items.map { $0["attempt"].integer } == [1, 1, 1, 1])
        await router.stop()
    }

    @Test("a since/until window re-queues the dead letters that died in it")
    func replayWindow() async throws {
        let receiver = try await TestReceiver.start { _, _ in ReceiverReply(status: .notFound) }
        defer { receiver.stop() }
        let router = try await AdminRouter.start(sinks: [try adminSink("hook", url: receiver.url + "/hook")])
        for _ in 0..<2 { _ = try await router.ingest() }
        try await router.waitFor("/v1/admin/dead-letters") { $0["total"].integer == 2 }
        #expect(try await router.post("/v1/admin/sinks/hook/replay", #"{"since": "2100-01-01T00:00:00Z"}"#).json["requeued"].integer == 0)
        #expect(try await router.post("/v1/admin/sinks/hook/replay", #"{"until": "2000-01-01T00:00:00Z"}"#).json["requeued"].integer == 0)
        let window = try await router.post(
            "/v1/admin/sinks/hook/replay", #"{"since": "2000-01-01T00:00:00.5Z", "until": "2100-01-01T02:00:00+02:00"}"#)
        #expect(window.status == 200)
        #expect(window.json["requeued"].integer == 2)
        #expect(window.json["since"].text == "2000-01-01T00:00:00.500Z")
        #expect(window.json["until"].text == "2100-01-01T00:00:00.000Z")
        #expect(window.json["delivery_ids"] == .missing)
        await router.stop()
    }

    @Test("bad replay requests are a 400 and re-queue nothing; other sinks' and live deliveries are skipped")
    func replayErrors() async throws {
        let receiver = try await TestReceiver.start { request, _ in ReceiverReply(status: request.path == "/ok" ? .ok : .notFound) }
        defer { receiver.stop() }
        let router = try await AdminRouter.start(sinks: [
            try adminSink("hook", url: receiver.url + "/hook"), try adminSink("other", url: receiver.url + "/other"),
            try adminSink("ok", url: receiver.url + "/ok"), try adminSink("off", url: receiver.url + "/off", enabled: false),
        ])
        let event = try await router.ingest()
        let deliveries = try await router.waitFor("/v1/admin/events/\(event)") { json in
            json["deliveries"].items.allSatisfy { $0["state"].text != "pending" }
        }["deliveries"].items
        let id = { (sink: String) in deliveries.first { $0["sink"].text == sink }?["delivery_id"].text ?? "" }
        let bodies = [
            #"{"delivery_ids": ["x"], "since": "2024-01-01T00:00:00Z"}"#, #"{"since": "yesterday"}"#, #"{"until": 5}"#,
            #"{"since": "2024-01-02T00:00:00Z", "until": "2024-01-01T00:00:00Z"}"#, #"{"ids": ["x"]}"#,
            #"{"delivery_ids": []}"#, #"{"delivery_ids": "x"}"#, #"{"delivery_ids": [1]}"#, "not json", "[]", "{",
        ]
        for body in bodies {
            let response = try await router.post("/v1/admin/sinks/hook/replay", body)
            #expect(response.status == 400, "\(body): \(response.text)")
            #expect(response.errorCode == "invalid_body", "\(body)")
        }
        #expect(try await router.get("/v1/admin/dead-letters?sink=hook").json["total"].integer == 1)

        let skipped = try await router.post("/v1/admin/sinks/hook/replay", #"{"delivery_ids": ["dlv_unknown", "\#(id("other"))", "\#(id("ok"))"]}"#)
        #expect(skipped.status == 200)
        #expect(skipped.json["requeued"].integer == 0)
        #expect(skipped.json["skipped"] == [.string("dlv_unknown"), .string(id("other")), .string(id("ok"))])
        #expect(try await router.get("/v1/admin/dead-letters").json["total"].integer == 2)

        let unknown = try await router.post("/v1/admin/sinks/nope/replay")
        #expect(unknown.status == 404)
        #expect(unknown.errorCode == "sink_not_found")
        let disabled = try await router.post("/v1/admin/sinks/off/replay")
        #expect(disabled.status == 409)
        #expect(disabled.errorCode == "sink_disabled")
        #expect(try await router.post("/v1/admin/sinks/hook/pause").status == 200)
        let paused = try await router.post("/v1/admin/sinks/hook/replay")
        #expect(paused.status == 409)
        #expect(paused.errorCode == "sink_paused")
        #expect(try await router.get("/v1/admin/dead-letters?sink=hook").json["total"].integer == 1)  // nothing re-queued
        await router.stop()
    }
}
