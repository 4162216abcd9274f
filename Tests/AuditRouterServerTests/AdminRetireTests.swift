import AuditRouter
import AuditRouterServer
import Foundation
import GoTemplate
import Testing

/// Giving up the backlog of a sink that no longer runs, against the real binary: the admin API
/// lists it, `retire` turns it into dead letters (refused while the sink runs), and a replay
/// delivers them once the sink is back.
@Suite("Retiring a removed sink's backlog", .serialized)
struct AdminRetireTests {
    static let auth = ("Authorization", "Bearer admin-secret")

    static func config(_ sinks: String) -> String {
        """
        server:
          listen: 127.0.0.1:{{PORT}}
          admin_token: admin-secret
        spool:
          path: {{DIR}}/spool.sqlite
        sinks:
          - name: steady
            type: file
            path: {{DIR}}/steady.jsonl
        \(sinks)
        """
    }

    static func admin(_ router: RouterProcess, _ method: String, _ path: String) async throws -> (status: Int, json: Value, text: String) {
        let (status, text) = try await HTTP.request(method, router.baseURL + path, headers: [auth])
        return (status, (try? Value(json: Array(text.utf8))) ?? .null, text)
    }

    /// Posts one event per key, each expected to be accepted; returns the answers' texts.
    @discardableResult
    static func post(_ router: RouterProcess, keys: [String]) async throws -> [String] {
        var answers: [String] = []
        for key in keys {
            let (status, text) = try await HTTP.postJSON(router.baseURL + "/v1/events", #"{"type":"flag","action":"created","payload":{"key":"\#(key)"}}"#)
            #expect(status == 202, "\(text)")
            answers.append(text)
        }
        return answers
    }

    /// Reloads the router with only the `steady` sink: the others are removed.
    static func removeSinks(_ router: RouterProcess) async throws {
        try router.rewriteConfig(config(""))
        router.send(SIGHUP)
        try await waitForLog(router, "configuration reloaded")
    }

    @Test("a removed sink's pending deliveries: listed, retired into dead letters, replayed once it is back")
    func retireAndReplay() async throws {
        let up = Switch()
        let receiver = try await TestReceiver.start { _, _ in ReceiverReply(status: up.isOn ? .ok : .serviceUnavailable) }
        defer { receiver.stop() }
        let gone = """
              - name: gone
                url: \(receiver.url)/gone
                retry: { initial_backoff: 200ms, max_backoff: 200ms, jitter: 0, max_attempts: 1000 }
            """
        let router = try RouterProcess(config: Self.config(gone))
        try await router.start()
        defer { router.kill() }
        try await Self.post(router, keys: ["r0", "r1", "r2"])

        // While the sink runs, retiring is refused (pausing parks instead); unknown names are 404.
        let running = try await Self.admin(router, "POST", "/v1/admin/sinks/gone/retire")
        #expect(running.status == 409 && running.text.contains("sink_running"), "\(running.text)")
        let unknown = try await Self.admin(router, "POST", "/v1/admin/sinks/nope/retire")
        #expect(unknown.status == 404 && unknown.text.contains("sink_not_found"), "\(unknown.text)")

        // Removed by a reload: listed apart, with its pending deliveries.
        try await Self.removeSinks(router)
        let listed = try await Self.admin(router, "GET", "/v1/admin/sinks")
        #expect(listed.json["sinks"].items.map { $0["name"].text } == ["steady"], "\(listed.text)")
        #expect(listed.json["removed"].items.map { $0["name"].text } == ["gone"], "\(listed.text)")
        #expect(listed.json["removed"][0]["counters"]["pending"].integer == 3, "\(listed.text)")

        // Retired at once: an attempt the reload overtook is waited for.
        let spool = try Spool(path: router.directory.appendingPathComponent("spool.sqlite").path)
        let answer = try await Self.admin(router, "POST", "/v1/admin/sinks/gone/retire")
        #expect(answer.status == 200 && answer.json["sink"].text == "gone", "\(answer.text)")
        #expect(answer.json["retired"].integer == 3 && answer.json["in_flight"].integer == 0, "\(answer.text)")
        let counts = try await spool.counts(sink: "gone")
        #expect(counts.pending == 0 && counts.dead == 3, "\(counts)")
        let dead = try await Self.admin(router, "GET", "/v1/admin/dead-letters?sink=gone")
        #expect(dead.json["total"].integer == 3, "\(dead.text)")
        #expect(dead.json["items"].items.allSatisfy { $0["last_error"].text == Spool.retiredReason }, "\(dead.text)")
        #expect(try await Self.admin(router, "GET", "/v1/admin/sinks").json["removed"] == .array([]))
        let (_, metrics) = try await HTTP.request("GET", router.baseURL + "/metrics")
        #expect(metrics.contains(#"audit_router_deliveries_total{sink="gone",outcome="retired"} 3"#), "\(metrics)")
        let again = try await Self.admin(router, "POST", "/v1/admin/sinks/gone/retire")
        #expect(again.status == 200 && again.json["retired"].integer == 0, "\(again.text)")

        // Back, with the receiver fixed: nothing is sent until a replay, then each event once.
        up.turnOn()
        let beforeReplay = await receiver.requests().count
        try router.rewriteConfig(Self.config(gone))
        router.send(SIGHUP)
        let deadlineBack = ContinuousClock.now + .seconds(15)
        while try await !Self.admin(router, "GET", "/v1/admin/sinks").json["sinks"].items.contains(where: { $0["name"].text == "gone" }),
            ContinuousClock.now < deadlineBack {
            try await Task.sleep(for: .milliseconds(50))
        }
        try await Task.sleep(for: .milliseconds(500))  // time for a (wrong) attempt to arrive
        #expect(await receiver.requests().count == beforeReplay, "retired deliveries were sent without a replay")
        let replay = try await Self.admin(router, "POST", "/v1/admin/sinks/gone/replay")
        #expect(replay.status == 200 && replay.json["requeued"].integer == 3, "\(replay.text)")
        let delivered = try await spool.waitForCounts(sink: "gone") { $0.delivered == 3 }
        #expect(delivered.delivered == 3 && delivered.pending == 0 && delivered.dead == 0, "\(delivered)")
        let keys = await receiver.requests().dropFirst(beforeReplay).compactMap { (try? Value(json: $0.body))?["payload"]["key"].text }
        #expect(keys.sorted() == ["r0", "r1", "r2"], "\(keys)")
    }

    /// A receiver whose answers (503) wait until the test opens `gate`; a router whose sink `gone`
    /// sends there, with three attempts under way, and `gone` then removed by a reload; and the
    /// operator's retire of `gone`, seen waiting for those attempts.
    static func retireWaitingForAttempts(gate: Switch) async throws -> (
        TestReceiver, RouterProcess, sink: String, answer: Task<(status: Int, json: Value, text: String), any Error>
    ) {
        let receiver = try await TestReceiver.start { _, _ in
            let deadline = ContinuousClock.now + .seconds(30)
            while !gate.isOn, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(10)) }
            return ReceiverReply(status: .serviceUnavailable)
        }
        let sink = """
              - name: gone
                url: \(receiver.url)/gone
                timeout: 40s
                retry: { initial_backoff: 1h, max_backoff: 1h, jitter: 0, max_attempts: 1000 }
            """
        let router = try RouterProcess(config: config(sink))
        try await router.start()
        try await post(router, keys: ["w0", "w1", "w2"])
        _ = await receiver.waitFor { $0.count >= 3 }
        try await removeSinks(router)
        let answer = Task { try await admin(router, "POST", "/v1/admin/sinks/gone/retire") }
        try await waitForLog(router, "retire waits for attempts under way")
        return (receiver, router, sink, answer)
    }

    @Test("attempts under way when retire is called are waited for, and retired too when they end in a retry")
    func retireWaitsForAttemptsUnderWay() async throws {
        let gate = Switch()
        let (receiver, router, _, retiring) = try await Self.retireWaitingForAttempts(gate: gate)
        defer { gate.turnOn(); receiver.stop(); router.kill() }
        gate.turnOn()
        let answer = try await retiring.value
        #expect(answer.status == 200 && answer.json["retired"].integer == 3 && answer.json["in_flight"].integer == 0, "\(answer.text)")
        let spool = try Spool(path: router.directory.appendingPathComponent("spool.sqlite").path)
        let counts = try await spool.counts(sink: "gone")
        #expect(counts.pending == 0 && counts.dead == 3, "\(counts)")
        let attempts = try await Self.admin(router, "GET", "/v1/admin/sinks/gone/deliveries")
        #expect(attempts.json["total"].integer == 3, "the attempts under way were recorded: \(attempts.text)")
    }

    @Test("a reload that brings the sink back while retire waits: the retire is refused and retires nothing")
    func retireRefusedWhenTheSinkComesBack() async throws {
        let gate = Switch()
        let (receiver, router, sink, retiring) = try await Self.retireWaitingForAttempts(gate: gate)
        defer { gate.turnOn(); receiver.stop(); router.kill() }
        try router.rewriteConfig(Self.config(sink))
        router.send(SIGHUP)
        let answer = try await retiring.value  // while the attempts still wait at the gate
        #expect(answer.status == 409 && answer.text.contains("runs again"), "\(answer.text)")
        gate.turnOn()
        let spool = try Spool(path: router.directory.appendingPathComponent("spool.sqlite").path)
        #expect(try await spool.counts(sink: "gone").dead == 0)
    }

    @Test("a removed sink whose backlog is only parked is listed under removed, with its parked count, and retired")
    func retireParkedBacklog() async throws {
        let receiver = try await TestReceiver.start { _, _ in ReceiverReply(status: .serviceUnavailable) }
        defer { receiver.stop() }
        let held = """
              - name: held
                url: \(receiver.url)/held
            """
        let router = try RouterProcess(config: Self.config(held))
        try await router.start()
        defer { router.kill() }
        let paused = try await Self.admin(router, "POST", "/v1/admin/sinks/held/pause")
        #expect(paused.status == 200, "\(paused.text)")
        for answer in try await Self.post(router, keys: ["p0", "p1"]) {
            #expect(answer.contains(#""parked":1"#), "\(answer)")
        }
        try await Self.removeSinks(router)
        let listed = try await Self.admin(router, "GET", "/v1/admin/sinks")
        #expect(listed.json["removed"].items.map { $0["name"].text } == ["held"], "\(listed.text)")
        #expect(listed.json["removed"][0]["counters"] == ["pending": 0, "retrying": 0, "delivered": 0, "dead": 2, "parked": 2], "\(listed.text)")
        let answer = try await Self.admin(router, "POST", "/v1/admin/sinks/held/retire")
        #expect(answer.status == 200 && answer.json["retired"].integer == 2, "\(answer.text)")
        #expect(try await Self.admin(router, "GET", "/v1/admin/sinks").json["removed"] == .array([]))
    }
}
