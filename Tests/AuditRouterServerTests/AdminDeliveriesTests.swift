import AuditRouter
import AuditRouterServer
import GoTemplate
import Testing

/// The delivery log, an event's deliveries, and dead letters.
@Suite("Admin API deliveries")
struct AdminDeliveriesTests {
    @Test("the delivery log has one row per attempt, newest first, filtered by status and paginated")
    func deliveryLog() async throws {
        let receiver = try await TestReceiver.start { _, previous in ReceiverReply(status: previous < 2 ? .internalServerError : .ok) }
        defer { receiver.stop() }
        let router = try await AdminRouter.start(sinks: [try adminSink("flaky", url: receiver.url + "/flaky", maxAttempts: 5)])
        let eventID = try await router.ingest()
        let log = try await router.waitFor("/v1/admin/sinks/flaky/deliveries") { $0["items"][0]["status"].text == "delivered" }
        #expect(log["total"].integer == 3)
        #expect(log["page"].integer == 1)
        #expect(log["limit"].integer == 50)
        let items = log["items"].items
        #expect(items.map { $0["attempt"].integer } == [3, 2, 1])
        #expect(items.map { $0["status"].text } == ["delivered", "pending", "pending"])
        #expect(items.map { $0["status_code"].integer } == [200, 500, 500])
        #expect(items.map { $0["error"] } == [.null, "HTTP 500", "HTTP 500"])
        #expect(Set(items.map { $0["event_id"].text }) == [eventID])
        #expect(Set(items.compactMap { $0["delivery_id"].text }).count == 1)
        #expect(items.allSatisfy { ($0["duration_ms"].number ?? -1) >= 0 })
        let times = items.compactMap { $0["at"].text }
        #expect(times.count == 3 && times.allSatisfy { $0.hasSuffix("Z") && $0.count == 24 })
        #expect(times == times.sorted(by: >))

        let pending = try await router.get("/v1/admin/sinks/flaky/deliveries?status=pending").json
        #expect(pending["total"].integer == 2)
        #expect(pending["items"].items.map { $0["attempt"].integer } == [2, 1])
        #expect(try await router.get("/v1/admin/sinks/flaky/deliveries?status=delivered").json["total"].integer == 1)
        let dead = try await router.get("/v1/admin/sinks/flaky/deliveries?status=dead")
        #expect(dead.status == 200)
        #expect(dead.json["total"].integer == 0)
        let second = try await router.get("/v1/admin/sinks/flaky/deliveries?limit=1&page=2").json
        #expect(second["items"].items.map { $0["attempt"].integer } == [2])
        #expect(second["total"].integer == 3)
        #expect(second["page"].integer == 2)
        #expect(second["limit"].integer == 1)
        #expect(try await router.get("/v1/admin/sinks/flaky/deliveries?page=9").json["items"].items.isEmpty)
        #expect(try await router.get("/v1/admin/sinks/flaky/deliveries?status=&page=&limit=").json["total"].integer == 3)
        #expect(try await router.get("/v1/admin/sinks/flaky/deliveries?limit=500").status == 200)
        await router.stop()
    }

    @Test("bad listing parameters are a 400 naming the parameter; an unknown sink is a 404")
    func badParameters() async throws {
        let router = try await AdminRouter.start(sinks: [try adminSink("hook", url: "http://127.0.0.1:9/")])
        let cases = [
            ("page=0", "page"), ("page=x", "page"), ("page=-1", "page"), ("page=9223372036854775807", "page"), ("page=10000001", "page"), ("limit=0", "limit"), ("limit=501", "limit"),
            ("limit=1.5", "limit"), ("status=bogus", "status"), ("status=DELIVERED", "status"),
        ]
        for (query, name) in cases {
            for path in ["/v1/admin/sinks/hook/deliveries", "/v1/admin/dead-letters"] where name != "status" || path.contains("deliveries") {
                let response = try await router.get("\(path)?\(query)")
                #expect(response.status == 400, "\(path)?\(query)")
                #expect(response.errorCode == "invalid_parameter")
                #expect(response.json["error"]["message"].text?.hasPrefix(name) == true, "\(response.text)")
            }
        }
        let unknown = try await router.get("/v1/admin/sinks/nope/deliveries")
        #expect(unknown.status == 404)
        #expect(unknown.errorCode == "sink_not_found")
        #expect(try await router.get("/v1/admin/sinks/hook/deliveries").json["items"] == [])
        await router.stop()
    }

    @Test("an event is shown as stored, with its delivery to every sink")
    func eventWithDeliveries() async throws {
        let receiver = try await TestReceiver.start { request, _ in ReceiverReply(status: request.path == "/ok" ? .ok : .notFound) }
        defer { receiver.stop() }
        let router = try await AdminRouter.start(sinks: [try adminSink("ok", url: receiver.url + "/ok"), try adminSink("gone", url: receiver.url + "/gone")])
        let id = try await router.ingest(type: "segment", action: "deleted")
        let detail = try await router.waitFor("/v1/admin/events/\(id)") { json in
            json["deliveries"].items.allSatisfy { $0["state"].text != "pending" }
        }
        #expect(detail["event"]["id"].text == id)
        #expect(detail["event"]["type"].text == "segment")
        #expect(detail["event"]["action"].text == "deleted")
        #expect(detail["event"]["source"].text == "flipt")
        #expect(detail["event"]["payload"] == ["key": "k"])
        let deliveries = detail["deliveries"].items
        #expect(deliveries.map { $0["sink"].text } == ["ok", "gone"])
        #expect(deliveries.map { $0["state"].text } == ["delivered", "dead"])
        #expect(deliveries.map { $0["last_status"].integer } == [200, 404])
        #expect(deliveries.map { $0["attempts"].integer } == [1, 1])
        #expect(deliveries.allSatisfy { $0["event_id"].text == id && $0["next_attempt_at"] == .null && $0["created_at"].text != nil })
        #expect(deliveries[1]["last_error"].text?.contains("404") == true)

        let unknown = try await router.get("/v1/admin/events/evt_unknown")
        #expect(unknown.status == 404)
        #expect(unknown.errorCode == "event_not_found")
        await router.stop()
    }

    @Test("dead letters are listed for every sink or one, most recently dead first, paginated")
    func deadLetters() async throws {
        let receiver = try await TestReceiver.start { _, _ in ReceiverReply(status: .notFound) }
        defer { receiver.stop() }
        let router = try await AdminRouter.start(sinks: [try adminSink("a", url: receiver.url + "/a"), try adminSink("b", url: receiver.url + "/b")])
        for _ in 0..<3 { _ = try await router.ingest() }
        let all = try await router.waitFor("/v1/admin/dead-letters") { $0["total"].integer == 6 }
        #expect(all["total"].integer == 6)
        #expect(all["items"].items.allSatisfy { $0["state"].text == "dead" && $0["last_status"].integer == 404 })
        let times = all["items"].items.compactMap { $0["updated_at"].text }
        #expect(times == times.sorted(by: >))
        let a = try await router.get("/v1/admin/dead-letters?sink=a").json
        #expect(a["total"].integer == 3)
        #expect(a["items"].items.allSatisfy { $0["sink"].text == "a" })
        let page = try await router.get("/v1/admin/dead-letters?sink=a&limit=2&page=2").json
        #expect(page["items"].items.count == 1)
        #expect(page["total"].integer == 3)
        let unknown = try await router.get("/v1/admin/dead-letters?sink=nope")
        #expect(unknown.status == 404 && unknown.json["error"]["code"].text == "sink_not_found", "\(unknown.text)")
        await router.stop()
    }
}
