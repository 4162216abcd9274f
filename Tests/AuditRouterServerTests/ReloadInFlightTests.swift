import AuditRouter
import AuditRouterServer
import Foundation
import GoTemplate
import Testing

/// Reloads while deliveries are under way, against the real binary: attempts in flight finish
/// and are recorded, queued deliveries move to the new configuration, and the pending deliveries
/// of a sink a reload removes wait, outside `spool.max_pending`, until it comes back.
@Suite("Reload with deliveries in flight", .serialized)
struct ReloadInFlightTests {
    /// Sink `hook` (concurrency 2, header `X-Generation`), then `sinks`.
    static func config(generation: Int, _ sinks: String) -> String {
        config(sinks: """
              - name: hook
                url: {{RECEIVER}}/hook
                concurrency: 2
                headers: { X-Generation: "\(generation)" }
            \(sinks)
            """)
    }

    static func config(maxPending: Int = 100_000, sinks: String) -> String {
        """
        server:
          listen: 127.0.0.1:{{PORT}}
        spool:
          path: {{DIR}}/spool.sqlite
          max_pending: \(maxPending)
        sinks:
        \(sinks)
        """
    }

    static func ingest(_ router: RouterProcess, key: String) async throws -> (Int, String) {
        try await HTTP.postJSON(router.baseURL + "/v1/events", #"{"type":"flag","action":"updated","payload":{"key":"\#(key)"}}"#)
    }

    @Test("SIGHUP while attempts are in flight: every event delivered once, the ones after the reload with the new settings")
    func reloadWithAttemptsInFlight() async throws {
        // 1 s an attempt, two at a time: the twelfth starts about 5 s in, long after the reload
        // even on a loaded machine.
        let receiver = try await TestReceiver.start { _, _ in ReceiverReply(delay: .seconds(1)) }
        defer { receiver.stop() }
        let router = try RouterProcess(config: Self.config(generation: 1, "").replacingOccurrences(of: "{{RECEIVER}}", with: receiver.url))
        try await router.start()
        defer { router.kill() }
        let keys = (0..<12).map { "k\($0)" }
        for key in keys {
            let (status, text) = try await Self.ingest(router, key: key)
            #expect(status == 202, "\(text)")
        }
        // Two attempts in flight (concurrency 2, 1 s each), ten queued: reload now.
        _ = await receiver.waitFor { $0.count >= 2 }
        try router.rewriteConfig(Self.config(generation: 2, """
              - name: extra
                type: file
                path: {{DIR}}/extra.jsonl
            """).replacingOccurrences(of: "{{RECEIVER}}", with: receiver.url))
        router.send(SIGHUP)
        try await waitForLog(router, "configuration reloaded")
        let inFlightAtReload = await receiver.requests().count

        let spool = try Spool(path: router.directory.appendingPathComponent("spool.sqlite").path)
        let counts = try await spool.waitForCounts(sink: "hook") { $0.delivered == keys.count }
        #expect(counts.delivered == keys.count && counts.pending == 0 && counts.dead == 0, "\(counts)\n\(router.output().suffix(3000))")
        let requests = await receiver.requests()
        let delivered = requests.compactMap { (try? Value(json: $0.body))?["payload"]["key"].text }
        #expect(delivered.sorted() == keys.sorted(), "each event once: \(delivered)")
        let generations = requests.map { $0.header("X-Generation") ?? "none" }
        print("ReloadInFlight: \(inFlightAtReload) requests sent before the reload; generations \(generations)")
        #expect(inFlightAtReload < keys.count, "everything was delivered before the reload: the test proves nothing")
        #expect(generations.first == "1" && generations.last == "2", "\(generations)")
        #expect(generations.drop { $0 == "1" }.allSatisfy { $0 == "2" }, "no request with the old settings after one with the new: \(generations)")
    }

    @Test("a reload that removes a sink: its pending deliveries wait, readable, outside max_pending; a reload that brings it back delivers them")
    func removedSinkWaitsAndComesBack() async throws {
        let up = Switch()
        let receiver = try await TestReceiver.start { request, _ in
            ReceiverReply(status: request.path == "/flaky" && !up.isOn ? .serviceUnavailable : .ok)
        }
        defer { receiver.stop() }
        let steady = """
              - name: steady
                type: file
                path: {{DIR}}/steady.jsonl
                events: ["flag:created"]
            """
        let flaky = """
              - name: flaky
                url: \(receiver.url)/flaky
                retry: { initial_backoff: 200ms, max_backoff: 200ms, jitter: 0, max_attempts: 1000 }
            """
        let withFlaky = Self.config(maxPending: 4, sinks: steady + "\n" + flaky)
        let router = try RouterProcess(config: withFlaky)
        try await router.start()
        defer { router.kill() }
        for index in 0..<4 {
            let (status, text) = try await Self.ingest(router, key: "p\(index)")
            #expect(status == 202, "\(text)")
        }
        let spool = try Spool(path: router.directory.appendingPathComponent("spool.sqlite").path)
        let (refused, _) = try await Self.ingest(router, key: "refused")
        #expect(refused == 503, "flaky's 4 pending deliveries fill max_pending")

        // Removed: its deliveries stay pending (nothing of them is lost or changed), and no longer
        // count toward max_pending; the gauge still shows them.
        try router.rewriteConfig(Self.config(maxPending: 4, sinks: steady))
        router.send(SIGHUP)
        try await waitForLog(router, "configuration reloaded")
        for index in 0..<3 {
            let (status, text) = try await HTTP.postJSON(router.baseURL + "/v1/events", #"{"type":"flag","action":"created","payload":{"key":"after\#(index)"}}"#)
            #expect(status == 202, "\(text)")
        }
        #expect(try await HTTP.request("GET", router.baseURL + "/readyz").0 == 200)
        let attemptsWhileRemoved = await receiver.requests().count
        var gauge = ""
        let gaugeDeadline = ContinuousClock.now + .seconds(30)  // refreshed every 5 s
        while !gauge.contains(#"audit_router_pending_deliveries{sink="flaky"} 4"#) && ContinuousClock.now < gaugeDeadline {
            try await Task.sleep(for: .milliseconds(100))
            gauge = try await HTTP.request("GET", router.baseURL + "/metrics").1
        }
        #expect(gauge.contains(#"audit_router_pending_deliveries{sink="flaky"} 4"#), "\(gauge.split(separator: "\n").filter { $0.contains("pending_deliveries{") })")
        var counts = try await spool.counts(sink: "flaky")
        #expect(counts.pending == 4 && counts.dead == 0, "\(counts)")
        #expect(await receiver.requests().count <= attemptsWhileRemoved + 2, "attempts went on to a removed sink")

        // Back by a reload, with the receiver fixed: delivered, and counted again.
        up.turnOn()
        try router.rewriteConfig(withFlaky)
        router.send(SIGHUP)
        counts = try await spool.waitForCounts(sink: "flaky") { $0.delivered == 4 }
        #expect(counts.delivered == 4 && counts.pending == 0 && counts.dead == 0, "\(counts)\n\(router.output().suffix(3000))")
        let keys = await receiver.requests().filter { $0.path == "/flaky" }.compactMap { (try? Value(json: $0.body))?["payload"]["key"].text }
        #expect(Set(keys) == ["p0", "p1", "p2", "p3"], "\(keys)")
    }
}
