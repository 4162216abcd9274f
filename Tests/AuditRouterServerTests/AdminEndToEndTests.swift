import Foundation
import GoTemplate
import Synchronization
import Testing

/// The admin API and the other operator endpoints (`/metrics`, `/openapi.json`) against the real
/// `audit-router serve` binary: real receivers on 127.0.0.1, real HTTP, the spool on disk.
/// (The in-process tests of the same routes are the `Admin*Tests`.)
@Suite("Admin API end to end", .serialized)
struct AdminEndToEndTests {
    static let token = "e2e-admin-token"

    /// A config with `server.admin_token` (none when nil), extra `spool:` keys (indented by 2) and
    /// sinks (YAML list items, indented by 2).
    static func config(token: String? = token, spool: String = "", _ sinks: String) -> String {
        """
        server:
          listen: 127.0.0.1:{{PORT}}
        \(token.map { "  admin_token: \($0)" } ?? "")
        spool:
          path: {{DIR}}/spool.sqlite
        \(spool)
        sinks:
        \(sinks)
        """
    }

    // MARK: 1. Auth

    @Test("without server.admin_token the admin API is off (404 admin_disabled); with one, no or a wrong token is 401 and the right one 200")
    func authentication() async throws {
        let receiver = try await TestReceiver.start()
        defer { receiver.stop() }
        let sinks = """
              - name: hook
                url: \(receiver.url)/hook
            """
        let router = try RouterProcess(config: Self.config(token: nil, sinks))
        try await router.start()
        defer { router.kill() }

        // Off, not open: every admin route answers 404, whatever the request carries.
        for (method, path) in [("GET", "/v1/admin/sinks"), ("GET", "/v1/admin/dead-letters"), ("POST", "/v1/admin/reload"),
                               ("POST", "/v1/admin/sinks/hook/test"), ("GET", "/v1/admin/sinks/hook/deliveries")] {
            for token in [nil, "anything", ""] as [String?] {
                let answer = try await send(router, method, path, token: token)
                #expect(answer.status == 404, "\(method) \(path) with token \(token ?? "nil"): \(answer.status) \(answer.text)")
                #expect(answer.errorCode == "admin_disabled", "\(answer.text)")
                #expect(!answer.text.contains(#""sinks""#))
            }
        }
        #expect(await receiver.requests().isEmpty, "a test delivery went out through the disabled admin API")
        // The probes and the document need no token and stay served.
        #expect(try await send(router, "GET", "/healthz", token: nil).status == 200)
        #expect(try await send(router, "GET", "/openapi.json", token: nil).status == 200)

        // Turned on by a reload (the token is read at each request).
        try router.rewriteConfig(Self.config(sinks))
        router.send(SIGHUP)
        try await waitForLog(router, "configuration reloaded")

        let missing = try await send(router, "GET", "/v1/admin/sinks", token: nil)
        #expect(missing.status == 401, "\(missing.text)")
        #expect(missing.errorCode == "unauthorized")
        #expect(missing.headers["www-authenticate"] == "Bearer")
        let wrong = try await send(router, "GET", "/v1/admin/sinks", token: "e2e-admin-tokeN")
        #expect(wrong.status == 401, "\(wrong.text)")
        #expect(wrong.errorCode == "unauthorized")
        let prefix = try await send(router, "GET", "/v1/admin/sinks", token: "e2e-admin")
        #expect(prefix.status == 401, "\(prefix.text)")
        let basic = try await send(router, "GET", "/v1/admin/sinks", token: nil, headers: [("Authorization", "Basic \(Self.token)")])
        #expect(basic.status == 401, "\(basic.text)")
        let unauthorizedTest = try await send(router, "POST", "/v1/admin/sinks/hook/test", token: "wrong")
        #expect(unauthorizedTest.status == 401)
        #expect(await receiver.requests().isEmpty, "a test delivery went out without the admin token")

        let right = try await send(router, "GET", "/v1/admin/sinks")
        #expect(right.status == 200, "\(right.text)")
        #expect(right.json["sinks"].items.map { $0["name"].text } == ["hook"])
        #expect(!right.text.contains(Self.token))
    }

    // MARK: 2, 4, 5, 8. Sinks, events, test deliveries, metrics

    @Test("sinks listed with secrets redacted and counters that move; an event with its deliveries; test deliveries bypass filters; metrics after traffic")
    func sinksEventsTestAndMetrics() async throws {
        let receiver = try await TestReceiver.start { request, _ in
            ReceiverReply(status: request.path == "/broken" ? .serviceUnavailable : .ok)
        }
        defer { receiver.stop() }
        let router = try RouterProcess(config: Self.config("""
              - name: hook
                url: \(receiver.url)/hook
                events: ["flag:*"]
                headers:
                  Authorization: Bearer hdr-secret-123
                  X-Team: ops
                signing: { scheme: github, secret: sign-secret-456 }
              - name: audit
                url: \(receiver.url)/audit?token=url-secret-789&kind=audit
              - name: filtered
                url: \(receiver.url)/filtered
                events: ["segment:deleted"]
              - name: broken
                url: \(receiver.url)/broken
                events: ["nothing:matches"]
              - name: off
                enabled: false
                url: \(receiver.url)/off
            """))
        try await router.start()
        defer { router.kill() }
        let secrets = ["hdr-secret-123", "sign-secret-456", "url-secret-789", Self.token]

        // Every configured sink, in order, secrets redacted.
        let before = try await send(router, "GET", "/v1/admin/sinks")
        #expect(before.status == 200, "\(before.text)")
        let names = before.json["sinks"].items.map { $0["name"].text ?? "?" }
        #expect(names == ["hook", "audit", "filtered", "broken", "off"])
        for secret in secrets { #expect(!before.text.contains(secret), "\(secret) shown: \(before.text)") }
        let hookBefore = sink("hook", in: before.json)
        #expect(hookBefore["state"].text == "running")
        #expect(hookBefore["counters"] == ["pending": 0, "retrying": 0, "delivered": 0, "dead": 0, "parked": 0])
        #expect(hookBefore["last_success"] == .null)
        #expect(hookBefore["settings"]["headers"]["Authorization"].text == "***")
        #expect(hookBefore["settings"]["headers"]["X-Team"].text == "ops")
        #expect(hookBefore["settings"]["signing"]["scheme"].text == "github")
        #expect(hookBefore["settings"]["signing"]["secret"].text == "***")
        #expect(hookBefore["settings"]["events"] == ["flag:*"])
        let auditURL = sink("audit", in: before.json)["settings"]["url"].text ?? ""
        #expect(auditURL.hasSuffix("/audit?token=***&kind=audit"), "\(auditURL)")
        #expect(sink("off", in: before.json)["state"].text == "disabled")
        #expect(sink("off", in: before.json)["settings"]["enabled"] == .bool(false))

        // An event through ingest: its id from the 202 answer, delivered to hook and audit only.
        let posted = try await HTTP.postJSON(
            router.baseURL + "/v1/events", #"{"type":"flag","action":"created","payload":{"key":"checkout","namespace_key":"production"}}"#)
        #expect(posted.0 == 202, "\(posted.1)")
        let accepted = try Value(json: Array(posted.1.utf8))
        let eventID = try #require(accepted["accepted"][0].text)
        #expect(accepted["deliveries"].integer == 2, "\(posted.1)")
        let received = await receiver.waitFor { $0.count >= 2 }
        #expect(Set(received.map(\.path)) == ["/hook", "/audit"])

        let after = try await poll(router, "/v1/admin/sinks") {
            sink("hook", in: $0)["counters"]["delivered"].integer == 1 && sink("audit", in: $0)["counters"]["delivered"].integer == 1
        }
        for name in ["hook", "audit"] {
            let view = sink(name, in: after)
            #expect(view["counters"] == ["pending": 0, "retrying": 0, "delivered": 1, "dead": 0, "parked": 0], "\(name)")
            #expect(view["last_success"].text?.hasSuffix("Z") == true, "\(name): \(view["last_success"])")
            #expect(view["last_error"] == .null && view["failing_since"] == .null, "\(name)")
        }
        #expect(sink("filtered", in: after)["counters"]["delivered"].integer == 0)
        #expect(sink("filtered", in: after)["last_success"] == .null)

        // The event and its delivery to every sink it was routed to.
        let detail = try await send(router, "GET", "/v1/admin/events/\(eventID)")
        #expect(detail.status == 200, "\(detail.text)")
        #expect(detail.json["event"]["id"].text == eventID)
        #expect(detail.json["event"]["type"].text == "flag")
        #expect(detail.json["event"]["action"].text == "created")
        #expect(detail.json["event"]["payload"]["key"].text == "checkout")
        let deliveries = detail.json["deliveries"].items
        #expect(deliveries.count == 2)
        #expect(Set(deliveries.compactMap { $0["sink"].text }) == ["hook", "audit"])
        for delivery in deliveries {
            #expect(delivery["event_id"].text == eventID)
            #expect(delivery["state"].text == "delivered")
            #expect(delivery["attempts"].integer == 1)
            #expect(delivery["last_status"].integer == 200)
            #expect(delivery["last_error"] == .null)
            // The id the receiver saw is the one the admin API lists.
            let path = "/" + (delivery["sink"].text ?? "")
            let sent = received.first { $0.path == path }?.header("X-Audit-Router-Delivery")
            #expect(sent != nil && delivery["delivery_id"].text == sent, "\(path): \(sent ?? "nil")")
        }
        let unknownEvent = try await send(router, "GET", "/v1/admin/events/evt_00000000000000000000000000")
        #expect(unknownEvent.status == 404, "\(unknownEvent.text)")
        #expect(unknownEvent.errorCode == "event_not_found")

        // Test deliveries: sent even though the filter excludes test:created, the result reported.
        let test = try await send(router, "POST", "/v1/admin/sinks/filtered/test")
        #expect(test.status == 200, "\(test.text)")
        #expect(test.json["sink"].text == "filtered")
        #expect(test.json["delivered"] == .bool(true))
        #expect(test.json["status_code"].integer == 200)
        #expect(test.json["summary"].text == "HTTP 200")
        #expect(test.json["error"] == .null)
        let testRequest = await receiver.waitFor { $0.contains { $0.path == "/filtered" } }.first { $0.path == "/filtered" }
        #expect(testRequest?.header("X-Audit-Router-Event") == "test:created")
        #expect(testRequest != nil && testRequest?.header("X-Audit-Router-Delivery") == test.json["delivery_id"].text)
        let failing = try await send(router, "POST", "/v1/admin/sinks/broken/test")
        #expect(failing.status == 200, "\(failing.text)")
        #expect(failing.json["delivered"] == .bool(false))
        #expect(failing.json["status_code"].integer == 503)
        #expect(failing.json["error"].text?.contains("503") == true, "\(failing.text)")
        #expect(await receiver.requests().filter { $0.path == "/broken" }.count == 1)
        let unknownSink = try await send(router, "POST", "/v1/admin/sinks/nope/test")
        #expect(unknownSink.status == 404, "\(unknownSink.text)")
        #expect(unknownSink.errorCode == "sink_not_found")
        // Nothing of a test is stored.
        let filteredLog = try await send(router, "GET", "/v1/admin/sinks/filtered/deliveries")
        #expect(filteredLog.status == 200 && filteredLog.json["total"].integer == 0, "\(filteredLog.text)")

        // Metrics after this traffic, in Prometheus text.
        // Counters move as each sink's attempt is recorded; the pending gauge is refreshed every 5 s.
        let metrics = try await pollMetrics(router, timeout: .seconds(15)) {
            $0[#"audit_router_deliveries_total{sink="audit",outcome="delivered"}"#] == "1"
                && $0[#"audit_router_deliveries_total{sink="hook",outcome="delivered"}"#] == "1"
                && $0[#"audit_router_attempt_duration_seconds_count{sink="hook"}"#] == "1"
                && $0[#"audit_router_pending_deliveries{sink="hook"}"#].flatMap(Double.init) == 0
        }
        #expect(metrics.contentType?.hasPrefix("text/plain") == true, "\(metrics.contentType ?? "nil")")
        let series = metrics.exposition
        for name in ["audit_router_events_total", "audit_router_deliveries_total", "audit_router_attempt_duration_seconds",
                     "audit_router_pending_deliveries", "audit_router_spool_bytes"] {
            #expect(series.text.contains("# TYPE \(name) "), "no \(name) in\n\(series.text)")
        }
        #expect(series[#"audit_router_events_total{source="flipt",outcome="accepted",reason=""}"#] == "1", "\(series.text)")
        #expect(series[#"audit_router_deliveries_total{sink="hook",outcome="delivered"}"#] == "1", "\(series.text)")
        #expect(series[#"audit_router_attempt_duration_seconds_count{sink="hook"}"#] == "1", "\(series.text)")
        #expect(series[#"audit_router_pending_deliveries{sink="hook"}"#].flatMap(Double.init) == 0, "\(series.text)")
        #expect((series["audit_router_spool_bytes"].flatMap(Double.init) ?? 0) > 0, "\(series.text)")
        for secret in secrets { #expect(!series.text.contains(secret)) }
    }

    // MARK: 3. The delivery log

    @Test("the delivery log: one row per attempt, newest first, status filter, pages, total; an overflowing page is a 400")
    func deliveryLog() async throws {
        let seen = SeenDeliveries()
        // The first attempt of each delivery gets a 500, the retry a 200.
        let receiver = try await TestReceiver.start { request, _ in
            ReceiverReply(status: seen.firstTime(request.header("X-Audit-Router-Delivery") ?? "") ? .internalServerError : .ok)
        }
        defer { receiver.stop() }
        let router = try RouterProcess(config: Self.config("""
              - name: flaky
                url: \(receiver.url)/flaky
                retry: { initial_backoff: 100ms, max_backoff: 100ms, jitter: 0, max_attempts: 5 }
              - name: quiet
                url: \(receiver.url)/quiet
                events: ["nothing:matches"]
            """))
        try await router.start()
        defer { router.kill() }
        var events: [String] = []
        for i in 0..<3 {
            let (status, text) = try await HTTP.postJSON(router.baseURL + "/v1/events", #"{"type":"flag","action":"updated","payload":{"key":"k\#(i)"}}"#)
            #expect(status == 202, "\(text)")
            if let id = try Value(json: Array(text.utf8))["accepted"][0].text { events.append(id) }
        }
        _ = await receiver.waitFor { $0.count >= 6 }
        let sinks = try await poll(router, "/v1/admin/sinks") { sink("flaky", in: $0)["counters"]["delivered"].integer == 3 }
        #expect(sink("flaky", in: sinks)["counters"] == ["pending": 0, "retrying": 0, "delivered": 3, "dead": 0, "parked": 0])
        let all = try await poll(router, "/v1/admin/sinks/flaky/deliveries") { $0["total"].integer == 6 }
        let requests = await receiver.requests()
        #expect(requests.count == 6, "receiver got \(requests.count) requests")

        // One row per attempt, newest first.
        let items = all["items"].items
        #expect(all["total"].integer == requests.count)
        #expect(items.count == 6)
        #expect(all["page"].integer == 1 && all["limit"].integer == 50)
        let times = items.compactMap { $0["at"].text }
        #expect(times.count == 6)
        #expect(times == times.sorted(by: >), "not newest first: \(times)")
        #expect(Set(items.compactMap { $0["event_id"].text }) == Set(events))
        #expect(Set(items.compactMap { $0["delivery_id"].text }) == Set(requests.compactMap { $0.header("X-Audit-Router-Delivery") }))
        for delivery in Set(items.compactMap { $0["delivery_id"].text }) {
            let rows = items.filter { $0["delivery_id"].text == delivery }
            // The retry (attempt 2, delivered) is listed before the failed first attempt.
            #expect(rows.map { $0["attempt"].integer } == [2, 1], "\(delivery): \(rows)")
            #expect(rows.map { $0["status_code"].integer } == [200, 500], "\(delivery): \(rows)")
            #expect(rows.map { $0["status"].text } == ["delivered", "pending"], "\(delivery): \(rows)")
        }
        for item in items {
            #expect(item["sink"].text == "flaky")
            #expect(item["duration_ms"].number.map { $0 >= 0 } == true, "\(item)")
        }

        // The status filter.
        let failed = try await send(router, "GET", "/v1/admin/sinks/flaky/deliveries?status=pending")
        #expect(failed.status == 200, "\(failed.text)")
        #expect(failed.json["total"].integer == 3)
        #expect(failed.json["items"].items.count == 3)
        for item in failed.json["items"].items {
            #expect(item["status"].text == "pending")
            #expect(item["status_code"].integer == 500)
            #expect(item["error"].text?.contains("500") == true, "no error text: \(item)")
        }
        let delivered = try await send(router, "GET", "/v1/admin/sinks/flaky/deliveries?status=delivered")
        #expect(delivered.json["total"].integer == 3)
        #expect(delivered.json["items"].items.allSatisfy { $0["status_code"].integer == 200 && $0["error"] == .null }, "\(delivered.text)")
        let dead = try await send(router, "GET", "/v1/admin/sinks/flaky/deliveries?status=dead")
        #expect(dead.status == 200 && dead.json["total"].integer == 0 && dead.json["items"].items.isEmpty, "\(dead.text)")

        // Pages: the same rows in the same order, total on every page.
        let first = try await send(router, "GET", "/v1/admin/sinks/flaky/deliveries?page=1&limit=4")
        let second = try await send(router, "GET", "/v1/admin/sinks/flaky/deliveries?page=2&limit=4")
        let third = try await send(router, "GET", "/v1/admin/sinks/flaky/deliveries?page=3&limit=4")
        #expect(first.json["items"].items.count == 4 && second.json["items"].items.count == 2 && third.json["items"].items.isEmpty)
        #expect([first, second, third].allSatisfy { $0.status == 200 && $0.json["total"].integer == 6 && $0.json["limit"].integer == 4 })
        #expect(second.json["page"].integer == 2)
        #expect(first.json["items"].items + second.json["items"].items == items)
        let filteredPage = try await send(router, "GET", "/v1/admin/sinks/flaky/deliveries?status=pending&page=2&limit=2")
        #expect(filteredPage.json["total"].integer == 3)
        #expect(filteredPage.json["items"].items == [failed.json["items"][2]], "\(filteredPage.text)")

        // Bad parameters are 400 invalid_parameter; the server keeps serving.
        for query in ["page=9223372036854775807&limit=2", "page=0", "limit=0", "limit=501", "page=x", "status=lost",
                      "page=99999999999999999999"] {
            let outcome = await RawHTTP.exchange(port: router.port, RawHTTP.request(
                "GET", "/v1/admin/sinks/flaky/deliveries?\(query)", headers: [("Authorization", "Bearer \(Self.token)")]), timeout: 10)
            guard case .response(let response) = outcome else {
                let serving = await isServing(router)
                Issue.record("\(query): no answer (\(outcome)); the router \(serving ? "still serves" : "no longer serves"):\n\(router.output().suffix(3000))")
                continue
            }
            #expect(response.status == 400, "\(query): \(response.status) \(String(decoding: response.body, as: UTF8.self))")
            #expect(response.jsonError?.code == "invalid_parameter", "\(query)")
        }
        let serving = await isServing(router)
        #expect(serving, "the router no longer serves:\n\(router.output().suffix(3000))")
        let again = try? await send(router, "GET", "/v1/admin/sinks/flaky/deliveries?limit=2")
        #expect(again?.status == 200 && again?.json["total"].integer == 6)

        // A configured sink without deliveries has an empty log; an unknown one is a 404.
        let quiet = try await send(router, "GET", "/v1/admin/sinks/quiet/deliveries")
        #expect(quiet.status == 200 && quiet.json["total"].integer == 0, "\(quiet.text)")
        let unknown = try await send(router, "GET", "/v1/admin/sinks/nope/deliveries")
        #expect(unknown.status == 404 && unknown.errorCode == "sink_not_found", "\(unknown.text)")
    }

    // MARK: 6. Dead letters and replay

    @Test("a failing sink makes dead letters; once the receiver is fixed, replays by id and by window deliver them and empty the list")
    func deadLettersAndReplay() async throws {
        let fixed = ReceiverSwitch()
        let receiver = try await TestReceiver.start { request, _ in
            ReceiverReply(status: request.path == "/flaky" && !fixed.isOn ? .internalServerError : .ok)
        }
        defer { receiver.stop() }
        let router = try RouterProcess(config: Self.config("""
              - name: flaky
                url: \(receiver.url)/flaky
                retry: { max_attempts: 1 }
              - name: steady
                url: \(receiver.url)/steady
            """))
        try await router.start()
        defer { router.kill() }
        let started = Date()
        var events: [String] = []
        for i in 0..<4 {
            let (status, text) = try await HTTP.postJSON(router.baseURL + "/v1/events", #"{"type":"flag","action":"deleted","payload":{"key":"d\#(i)"}}"#)
            #expect(status == 202, "\(text)")
            if let id = try Value(json: Array(text.utf8))["accepted"][0].text { events.append(id) }
        }
        #expect(events.count == 4)

        let deadList = try await poll(router, "/v1/admin/dead-letters?sink=flaky") { $0["total"].integer == 4 }
        #expect(deadList["total"].integer == 4, "\(deadList)")
        let dead = deadList["items"].items
        #expect(dead.count == 4)
        #expect(Set(dead.compactMap { $0["event_id"].text }) == Set(events))
        for letter in dead {
            #expect(letter["sink"].text == "flaky")
            #expect(letter["state"].text == "dead")
            #expect(letter["attempts"].integer == 1)
            #expect(letter["last_status"].integer == 500)
            #expect(letter["last_error"].text?.isEmpty == false, "\(letter)")
            #expect(letter["next_attempt_at"] == .null)
        }
        #expect(try await send(router, "GET", "/v1/admin/dead-letters").json["total"].integer == 4)
        #expect(try await send(router, "GET", "/v1/admin/dead-letters?sink=steady").json["total"].integer == 0)
        let paged = try await send(router, "GET", "/v1/admin/dead-letters?sink=flaky&limit=3&page=2")
        #expect(paged.json["total"].integer == 4 && paged.json["items"].items.count == 1, "\(paged.text)")
        let sinksBefore = try await poll(router, "/v1/admin/sinks") { sink("steady", in: $0)["counters"]["delivered"].integer == 4 }
        #expect(sink("flaky", in: sinksBefore)["counters"] == ["pending": 0, "retrying": 0, "delivered": 0, "dead": 4, "parked": 0])
        #expect(sink("flaky", in: sinksBefore)["last_error"].text?.contains("500") == true, "\(sink("flaky", in: sinksBefore))")
        let flakyAttempts = await receiver.requests().filter { $0.path == "/flaky" }.count
        #expect(flakyAttempts == 4, "max_attempts 1 made \(flakyAttempts) attempts for 4 deliveries")

        fixed.turnOn()
        let deadIDs = dead.compactMap { $0["delivery_id"].text }
        let steadyID = try #require(try await send(router, "GET", "/v1/admin/events/\(events[0])").json["deliveries"].items
            .first { $0["sink"].text == "steady" }?["delivery_id"].text)

        // Both forms at once, or an unknown sink: refused, nothing re-queued.
        let both = try await send(router, "POST", "/v1/admin/sinks/flaky/replay", body: #"{"delivery_ids":["\#(deadIDs[0])"],"since":"2000-01-01T00:00:00Z"}"#)
        #expect(both.status == 400 && both.errorCode == "invalid_body", "\(both.text)")
        let nowhere = try await send(router, "POST", "/v1/admin/sinks/nope/replay", body: "{}")
        #expect(nowhere.status == 404 && nowhere.errorCode == "sink_not_found", "\(nowhere.text)")

        // By id: two dead letters, plus an unknown id and another sink's delivery (both skipped).
        let chosen = Array(deadIDs.prefix(2))
        let byID = try await send(router, "POST", "/v1/admin/sinks/flaky/replay",
                                  body: #"{"delivery_ids":["\#(chosen[0])","\#(chosen[1])","dlv_unknown","\#(steadyID)"]}"#)
        #expect(byID.status == 200, "\(byID.text)")
        #expect(byID.json["sink"].text == "flaky")
        #expect(byID.json["requeued"].integer == 2, "\(byID.text)")
        #expect(Set(byID.json["delivery_ids"].items.compactMap(\.text)) == Set(chosen))
        #expect(Set(byID.json["skipped"].items.compactMap(\.text)) == ["dlv_unknown", steadyID])
        let afterID = await receiver.waitFor { requests in requests.filter { chosen.contains($0.header("X-Audit-Router-Delivery") ?? "") }.count >= 4 }
        #expect(afterID.filter { chosen.contains($0.header("X-Audit-Router-Delivery") ?? "") }.count == 4)
        let remaining = try await poll(router, "/v1/admin/dead-letters?sink=flaky") { $0["total"].integer == 2 }
        #expect(remaining["total"].integer == 2)
        #expect(Set(remaining["items"].items.compactMap { $0["delivery_id"].text }) == Set(deadIDs.dropFirst(2)))

        // By window: one that holds none, then one that holds the rest.
        let past = try await send(router, "POST", "/v1/admin/sinks/flaky/replay", body: #"{"since":"2000-01-01T00:00:00Z","until":"2001-01-01T00:00:00Z"}"#)
        #expect(past.status == 200 && past.json["requeued"].integer == 0, "\(past.text)")
        let since = started.addingTimeInterval(-60), until = Date().addingTimeInterval(60)
        let window = try await send(router, "POST", "/v1/admin/sinks/flaky/replay",
                                    body: #"{"since":"\#(rfc3339(since))","until":"\#(rfc3339(until))"}"#)
        #expect(window.status == 200, "\(window.text)")
        #expect(window.json["requeued"].integer == 2, "\(window.text)")
        #expect(window.json["since"].text == rfc3339(since, milliseconds: true), "\(window.text)")
        #expect(window.json["until"].text == rfc3339(until, milliseconds: true), "\(window.text)")
        let all = await receiver.waitFor { requests in Set(deadIDs).allSatisfy { id in requests.filter { $0.header("X-Audit-Router-Delivery") == id }.count >= 2 } }
        for id in deadIDs {
            #expect(all.filter { $0.header("X-Audit-Router-Delivery") == id }.count == 2, "\(id) was not delivered again exactly once")
        }

        let empty = try await poll(router, "/v1/admin/dead-letters?sink=flaky") { $0["total"].integer == 0 }
        #expect(empty["total"].integer == 0 && empty["items"].items.isEmpty, "\(empty)")
        let sinksAfter = try await poll(router, "/v1/admin/sinks") { sink("flaky", in: $0)["counters"]["delivered"].integer == 4 }
        #expect(sink("flaky", in: sinksAfter)["counters"] == ["pending": 0, "retrying": 0, "delivered": 4, "dead": 0, "parked": 0])
        let event = try await send(router, "GET", "/v1/admin/events/\(events[3])")
        let replayed = event.json["deliveries"].items.first { $0["sink"].text == "flaky" }
        #expect(replayed?["state"].text == "delivered" && replayed?["attempts"].integer == 1, "\(event.text)")  // a fresh budget
        let log = try await poll(router, "/v1/admin/sinks/flaky/deliveries") { $0["total"].integer == 8 }
        #expect(log["total"].integer == 8)
        #expect(try await send(router, "GET", "/v1/admin/sinks/flaky/deliveries?status=dead").json["total"].integer == 4)
    }

    // MARK: 6b. Templates that fail for an event

    @Test("a when that fails for an event and a body past its render limits make dead letters saying why; a replay sends the first; the router keeps serving")
    func templateFailuresAreDeadLetters() async throws {
        let receiver = try await TestReceiver.start()
        defer { receiver.stop() }
        let router = try RouterProcess(config: Self.config("""
              - name: picky
                url: \(receiver.url)/picky
                when: '{{ gt .Payload.size 1 }}'
              - name: bounded
                url: \(receiver.url)/bounded
                headers: { Content-Type: text/plain }
                max_render_steps: 2000
                body: '{{ range .Payload.items }}{{ range $.Payload.items }}{{ . }}{{ end }}{{ end }}'
            """))
        try await router.start()
        defer { router.kill() }

        let (fineStatus, fineText) = try await HTTP.postJSON(router.baseURL + "/v1/events", #"{"type":"flag","action":"updated","payload":{"key":"k","size":5,"items":[1,2,3]}}"#)
        #expect(fineStatus == 202 && !fineText.contains(#""dead""#), "\(fineText)")
        let items = (0..<100).map(String.init).joined(separator: ",")
        let (status, text) = try await HTTP.postJSON(
            router.baseURL + "/v1/events", #"{"type":"flag","action":"updated","payload":{"key":"k","size":"big","items":[\#(items)]}}"#)
        #expect(status == 202, "\(text)")
        let answer = try Value(json: Array(text.utf8))
        #expect(answer["deliveries"].integer == 2 && answer["dead"].integer == 1, "\(text)")
        let event = try #require(answer["accepted"][0].text)

        let letters = try await poll(router, "/v1/admin/dead-letters") { $0["total"].integer == 2 }
        #expect(letters["total"].integer == 2, "\(letters)")
        let picky = try #require(letters["items"].items.first { $0["sink"].text == "picky" })
        #expect(picky["event_id"].text == event)
        #expect(picky["attempts"].integer == 0)
        #expect(picky["last_error"].text?.hasPrefix("when template failed: template: picky.when:1:3: executing \"picky.when\" at <gt .Payload.size 1>:") == true, "\(picky)")
        let bounded = try #require(letters["items"].items.first { $0["sink"].text == "bounded" })
        #expect(bounded["attempts"].integer == 1)
        #expect(bounded["last_error"].text?.contains("execution exceeds the limit of 2000 steps") == true, "\(bounded)")
        let requests = await receiver.waitFor { $0.count >= 2 }
        #expect(requests.map(\.path).sorted() == ["/bounded", "/picky"], "only the first event's deliveries go out")
        #expect(requests.first { $0.path == "/bounded" }?.bodyText == "123123123")
        let series = #"audit_router_deliveries_total{sink="picky",outcome="dead"}"#
        let dead = try await pollMetrics(router) { $0[series] == "1" }
        #expect(dead.exposition[series] == "1")

        // Replayed, the delivery is sent as is: the operator decided, `when` is not asked again.
        let pickyID = try #require(picky["delivery_id"].text)
        let replay = try await send(router, "POST", "/v1/admin/sinks/picky/replay", body: #"{"delivery_ids":["\#(pickyID)"]}"#)
        #expect(replay.status == 200 && replay.json["requeued"].integer == 1, "\(replay.text)")
        let after = await receiver.waitFor { $0.contains { $0.header("X-Audit-Router-Delivery") == pickyID } }
        #expect(after.contains { $0.header("X-Audit-Router-Delivery") == pickyID })
        #expect(try await send(router, "GET", "/healthz", token: nil).status == 200)
    }

    // MARK: 7. Reload

    @Test("POST /v1/admin/reload: a new sink appears and gets events; a broken file is a 422 with its problems and the running config stays")
    func reload() async throws {
        let receiver = try await TestReceiver.start()
        defer { receiver.stop() }
        let one = """
              - name: a
                url: \(receiver.url)/a
            """
        let router = try RouterProcess(config: Self.config(one))
        try await router.start()
        defer { router.kill() }
        let start = try await send(router, "GET", "/v1/admin/sinks")
        #expect(start.json["sinks"].items.map { $0["name"].text } == ["a"])

        let two = one + """

              - name: b
                url: \(receiver.url)/b
                timeout: 3s
            """
        try router.rewriteConfig(Self.config(two))
        let reloaded = try await send(router, "POST", "/v1/admin/reload")
        #expect(reloaded.status == 200, "\(reloaded.text)")
        #expect(reloaded.json["sinks"].items.map { $0["name"].text } == ["a", "b"], "\(reloaded.text)")
        let listed = try await send(router, "GET", "/v1/admin/sinks")
        #expect(listed.json["sinks"].items.map { $0["name"].text } == ["a", "b"])
        #expect(sink("b", in: listed.json)["state"].text == "running")
        #expect(sink("b", in: listed.json)["settings"]["timeout"].text == "3s")
        let (status, text) = try await HTTP.postJSON(router.baseURL + "/v1/events", #"{"type":"flag","action":"updated","payload":{"key":"r"}}"#)
        #expect(status == 202, "\(text)")
        let received = await receiver.waitFor { Set($0.map(\.path)) == ["/a", "/b"] }
        #expect(Set(received.map(\.path)) == ["/a", "/b"])

        // A file that does not validate: 422 with every problem; the running configuration kept.
        try router.rewriteConfig(Self.config(one + """

              - name: c
                url: \(receiver.url)/c
                timeout: soon
            """))
        let rejected = try await send(router, "POST", "/v1/admin/reload")
        #expect(rejected.status == 422, "\(rejected.text)")
        #expect(rejected.errorCode == "invalid_configuration")
        let message = rejected.json["error"]["message"].text ?? ""
        #expect(message.contains("timeout") && message.contains("soon"), "\(rejected.text)")
        #expect(!rejected.json["error"]["problems"].items.isEmpty, "\(rejected.text)")
        let kept = try await send(router, "GET", "/v1/admin/sinks")
        #expect(kept.status == 200)
        #expect(kept.json["sinks"].items.map { $0["name"].text } == ["a", "b"], "\(kept.text)")
        let (afterStatus, _) = try await HTTP.postJSON(router.baseURL + "/v1/events", #"{"type":"flag","action":"updated","payload":{"key":"s"}}"#)
        #expect(afterStatus == 202)
        let later = await receiver.waitFor { $0.count >= 4 }
        #expect(later.filter { $0.path == "/b" }.count == 2)
        #expect(!later.contains { $0.path == "/c" })

        // A file that is not YAML at all is refused the same way.
        try router.rewriteConfig("server: [unclosed\n")
        let garbage = try await send(router, "POST", "/v1/admin/reload")
        #expect(garbage.status == 422 && garbage.errorCode == "invalid_configuration", "\(garbage.text)")
        #expect(try await send(router, "GET", "/v1/admin/sinks").json["sinks"].items.count == 2)
    }

    // MARK: 8. The OpenAPI document

    @Test("GET /openapi.json serves docs/openapi.json byte for byte, without a token")
    func openAPIDocument() async throws {
        let router = try RouterProcess(config: Self.config("""
              - name: hook
                url: http://127.0.0.1:9/hook
                enabled: false
            """))
        try await router.start()
        defer { router.kill() }
        let kept = try Data(contentsOf: AdminOpenAPITests.source)
        let served = try await HTTP.exchange("GET", router.baseURL + "/openapi.json")
        #expect(served.status == 200)
        #expect(served.headers["content-type"] == "application/json")
        #expect(Array(served.text.utf8) == Array(kept), "the binary serves another document than docs/openapi.json")
        #expect(try Value(json: Array(served.text.utf8)) == (try Value(json: Array(kept))))
    }

    // MARK: 9. Retention at start

    @Test("at start, attempt rows and delivered events older than retain_delivered are pruned; dead letters within retain_dead are kept")
    func retentionAtStart() async throws {
        let receiver = try await TestReceiver.start { request, _ in ReceiverReply(status: request.path == "/rejecting" ? .badRequest : .ok) }
        defer { receiver.stop() }
        let router = try RouterProcess(config: Self.config(spool: "  retain_delivered: 1s\n  retain_dead: 720h", """
              - name: kept
                url: \(receiver.url)/kept
              - name: rejecting
                url: \(receiver.url)/rejecting
                events: ["segment:*"]
            """))
        try await router.start()
        defer { router.kill() }
        let flag = try await ingest(router, #"{"type":"flag","action":"created","payload":{"key":"f"}}"#)
        let segment = try await ingest(router, #"{"type":"segment","action":"created","payload":{"key":"s"}}"#)
        let before = try await poll(router, "/v1/admin/sinks") {
            sink("kept", in: $0)["counters"]["delivered"].integer == 2 && sink("rejecting", in: $0)["counters"]["dead"].integer == 1
        }
        #expect(sink("kept", in: before)["counters"]["delivered"].integer == 2)
        #expect(sink("rejecting", in: before)["counters"]["dead"].integer == 1)
        #expect(try await poll(router, "/v1/admin/sinks/kept/deliveries") { $0["total"].integer == 2 }["total"].integer == 2)
        #expect(try await send(router, "GET", "/v1/admin/events/\(flag)").status == 200)

        let exit = await router.terminate()
        #expect(exit == 0, "exit status \(exit)")
        try await Task.sleep(for: .milliseconds(1500))  // past retain_delivered
        try await router.start()  // the same folder, spool and port

        let pruned = try await poll(router, "/v1/admin/sinks/kept/deliveries") { $0["total"].integer == 0 }
        #expect(pruned["total"].integer == 0, "the delivery log was not pruned at start: \(pruned)")
        #expect(try await send(router, "GET", "/v1/admin/sinks/rejecting/deliveries").json["total"].integer == 0)
        let sinks = try await send(router, "GET", "/v1/admin/sinks")
        // The delivered count holds what retention deleted: it never falls.
        #expect(sink("kept", in: sinks.json)["counters"] == ["pending": 0, "retrying": 0, "delivered": 2, "dead": 0, "parked": 0])
        #expect(sink("rejecting", in: sinks.json)["counters"]["dead"].integer == 1)
        // The event delivered everywhere is gone; the one with a dead letter stays, with only it.
        let gone = try await send(router, "GET", "/v1/admin/events/\(flag)")
        #expect(gone.status == 404 && gone.errorCode == "event_not_found", "\(gone.text)")
        let stays = try await send(router, "GET", "/v1/admin/events/\(segment)")
        #expect(stays.status == 200, "\(stays.text)")
        #expect(stays.json["deliveries"].items.map { $0["sink"].text } == ["rejecting"], "\(stays.text)")
        #expect(stays.json["deliveries"][0]["state"].text == "dead")
        #expect(try await send(router, "GET", "/v1/admin/dead-letters").json["total"].integer == 1)
        try await waitForLog(router, "spool pruned")
    }
}

// MARK: - Helpers

/// A request to the router, with the admin bearer token unless `token` is nil.
private func send(
    _ router: RouterProcess, _ method: String, _ path: String, token: String? = AdminEndToEndTests.token,
    headers: [(String, String)] = [], body: String? = nil
) async throws -> AdminResponse {
    var fields = headers
    if let token { fields.append(("Authorization", "Bearer \(token)")) }
    if body != nil { fields.append(("Content-Type", "application/json")) }
    let answer = try await HTTP.exchange(method, router.baseURL + path, headers: fields, body: body.map { Array($0.utf8) })
    return AdminResponse(status: answer.status, headers: answer.headers, bytes: Array(answer.text.utf8))
}

/// Polls an admin `path` (bounded) until `predicate` holds for its JSON; returns the last answer.
private func poll(_ router: RouterProcess, _ path: String, timeout: Duration = .seconds(15), _ predicate: (Value) -> Bool) async throws -> Value {
    let deadline = ContinuousClock.now + timeout
    while true {
        let json = try await send(router, "GET", path).json
        if predicate(json) || ContinuousClock.now >= deadline { return json }
        try await Task.sleep(for: .milliseconds(50))
    }
}

/// Polls `/metrics` (bounded) until `predicate` holds.
private func pollMetrics(
    _ router: RouterProcess, timeout: Duration = .seconds(10), _ predicate: (Exposition) -> Bool
) async throws -> (exposition: Exposition, contentType: String?) {
    let deadline = ContinuousClock.now + timeout
    while true {
        let answer = try await HTTP.exchange("GET", router.baseURL + "/metrics")
        let exposition = Exposition(text: answer.text)
        if (answer.status == 200 && predicate(exposition)) || ContinuousClock.now >= deadline {
            return (exposition, answer.headers["content-type"])
        }
        try await Task.sleep(for: .milliseconds(100))
    }
}

/// Posts one event to `/v1/events`; returns its id.
private func ingest(_ router: RouterProcess, _ json: String) async throws -> String {
    let (status, text) = try await HTTP.postJSON(router.baseURL + "/v1/events", json)
    guard status == 202, let id = try Value(json: Array(text.utf8))["accepted"][0].text else {
        throw TestFailure("ingest answered \(status): \(text)")
    }
    return id
}

/// The sink named `name` in a `{"sinks": [...]}` answer.
private func sink(_ name: String, in list: Value) -> Value {
    list["sinks"].items.first { $0["name"].text == name } ?? .missing
}

/// `date` as RFC 3339 in UTC, whole seconds (`2024-05-01T10:00:00Z`), or with milliseconds as the
/// admin API writes times (`2024-05-01T10:00:00.000Z`).
private func rfc3339(_ date: Date, milliseconds: Bool = false) -> String {
    let whole = Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    let text = ISO8601DateFormatter().string(from: whole)
    return milliseconds ? String(text.dropLast()) + ".000Z" : text
}

/// The delivery ids a receiver has seen, so that it can fail each one's first attempt only.
private final class SeenDeliveries: Sendable {
    private let seen = Mutex<Set<String>>([])

    /// Records `id`; true the first time.
    func firstTime(_ id: String) -> Bool {
        seen.withLock { $0.insert(id).inserted }
    }
}

/// Whether the router still answers `/healthz`.
private func isServing(_ router: RouterProcess) async -> Bool {
    (try? await HTTP.request("GET", router.baseURL + "/healthz").0) == 200
}
