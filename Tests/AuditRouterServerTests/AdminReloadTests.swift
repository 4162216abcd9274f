import AuditRouter
import AuditRouterServer
import Foundation
import GoTemplate
import Testing

/// `POST /v1/admin/reload`: the configuration file read again, or rejected with its problems.
@Suite("Admin API reload")
struct AdminReloadTests {
    static func config(adminToken: String = "t", sinks: String) -> String {
        """
        server:
          listen: 127.0.0.1:0
          admin_token: \(adminToken)
        spool:
          path: {{DIR}}/spool.sqlite
        sinks:
        \(sinks)
        """
    }

    static func write(_ yaml: String, to router: AdminRouter) throws {
        try yaml.replacingOccurrences(of: "{{DIR}}", with: router.directory.path)
            .write(to: router.directory.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
    }

    @Test("a valid file puts its sinks in force; removed sinks keep their deliveries readable")
    func reloadsValidFile() async throws {
        let receiver = try await TestReceiver.start { request, _ in ReceiverReply(status: request.path == "/first" ? .notFound : .ok) }
        defer { receiver.stop() }
        let first = """
              - name: first
                url: \(receiver.url)/first
                retry: { max_attempts: 1 }
            """
        let router = try await AdminRouter.start(yaml: Self.config(sinks: first))
        _ = try await router.ingest()
        try await router.waitFor("/v1/admin/dead-letters?sink=first") { $0["total"].integer == 1 }

        try Self.write(Self.config(sinks: first + "\n" + "  - name: second\n    url: \(receiver.url)/second"), to: router)
        let reloaded = try await router.post("/v1/admin/reload")
        #expect(reloaded.status == 200, "\(reloaded.text)")
        #expect(reloaded.json["sinks"].items.map { $0["name"].text } == ["first", "second"])
        #expect(reloaded.json["sinks"][1]["state"].text == "running")
        #expect(try await router.get("/v1/admin/sinks").json["sinks"].items.count == 2)
        _ = try await router.ingest()
        #expect(await receiver.waitFor { $0.contains { $0.path == "/second" } }.contains { $0.path == "/second" })
        try await router.waitFor("/v1/admin/dead-letters?sink=first") { $0["total"].integer == 2 }

        try Self.write(Self.config(sinks: "  - name: second\n    url: \(receiver.url)/second"), to: router)
        #expect(try await router.post("/v1/admin/reload").json["sinks"].items.map { $0["name"].text } == ["second"])
        let removed = try await router.get("/v1/admin/sinks/first/deliveries")
        #expect(removed.status == 200)
        #expect(removed.json["total"].integer == 2)
        #expect(try await router.get("/v1/admin/dead-letters?sink=first").json["total"].integer == 2)
        await router.stop()
    }

    @Test("an invalid file is a 422 listing every problem, and the running configuration stays")
    func rejectsInvalidFile() async throws {
        let sinks = "  - name: hook\n    url: http://127.0.0.1:9/hook"
        let router = try await AdminRouter.start(yaml: Self.config(sinks: sinks))
        try Self.write(Self.config(sinks: sinks + "\n    timeout: 10 s\n    colour: blue"), to: router)
        let rejected = try await router.post("/v1/admin/reload")
        #expect(rejected.status == 422)
        #expect(rejected.errorCode == "invalid_configuration")
        let problems = rejected.json["error"]["problems"].items.compactMap(\.text)
        #expect(problems.count == 2)
        #expect(problems.contains { $0.contains("sinks[0].timeout") && $0.contains("config.yaml:") })
        #expect(problems.contains { $0.contains("colour") })
        #expect(rejected.json["error"]["message"].text == problems.joined(separator: "\n"))
        let sinksNow = try await router.get("/v1/admin/sinks").json["sinks"]
        #expect(sinksNow.items.count == 1)
        #expect(sinksNow[0]["settings"]["timeout"].text == "10s")
        await router.stop()
    }

    @Test("a file that loads but has a sink failing its sample renders (as validate reports) is a 422 too")
    func rejectsFileFailingSampleRenders() async throws {
        let sinks = "  - name: hook\n    url: http://127.0.0.1:9/hook"
        let router = try await AdminRouter.start(yaml: Self.config(sinks: sinks))
        try Self.write(Self.config(sinks: sinks + "\n  - name: broken\n    url: http://127.0.0.1:9/b\n    body: '{{ .Payload.nope.deeper }}'"), to: router)
        let rejected = try await router.post("/v1/admin/reload")
        #expect(rejected.status == 422, "\(rejected.text)")
        let problems = rejected.json["error"]["problems"].items.compactMap(\.text)
        // Two distinct failures: not JSON (`<no value>`) for most samples, nil pointer for one.
        #expect(problems.count == 2 && problems.allSatisfy { $0.contains("config.yaml: sinks[1] (broken): ") }, "\(problems)")
        #expect(try await router.get("/v1/admin/sinks").json["sinks"].items.map { $0["name"].text } == ["hook"])
        await router.stop()
    }

    @Test("a reload that changes the admin token takes effect at the next request")
    func reloadChangesToken() async throws {
        let sinks = "  - name: hook\n    url: http://127.0.0.1:9/hook"
        let router = try await AdminRouter.start(yaml: Self.config(sinks: sinks))
        try Self.write(Self.config(adminToken: "", sinks: sinks), to: router)
        #expect(try await router.post("/v1/admin/reload").status == 200)
        let off = try await router.get("/v1/admin/sinks")
        #expect(off.status == 404)
        #expect(off.errorCode == "admin_disabled")
        await router.stop()
    }

    @Test("a router configured in code has no file to reload: 409")
    func noFile() async throws {
        let router = try await AdminRouter.start(sinks: [])
        let response = try await router.post("/v1/admin/reload")
        #expect(response.status == 409)
        #expect(response.errorCode == "reload_unavailable")
        await router.stop()
    }

    @Test("retire: a disabled sink's pending and parked deliveries become dead letters that a resume leaves alone; a running or paused sink is refused")
    func retiresDisabledSink() async throws {
        let receiver = try await TestReceiver.start { _, _ in ReceiverReply(status: .serviceUnavailable) }
        defer { receiver.stop() }
        let sink = { (name: String, enabled: Bool) in """
              - name: \(name)
                url: \(receiver.url)/\(name)
                enabled: \(enabled)
                retry: { initial_backoff: 1h, max_backoff: 1h, jitter: 0 }
            """ }
        let router = try await AdminRouter.start(yaml: Self.config(sinks: sink("parked", true) + "\n" + sink("waiting", true)))
        _ = try await router.ingest()
        _ = try await router.ingest()
        // Each delivery attempted once, then waiting an hour for its retry: none in flight.
        try await router.waitFor("/v1/admin/sinks") { $0["sinks"].items.allSatisfy { $0["counters"]["retrying"].integer == 2 } }
        let running = try await router.post("/v1/admin/sinks/waiting/retire")
        #expect(running.status == 409 && running.errorCode == "sink_running", "\(running.text)")
        #expect(try await router.post("/v1/admin/sinks/parked/pause").json["parked"].integer == 2)
        let paused = try await router.post("/v1/admin/sinks/parked/retire")
        #expect(paused.status == 409 && paused.errorCode == "sink_running", "\(paused.text)")

        try Self.write(Self.config(sinks: sink("parked", false) + "\n" + sink("waiting", false)), to: router)
        #expect(try await router.post("/v1/admin/reload").status == 200)
        // Disabled, they are still configured: listed among the sinks, not under `removed`.
        let listed = try await router.get("/v1/admin/sinks").json
        #expect(listed["sinks"].items.map { $0["state"].text } == ["disabled", "disabled"] && listed["removed"] == .array([]), "\(listed)")
        for name in ["parked", "waiting"] {
            let retired = try await router.post("/v1/admin/sinks/\(name)/retire")
            #expect(retired.status == 200 && retired.json["retired"].integer == 2 && retired.json["in_flight"].integer == 0, "\(name): \(retired.text)")
            let dead = try await router.get("/v1/admin/dead-letters?sink=\(name)").json
            #expect(dead["items"].items.map { $0["last_error"].text } == [Spool.retiredReason, Spool.retiredReason], "\(name): \(dead)")
        }

        // Enabled again and resumed: retired deliveries stay dead letters until a replay.
        try Self.write(Self.config(sinks: sink("parked", true) + "\n" + sink("waiting", true)), to: router)
        #expect(try await router.post("/v1/admin/reload").status == 200)
        #expect(try await router.post("/v1/admin/sinks/parked/resume").json["requeued"].integer == 0)
        let after = try await router.get("/v1/admin/sinks").json["sinks"].items
        #expect(after.map { $0["counters"] } == Array(repeating: ["pending": 0, "retrying": 0, "delivered": 0, "dead": 2, "parked": 0], count: 2), "\(after)")
        await router.stop()
    }
}
