import Foundation
import GoTemplate
import Testing

/// Malformed and hostile requests against the admin API and the other operator endpoints of the
/// real binary (issue 4, "Bad input": every endpoint): each gets a 4xx with a JSON
/// `{"error": {"code", "message"}}`, the server keeps serving, and none of them changes anything —
/// no replay, pause, resume, test delivery or reload happens, the spool's counters and dead letters
/// read the same before and after, and no token reaches the log.
@Suite("Admin fuzz", .serialized)
struct AdminFuzzTests {
    static let token = "adm1n-t0ken-Zq8"
    static let ingestToken = "ingest-t0ken-Wm3"
    static let auth = ("Authorization", "Bearer \(token)")
    static let json = ("Content-Type", "application/json")
    static let maxBody = 1 << 20

    /// `ok` writes to a file (a test delivery through it would add a line); `dead` refuses every
    /// attempt, so the spool holds dead letters a replay would re-queue.
    static let config = """
        server:
          listen: 127.0.0.1:{{PORT}}
          admin_token: \(token)
          ingest_token: \(ingestToken)
        spool:
          path: {{DIR}}/spool.sqlite
        sinks:
          - name: ok
            type: file
            path: {{DIR}}/ok.jsonl
          - name: dead
            url: http://127.0.0.1:9/refused
            retry: { max_attempts: 1 }
        """

    /// The POST routes that read a body, each with a body it would act on.
    static let bodyRoutes: [(path: String, acting: String)] = [
        ("/v1/admin/sinks/dead/replay", "{}"), ("/v1/admin/sinks/ok/pause", #"{"reason":"fuzz"}"#),
        ("/v1/admin/sinks/ok/resume", "{}"), ("/v1/admin/sinks/ok/test", "{}"), ("/v1/admin/reload", "{}"),
    ]

    /// Every admin route, with `eventID` for `events/{id}`.
    static func routes(eventID: String) -> [(method: String, path: String)] {
        [("GET", "/v1/admin/sinks"), ("GET", "/v1/admin/sinks/ok/deliveries"), ("GET", "/v1/admin/sinks/dead/deliveries?status=dead"),
         ("GET", "/v1/admin/events/\(eventID)"), ("GET", "/v1/admin/dead-letters"), ("GET", "/v1/admin/dead-letters?sink=dead")]
            + bodyRoutes.map { ("POST", $0.path) }
    }

    static func request(_ method: String, _ path: String, headers: [(String, String)] = [auth, json], body: String? = nil) -> [UInt8] {
        RawHTTP.request(method, path, headers: headers, body: body.map { Array($0.utf8) })
    }

    @Test("hostile tokens, parameters, paths, bodies and methods on every admin endpoint: 4xx JSON errors, nothing changes")
    func hostileAdmin() async throws {
        let router = try RouterProcess(config: Self.config)
        try await router.start()
        defer { router.kill() }
        let port = router.port, tally = ProbeTally()
        let eventID = try await Self.settle(router)
        let before = try await Self.state(router)

        // 1. Tokens: every route, with what it would act on, refused without the right token.
        var probes: [HostileProbe] = []
        let tokens: [String?] = [nil, "", "Bearer", "Bearer ", "Bearer nope", "Bearer \(Self.token.dropLast())", "Bearer \(Self.token)x",
                                 "Bearer  \(Self.token)", "Bearer \(Self.token.uppercased())", "Basic \(Data(Self.token.utf8).base64EncodedString())",
                                 Self.token, "Bearer\(Self.token)", "Bearer \(Self.ingestToken)", "Bearer " + String(repeating: "t", count: 8000)]
        for route in Self.routes(eventID: eventID) {
            let body = Self.bodyRoutes.first { $0.path == route.path }?.acting
            for token in tokens {
                let headers = [Self.json] + (token.map { [("Authorization", $0)] } ?? [])
                probes.append(HostileProbe(label: "\(route.method) \(route.path) Authorization \(token?.prefix(24) ?? "absent")",
                                           bytes: Self.request(route.method, route.path, headers: headers, body: body), expect: .reject("unauthorized")))
            }
        }
        await ProbeRunner.run("admin tokens", probes, port: port, tally: tally, suite: "AdminFuzz")

        // 2. Query parameters and path parameters that do not read.
        probes = []
        let listings = ["/v1/admin/sinks/ok/deliveries", "/v1/admin/dead-letters"]
        for path in listings {
            for (name, values) in [("page", ["0", "-1", "abc", "1.5", "1e3", "0x10", "10000001", "99999999999999999999999", "%00", "%20", "1%20", "%D9%A1", "9223372036854775807"]),
                                   ("limit", ["0", "-5", "501", "NaN", "1e2", "99999999999999999999999", "%00", "2%2C3"])] {
                for value in values {
                    probes.append(HostileProbe(label: "GET \(path)?\(name)=\(value)", bytes: Self.request("GET", "\(path)?\(name)=\(value)"), expect: .reject("invalid_parameter")))
                }
            }
        }
        for value in ["bogus", "DELIVERED", "pending,dead", "%00", "dead%20", String(repeating: "x", count: 3000)] {
            probes.append(HostileProbe(label: "GET deliveries?status=\(value.prefix(20))", bytes: Self.request("GET", "/v1/admin/sinks/ok/deliveries?status=\(value)"), expect: .reject("invalid_parameter")))
        }
        let names = ["nope", "OK", "ok%20", "%00", "ok%00", "..%2F..%2Fetc%2Fpasswd", "%FF%FE", "%E2%80%AEko", String(repeating: "s", count: 5000), "ok';DROP%20TABLE%20delivery;--"]
        for name in names {
            probes.append(HostileProbe(label: "GET dead-letters?sink=\(name.prefix(24))", bytes: Self.request("GET", "/v1/admin/dead-letters?sink=\(name)"), expect: .reject("sink_not_found")))
            probes.append(HostileProbe(label: "GET sinks/\(name.prefix(24))/deliveries", bytes: Self.request("GET", "/v1/admin/sinks/\(name)/deliveries"), expect: .reject("sink_not_found")))
            for action in ["test", "replay", "pause", "resume", "retire"] {
                probes.append(HostileProbe(label: "POST sinks/\(name.prefix(24))/\(action)", bytes: Self.request("POST", "/v1/admin/sinks/\(name)/\(action)", body: "{}"), expect: .reject("sink_not_found")))
            }
        }
        for id in ["nope", eventID.uppercased(), eventID + "x", String(eventID.dropLast()), "%00", eventID + "%00", "'%20OR%201=1%20--", String(repeating: "e", count: 5000), "%2E%2E"] {
            probes.append(HostileProbe(label: "GET events/\(id.prefix(24))", bytes: Self.request("GET", "/v1/admin/events/\(id)"), expect: .reject("event_not_found")))
        }
        await ProbeRunner.run("query and path parameters", probes, port: port, tally: tally, suite: "AdminFuzz")

        // 3. Bodies: broken, hostile, of the wrong shape, too big, of the wrong content type.
        probes = []
        let hostile = HostileBodies.mustReject(maxBodyBytes: Self.maxBody).filter { !["empty", "space", "empty object"].contains($0.0) }
        for route in Self.bodyRoutes {
            for (label, body) in hostile {
                probes.append(HostileProbe(label: "POST \(route.path) \(label)", bytes: RawHTTP.request("POST", route.path, headers: [Self.auth, Self.json], body: body),
                                           expect: .reject(body.count > Self.maxBody ? "body_too_large" : "invalid_body")))
            }
            for type in [nil, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "application/jsonx", "json", "*/*"] {
                let headers = [Self.auth] + (type.map { [("Content-Type", $0)] } ?? [])
                probes.append(HostileProbe(label: "POST \(route.path) Content-Type \(type ?? "absent")", bytes: Self.request("POST", route.path, headers: headers, body: route.acting),
                                           expect: .reject("unsupported_media_type")))
            }
            let big = Array(repeating: UInt8(ascii: " "), count: 2 * Self.maxBody) + Array(route.acting.utf8)
            probes.append(HostileProbe(label: "POST \(route.path) 2 MiB", bytes: RawHTTP.request("POST", route.path, headers: [Self.auth, Self.json], body: big), expect: .reject("body_too_large")))
            probes.append(HostileProbe(label: "POST \(route.path) chunked 2 MiB", bytes: RawHTTP.chunked("POST", route.path, headers: [Self.auth, Self.json], body: big), expect: .reject("body_too_large")))
            probes.append(HostileProbe(label: "POST \(route.path) declares 9 GB", bytes: Array("POST \(route.path) HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(Self.token)\r\nContent-Type: application/json\r\nContent-Length: 9000000000\r\n\r\n{".utf8),
                                       expect: .reject("body_too_large")))
            probes.append(HostileProbe(label: "POST \(route.path) 2 MiB without token", bytes: RawHTTP.request("POST", route.path, headers: [Self.json], body: big), expect: .reject("unauthorized")))
            let nested = #"{"x":"# + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "}"
            for body in [#"{"unknown":1}"#, nested, #"{"reason":"\#u{FFFF}","x":1}"#, #"{"delivery_ids":[1e999]}"#, #"{"":null}"#] {
                probes.append(HostileProbe(label: "POST \(route.path) \(body.prefix(30))", bytes: Self.request("POST", route.path, body: body), expect: .reject("invalid_body")))
            }
            probes.append(HostileProbe(label: "POST \(route.path) invalid UTF-8 in a string", bytes: RawHTTP.request("POST", route.path, headers: [Self.auth, Self.json], body: Array(#"{"reason":""#.utf8) + [0xC0, 0xAF] + Array(#""}"#.utf8)),
                                       expect: .reject("invalid_body")))
        }
        let replay = "/v1/admin/sinks/dead/replay"
        for body in [#"{"delivery_ids":"x"}"#, #"{"delivery_ids":[1]}"#, #"{"delivery_ids":[]}"#, #"{"delivery_ids":[null]}"#, #"{"delivery_ids":null}"#,
                     #"{"delivery_ids":{"a":"b"}}"#, #"{"delivery_ids":[["x"]]}"#, "{\"delivery_ids\":[" + (0...1000).map { "\"d\($0)\"" }.joined(separator: ",") + "]}",
                     #"{"delivery_ids":["x"],"since":"2000-01-01T00:00:00Z"}"#, #"{"since":"yesterday"}"#, #"{"since":5}"#, #"{"since":["2000-01-01T00:00:00Z"]}"#,
                     #"{"since":"2001-01-01T00:00:00Z","until":"2000-01-01T00:00:00Z"}"#, #"{"since":"2000-01-01T00:00:00Z","until":"2000-01-01T00:00:00Z"}"#,
                     #"{"since":"2024-13-45T99:00:00Z"}"#, #"{"since":"99999-01-01T00:00:00Z"}"#, #"{"since":"2024-05-01T10:00:00"}"#, #"{"since":"2024-05-01"}"#,
                     #"{"until":""}"#, #"{"sink":"ok"}"#, #"{"since":"2024-05-01T10:00:00Z","SINCE":"x"}"#] {
            probes.append(HostileProbe(label: "POST replay \(body.prefix(60))", bytes: Self.request("POST", replay, body: body), expect: .reject("invalid_body")))
        }
        for body in [#"{"reason":5}"#, #"{"reason":["x"]}"#, #"{"reason":{"a":1}}"#, #"{"reason":true}"#, #"{"reason":"x","extra":1}"#, #"{"paused":true}"#] {
            probes.append(HostileProbe(label: "POST pause \(body)", bytes: Self.request("POST", "/v1/admin/sinks/ok/pause", body: body), expect: .reject("invalid_body")))
        }
        for (path, body) in [("/v1/admin/sinks/ok/resume", #"{"reason":"x"}"#), ("/v1/admin/sinks/ok/test", #"{"event":{"type":"flag"}}"#),
                             ("/v1/admin/sinks/ok/test", #"{"sink":"dead"}"#), ("/v1/admin/reload", #"{"path":"/etc/passwd"}"#), ("/v1/admin/reload", #"{"force":true}"#)] {
            probes.append(HostileProbe(label: "POST \(path) \(body)", bytes: Self.request("POST", path, body: body), expect: .reject("invalid_body")))
        }
        await ProbeRunner.run("admin bodies", probes, port: port, tally: tally, suite: "AdminFuzz")

        // 4. Methods and paths no route answers, on the admin API and the other operator endpoints.
        probes = []
        for route in Self.routes(eventID: eventID) {
            for method in ["PUT", "DELETE", "PATCH", route.method == "GET" ? "POST" : "GET"] {
                probes.append(HostileProbe(label: "\(method) \(route.path)", bytes: Self.request(method, route.path, body: method == "GET" ? nil : "{}"), expect: .reject(nil)))
            }
        }
        for path in ["/v1/admin", "/v1/admin/", "/v1/admin/nope", "/v1/admin/sinks/ok", "/v1/admin/sinks/ok/", "/v1/admin/sinks/ok/deliveries/extra",
                     "/v1/admin/sinks//test", "/v1/admin/events", "/v1/admin/events/", "/v1/admin/dead-letters/x", "/v1/admin/reload/now",
                     "/v1/ADMIN/sinks", "/v1/admin/%73inks", "/V1/admin/sinks"] {
            for method in ["GET", "POST"] {
                probes.append(HostileProbe(label: "\(method) \(path)", bytes: Self.request(method, path, body: method == "POST" ? "{}" : nil), expect: .reject(nil)))
            }
        }
        for path in ["/metrics", "/openapi.json", "/healthz", "/readyz"] {
            for method in ["POST", "PUT", "DELETE", "PATCH"] {
                probes.append(HostileProbe(label: "\(method) \(path)", bytes: Self.request(method, path, body: "{}"), expect: .reject(nil)))
            }
        }
        let head = "POST /v1/admin/sinks/dead/replay HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(Self.token)\r\nContent-Type: application/json\r\n"
        for (label, text) in [("two Content-Lengths", head + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}"), ("bad chunk size", head + "Transfer-Encoding: chunked\r\n\r\nzz\r\n"),
                              ("non-numeric Content-Length", head + "Content-Length: abc\r\n\r\n{}"), ("NUL in the token", head.replacingOccurrences(of: "Bearer ", with: "Bearer \u{0}") + "Content-Length: 2\r\n\r\n{}"),
                              ("huge header", head + "X-Big: " + String(repeating: "a", count: 200_000) + "\r\nContent-Length: 2\r\n\r\n{}")] {
            probes.append(HostileProbe(label: "replay with \(label)", bytes: Array(text.utf8), expect: .reject(nil)))
        }
        await ProbeRunner.run("methods, paths and framing", probes, port: port, tally: tally, suite: "AdminFuzz")

        // 5. Slow-loris bodies on the acting routes, while token probes are still answered.
        let starts = [head + "Content-Length: 1000\r\n\r\n{", head.replacingOccurrences(of: "dead/replay", with: "ok/pause") + "Transfer-Encoding: chunked\r\n\r\n400\r\n{\"reason\":"]
        let neighbours = Self.bodyRoutes.map { HostileProbe(label: "beside slow-loris: POST \($0.path) without token", bytes: Self.request("POST", $0.path, headers: [Self.json], body: $0.acting), expect: .reject("unauthorized")) }
        await ProbeRunner.besideSlowLoris(count: 6, starts: starts, neighbours: neighbours, port: port, tally: tally, suite: "AdminFuzz")

        // Nothing changed: the same sinks, counters, dead letters and file, and no token logged.
        let after = try await Self.state(router)
        #expect(after == before, "state changed:\nbefore \(before)\nafter  \(after)")
        let log = router.output()
        for secret in [Self.token, Self.ingestToken] { #expect(!log.contains(secret), "the log holds a token") }
        // What the state cannot show (a reload of the same file, a resume of a running sink) the log does.
        for action in ["configuration reloaded", "reload rejected", "sink paused", "sink resumed"] {
            #expect(!log.contains(action), "a hostile request made the router log \"\(action)\"")
        }
        await ProbeRunner.report(tally, title: "AdminFuzz answers")
    }

    @Test("admin POSTs: an empty body needs no Content-Type, and the routes that take no body accept an empty object")
    func emptyBodies() async throws {
        let router = try RouterProcess(config: Self.config)
        try await router.start()
        defer { router.kill() }
        for (path, headers, body) in [("/v1/admin/sinks/ok/pause", [Self.auth, ("Content-Type", "application/x-www-form-urlencoded")], ""),
                                      ("/v1/admin/sinks/ok/resume", [Self.auth], "  \n"),
                                      ("/v1/admin/sinks/ok/test", [Self.auth, Self.json], "{}"),
                                      ("/v1/admin/sinks/ok/test", [Self.auth, ("Content-Type", "application/json; charset=utf-8")], " { } "),
                                      ("/v1/admin/reload", [Self.auth, Self.json], "{}")] {
            let (status, text) = try await HTTP.request("POST", router.baseURL + path, headers: headers, body: Array(body.utf8))
            #expect(status == 200, "POST \(path) with \(headers.map(\.0)) and body \(body.debugDescription): \(status) \(text)")
        }
        #expect(IngestFuzzTests.lines(router, "ok.jsonl").count == 2, "two test deliveries, one line each")
    }
}

extension AdminFuzzTests {
    /// Ingests two events and waits until `ok` has delivered them and `dead` holds them as dead
    /// letters; returns one of their ids.
    static func settle(_ router: RouterProcess) async throws -> String {
        var ids: [String] = []
        for key in ["a", "b"] {
            let (status, text) = try await HTTP.postJSON(router.baseURL + "/v1/events", #"{"type":"flag","action":"created","payload":{"key":"\#(key)"}}"#,
                                                         headers: [("Authorization", "Bearer \(ingestToken)")])
            guard status == 202, let id = (try? Value(json: Array(text.utf8)))?["accepted"][0].text else { throw TestFailure("ingest: \(status) \(text)") }
            ids.append(id)
        }
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            let state = try await Self.state(router)
            if state.contains(#""delivered":2"#), state.contains(#""dead":2"#), state.contains(#""total":2"#) { return ids[0] }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestFailure("the events were not settled within 30 s: \(try await Self.state(router))\n\(router.output().suffix(2000))")
    }

    /// What a hostile request must not change: the sinks as the admin API lists them (state,
    /// counters, last success and error), the dead letters, the file sink's lines.
    static func state(_ router: RouterProcess) async throws -> String {
        var parts: [String] = []
        for path in ["/v1/admin/sinks", "/v1/admin/dead-letters"] {
            let (status, text) = try await HTTP.request("GET", router.baseURL + path, headers: [auth])
            guard status == 200 else { throw TestFailure("GET \(path): \(status) \(text)") }
            parts.append(text)
        }
        parts.append("ok.jsonl lines: \(IngestFuzzTests.lines(router, "ok.jsonl").count)")
        return parts.joined(separator: "\n")
    }
}
