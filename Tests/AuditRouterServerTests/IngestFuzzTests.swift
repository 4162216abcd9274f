import AuditRouter
import AuditRouterServer
import Crypto
import Foundation
import GoTemplate
import Testing

/// Malformed and hostile requests against the real binary (issue 4, "Bad input"): every one gets
/// a 4xx with a JSON `{"error": {"code", "message"}}`, the server keeps serving, and nothing of
/// them is stored. Deterministic: the seed is printed; replay with `FUZZ_SEED=<seed>`.
@Suite("Ingest fuzz", .serialized)
struct IngestFuzzTests {
    static let maxBody = 150_000
    static let auth = ("Authorization", "Bearer t0ken")
    static let json = ("Content-Type", "application/json")
    static let endpoints = ["/v1/events"] + EventSource.allCases.map { "/v1/ingest/\($0.rawValue)" }

    static func config(sinks: String = "") -> String {
        RouterEndToEndTests.config("""
              - name: out
                type: file
                path: {{DIR}}/out.jsonl
              - name: ids
                type: file
                path: {{DIR}}/ids.jsonl
                body: '{{toJson .ID}}'
            \(sinks)
            """, server: """
              ingest_token: t0ken
              max_body_bytes: \(maxBody)
            sources:
              flipt: { secret: s3cret }
            """)
    }

    typealias Probe = HostileProbe
    typealias Tally = ProbeTally

    static func run(_ name: String, _ probes: [Probe], port: Int, tally: Tally) async {
        await ProbeRunner.run(name, probes, port: port, tally: tally, suite: "IngestFuzz")
    }

    static func expectHealthy(port: Int, after: String) async {
        await ProbeRunner.expectHealthy(port: port, after: after)
    }

    static func sign(_ body: [UInt8], secret: String = "s3cret") -> String {
        HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array(secret.utf8))).map { String(format: "%02x", $0) }.joined()
    }

    /// The endpoints that check Flipt's signature (`sources.flipt.secret` is set).
    static let fliptEndpoints: Set<String> = ["/v1/ingest/flipt", "/v1/events"]

    /// A POST to `path` with the token, JSON content type and (for Flipt's endpoints) a valid signature.
    static func post(_ path: String, _ body: [UInt8], headers: [(String, String)]? = nil) -> [UInt8] {
        var fields = headers ?? [auth, json]
        if headers == nil, fliptEndpoints.contains(path) { fields.append(("X-Flipt-Webhook-Signature", sign(body))) }
        return RawHTTP.request("POST", path, headers: fields, body: body)
    }

    static func predicted(_ source: EventSource, _ body: [UInt8]) -> ProbeExpectation {
        .normalized(try? SourceFormat.normalize(source: source, body: body, receivedAt: Date(), makeID: { "x" }).count)
    }

    @Test("hostile bodies and headers on every ingest endpoint: 4xx JSON errors, the server keeps serving, nothing stored")
    func hostileIngest() async throws {
        let seed = FuzzRandom.seed(default: 0x1A6E_57F0_22)
        print("IngestFuzz seed \(seed) (replay with FUZZ_SEED=\(seed))")
        var random = FuzzRandom(seed: seed)
        let router = try RouterProcess(config: Self.config())
        try await router.start()
        defer { router.kill() }
        let port = router.port, tally = Tally()

        // 1. Bodies no endpoint may accept.
        let bodies = HostileBodies.mustReject(maxBodyBytes: Self.maxBody)
        await Self.run("bodies no source accepts", Self.endpoints.flatMap { path in
            bodies.map { label, body in
                Probe(label: "POST \(path) \(label)", bytes: Self.post(path, body), expect: .reject(body.count > Self.maxBody ? "body_too_large" : "invalid_event"))
            }
        }, port: port, tally: tally)

        // 2. Every field of real bodies given a wrong type; random byte mutations; mixed arrays.
        var mutations: [Probe] = []
        for source in EventSource.allCases {
            let path = "/v1/ingest/\(source.rawValue)"
            let samples = SampleEvents.bodies(for: source).map { try! Value(json: $0.bytes) }
            var candidates: [(String, Value)] = []
            for (index, sample) in samples.enumerated() {
                for fieldPath in JSONPath.all(in: sample) {
                    for replacement in HostileBodies.wrongTypes(for: JSONPath.value(at: fieldPath, in: sample)) {
                        candidates.append(("sample \(index) \(fieldPath.map(\.description).joined(separator: ".")) = \(String(decoding: replacement.jsonStringBytes(), as: UTF8.self))",
                                           JSONPath.replacing(fieldPath, in: sample, with: replacement)))
                    }
                }
            }
            for (label, document) in candidates.shuffled(using: &random).prefix(45) {
                let body = document.jsonStringBytes()
                mutations.append(Probe(label: "POST \(path) \(label)", bytes: Self.post(path, body), expect: Self.predicted(source, body)))
            }
            for _ in 0..<15 {
                var body = SampleEvents.bodies(for: source).randomElement(using: &random)!.bytes
                for _ in 0..<Int.random(in: 1...3, using: &random) {
                    let at = Int.random(in: 0..<body.count, using: &random)
                    switch Int.random(in: 0..<3, using: &random) {
                    case 0: body[at] = UInt8.random(in: 0...255, using: &random)
                    case 1: body.remove(at: at)
                    default: body.insert(Array(#"{}[]",:0\ "#.utf8).randomElement(using: &random)!, at: at)
                    }
                }
                mutations.append(Probe(label: "POST \(path) byte-mutated \(String(decoding: body.prefix(80), as: UTF8.self))",
                                       bytes: Self.post(path, body), expect: Self.predicted(source, body)))
            }
            let good = String(decoding: SampleEvents.bodies(for: source)[0].bytes, as: UTF8.self)
            for bad in ["{}", "5", "null", #""x""#, "[]", #"{"type":5}"#] {
                let body = Array(("[" + Array(repeating: good, count: 3).joined(separator: ",") + "," + bad + "]").utf8)
                mutations.append(Probe(label: "POST \(path) 3 good + \(bad)", bytes: Self.post(path, body), expect: .reject("invalid_event")))
            }
            let count = min(120, (Self.maxBody - 100) / (good.utf8.count + 1))
            let many = Array(("[" + Array(repeating: good, count: count).joined(separator: ",") + ",{\"x\":1}]").utf8)
            mutations.append(Probe(label: "POST \(path) \(count) good + 1 bad", bytes: Self.post(path, many), expect: .reject("invalid_event")))
        }
        await Self.run("wrong field types, byte mutations, mixed arrays", mutations, port: port, tally: tally)

        // 3. Tokens, content types, signatures, oversized and chunked bodies.
        let event = Array(RouterEndToEndTests.fliptEvent.utf8), broken = Array(#"{"type":"#.utf8)
        let signature = Self.sign(event)
        var headerProbes: [Probe] = []
        for path in Self.endpoints {
            // Flipt's endpoints are authenticated by the signature (the secret is set), not the token.
            for token in [nil, "Bearer", "Bearer ", "Bearer nope", "Bearer t0ken2", "Bearer t0ke", "Basic dDBrZW4=", "t0ken", "Bearer  t0ken", "Bearer " + String(repeating: "t", count: 8000)]
            where !Self.fliptEndpoints.contains(path) {
                let headers = (token.map { [("Authorization", $0)] } ?? []) + [Self.json, ("X-Flipt-Webhook-Signature", signature)]
                headerProbes.append(Probe(label: "POST \(path) Authorization \(token?.prefix(20) ?? "absent")", bytes: RawHTTP.request("POST", path, headers: headers, body: event), expect: .reject("unauthorized")))
            }
            for type in [nil, "", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml",
                         "application/jsonx", "application/json5", "json", "*/*", "application", "text/json", "application/ json"] {
                let headers = [Self.auth, ("X-Flipt-Webhook-Signature", signature)] + (type.map { [("Content-Type", $0)] } ?? [])
                headerProbes.append(Probe(label: "POST \(path) Content-Type \(type ?? "absent")", bytes: RawHTTP.request("POST", path, headers: headers, body: event), expect: .reject("unsupported_media_type")))
            }
            for type in ["APPLICATION/JSON", "application/json; charset=utf-16", "application/cloudevents+json", "application/+json"] {
                headerProbes.append(Probe(label: "POST \(path) Content-Type \(type), broken body", bytes: Self.post(path, broken, headers: [Self.auth, ("Content-Type", type)]), expect: .reject(nil)))
            }
            let big = HostileBodies.mustReject(maxBodyBytes: Self.maxBody).last { $0.1.count > Self.maxBody }!.1
            headerProbes.append(Probe(label: "POST \(path) chunked oversized", bytes: RawHTTP.chunked("POST", path, headers: [Self.auth, Self.json], body: big), expect: .reject("body_too_large")))
            headerProbes.append(Probe(label: "POST \(path) 4x oversized", bytes: Self.post(path, Array(repeating: 0x20, count: 4 * Self.maxBody)), expect: .reject("body_too_large")))
            headerProbes.append(Probe(
                label: "POST \(path) oversized without token", bytes: Self.post(path, big, headers: [Self.json]),
                expect: .reject(Self.fliptEndpoints.contains(path) ? "body_too_large" : "unauthorized")))
            headerProbes.append(Probe(label: "POST \(path) no body", bytes: RawHTTP.request("POST", path, headers: [Self.auth, Self.json]), expect: .reject(nil)))
            headerProbes.append(Probe(label: "POST \(path) chunked broken body", bytes: RawHTTP.chunked("POST", path, headers: [Self.auth, Self.json], body: broken), expect: .reject(nil)))
        }
        for flipt in Self.fliptEndpoints.sorted() {
            for (value, code) in [(nil, "signature_missing"), ("", "signature_missing"), ("   ", "signature_missing"), ("00", "signature_mismatch"),
                                  ("zz" + signature.dropFirst(2), "signature_mismatch"), (Self.sign(event, secret: "wrong"), "signature_mismatch"),
                                  ("sha256=" + Self.sign(event, secret: "s3cre"), "signature_mismatch"), (signature + "0", "signature_mismatch"),
                                  (signature + "00", "signature_mismatch"), (Self.sign(broken), "signature_mismatch"), (String(repeating: "ab", count: 5000), "signature_mismatch"),
                                  ("sha512=" + signature, "signature_mismatch")] as [(String?, String)] {
                let headers = [Self.auth, Self.json] + (value.map { [("X-Flipt-Webhook-Signature", $0)] } ?? [])
                headerProbes.append(Probe(label: "POST \(flipt) signature \(value?.prefix(24) ?? "absent")", bytes: RawHTTP.request("POST", flipt, headers: headers, body: event), expect: .reject(code)))
            }
            headerProbes.append(Probe(label: "POST \(flipt) signature in another header", bytes: RawHTTP.request("POST", flipt, headers: [Self.auth, Self.json, ("X-Hub-Signature-256", "sha256=" + signature)], body: event), expect: .reject("signature_missing")))
        }
        await Self.run("tokens, content types, signatures, sizes", headerProbes, port: port, tally: tally)

        // 4. Broken HTTP framing: what the HTTP parser refuses is answered with a JSON error too.
        let head = "POST /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t0ken\r\nContent-Type: application/json\r\n"
        let framing: [(String, String)] = [
            ("garbage request line", "GARBAGE\r\n\r\n"), ("HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"),
            ("negative Content-Length", head + "Content-Length: -5\r\n\r\n"), ("non-numeric Content-Length", head + "Content-Length: abc\r\n\r\n"),
            ("two Content-Lengths", head + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}"), ("bad chunk size", head + "Transfer-Encoding: chunked\r\n\r\nzz\r\n"),
            ("huge header", head + "X-Big: " + String(repeating: "a", count: 200_000) + "\r\n\r\n"), ("header without colon", head + "NoColon\r\n\r\n"),
            ("NUL in header value", head + "X-A: a\u{0}b\r\nContent-Length: 2\r\n\r\n{}"), ("NUL in path", "POST /v1/ev\u{0}ents HTTP/1.1\r\nHost: x\r\n\r\n"),
            ("100k path", "GET /" + String(repeating: "a", count: 100_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"), ("bad version", "POST /v1/events HTTP/9.9\r\n\r\n"),
        ]
        await Self.run("broken HTTP framing", framing.map { Probe(label: $0.0, bytes: Array($0.1.utf8), expect: .reject(nil)) }, port: port, tally: tally)

        // 5. Slow-loris: connections that send a few bytes slowly and stop; others are still served.
        let starts: [String] = [head + "Content-Length: 1000\r\n\r\n{\"type\"", head + "Transfer-Encoding: chunked\r\n\r\n400\r\n{", "POST /v1/ev", head + "Content-Length: 9999999999\r\n\r\n["]
        let neighbours = Array(bodies.prefix(20)).map { Probe(label: "slow-loris neighbour \($0.0)", bytes: Self.post("/v1/events", $0.1), expect: .reject(nil)) }
        await ProbeRunner.besideSlowLoris(count: 8, starts: starts, neighbours: neighbours, port: port, tally: tally, suite: "IngestFuzz")

        // One good event; then the spool and the file hold exactly what was accepted.
        let (status, text) = try await HTTP.postJSON(router.baseURL + "/v1/ingest/flipt", RouterEndToEndTests.fliptEvent, headers: [Self.auth, ("X-Flipt-Webhook-Signature", signature)])
        #expect(status == 202, "\(text)")
        if case .map(let map) = try Value(json: Array(text.utf8)), case .array(let ids)? = map["accepted"] {
            for case .string(let id) in ids { await tally.insertAccepted(id) }
        }
        let accepted = await tally.accepted.count
        let spool = try Spool(path: router.directory.appendingPathComponent("spool.sqlite").path)
        var counts = try await spool.counts(sink: "out")
        let clock = ContinuousClock(), deadline = clock.now + .seconds(60)
        while try await counts.pending + spool.counts(sink: "ids").pending > 0 && clock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
            counts = try await spool.counts(sink: "out")
        }
        #expect(counts.pending + counts.delivered + counts.dead == accepted, "stored \(counts), accepted \(accepted)")
        let lines = Self.lines(router, "out.jsonl"), ids = Self.lines(router, "ids.jsonl")
        for line in lines where (try? Value(json: Array(line.utf8))) == nil { Issue.record("file sink line is not JSON: \(line.prefix(200))") }
        let delivered = Set(ids.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) })
        let acceptedIDs = await tally.accepted
        #expect(delivered == acceptedIDs, "delivered but not accepted: \(delivered.subtracting(acceptedIDs).sorted().prefix(5)); accepted but not delivered: \(acceptedIDs.subtracting(delivered).sorted().prefix(5))")
        #expect(lines.count == accepted && ids.count == accepted, "\(accepted) events accepted, but the file sinks hold \(lines.count) and \(ids.count) lines (\(ids.count - delivered.count) duplicate ids) with no crash or retry")
        let longest = await tally.longestMessage
        print("IngestFuzz: \(accepted) events accepted in all (valid mutations + 1 good event); longest error message \(longest.0) chars (\(longest.1))")
        await ProbeRunner.report(tally, title: "IngestFuzz answers", context: "(seed \(seed))")
    }
}

extension IngestFuzzTests {
    @Test("unknown paths and methods get a 4xx JSON error and store nothing")
    func unknownRoutes() async throws {
        let router = try RouterProcess(config: Self.config())
        try await router.start()
        defer { router.kill() }
        let tally = Tally(), event = Array(RouterEndToEndTests.fliptEvent.utf8)
        var probes: [Probe] = []
        for path in Self.endpoints {
            for method in ["GET", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO"] {
                // The HTTP parser refuses a method it does not know (FOO), before routing.
                probes.append(Probe(label: "\(method) \(path)", bytes: Self.post(path, event).replacingPrefix("POST", with: method), expect: .reject(method == "FOO" ? "malformed_request" : nil)))
            }
        }
        for path in ["/", "/v1", "/v1/ingest", "/v1/ingest/", "/v1/ingest/unknown", "/v1/ingest/FLIPT", "/v1/ingest/flipt/extra", "/v1/events/x",
                     "/v2/events", "/v1/%65vents", "/v1/ingest/%00", "/../../etc/passwd", "/v1/admin/sinks", "/metrics", "/openapi.json?x=1#y",
                     "/" + String(repeating: "a/", count: 2000), "*"] {
            probes.append(Probe(label: "POST \(path.prefix(40))", bytes: Self.post(path, event), expect: .reject(nil)))
        }
        await Self.run("unknown paths and methods", probes, port: router.port, tally: tally)
        let spool = try Spool(path: router.directory.appendingPathComponent("spool.sqlite").path)
        let counts = try await spool.counts(sink: "out")
        #expect(counts.pending + counts.delivered + counts.dead == 0, "stored \(counts)")
        await ProbeRunner.report(tally, title: "IngestFuzz unknown routes", context: "of \(probes.count) to unknown routes")
    }

    @Test("a request the parser refuses after pipelined ones: they keep their answers, it gets the JSON error, then the connection closes")
    func parseErrorAfterPipelinedRequests() async throws {
        let router = try RouterProcess(config: Self.config())
        try await router.start()
        defer { router.kill() }
        let keepAlive = { (bytes: [UInt8]) in Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "Connection: close\r\n", with: "").utf8) }
        let event = Array(RouterEndToEndTests.fliptEvent.utf8)
        let broken: [(String, String)] = [
            ("unknown method", "FOO / HTTP/1.1\r\nHost: x\r\n\r\n"),
            ("broken Content-Length", "POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n"),
        ]
        for (label, request) in broken {
            let bytes = keepAlive(RawHTTP.request("GET", "/healthz")) + keepAlive(Self.post("/v1/events", event)) + Array(request.utf8)
                + Array("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".utf8)  // after the broken one: never read
            let (outcomes, closed) = await RawHTTP.pipelined(port: router.port, bytes)
            #expect(closed, "\(label): the router did not close the connection")
            #expect(outcomes.map(\.status) == [200, 202, 400], "\(label): \(outcomes)")
            guard outcomes.count == 3, case .response(let error) = outcomes[2] else { continue }
            #expect(error.jsonError?.code == "malformed_request", "\(label): \(String(decoding: error.body, as: UTF8.self))")
            #expect(error.headers["connection"] == "close", "\(label)")
        }
        // Connection: close, then bytes the parser refuses: the one answer, then the close.
        let closing = await RawHTTP.pipelined(port: router.port, RawHTTP.request("GET", "/healthz") + Array("FOO / HTTP/1.1\r\n\r\n".utf8))
        #expect(closing.closed && closing.outcomes.count == 1, "after Connection: close: \(closing.outcomes)")
        // Answered before its body was read (no token: 401; Flagr has no secret here), then a broken chunk: the 401 alone.
        let unread = "POST /v1/ingest/flagr HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\nzz\r\n"
        let early = await RawHTTP.pipelined(port: router.port, Array(unread.utf8))
        #expect(early.closed && early.outcomes.map(\.status) == [401], "answered before its body: \(early.outcomes)")
        await Self.expectHealthy(port: router.port, after: "parse errors after pipelined requests")
    }

    /// Bodies nest at most `SourceFormat.maxNestingDepth` levels: within it they are accepted and
    /// a sink that prints them (as the shipped templates print `.Payload.key`) delivers them;
    /// beyond it, up to Go's 10000 levels and past, they get a 400 naming the limit, and the
    /// router keeps serving.
    @Test("deeply nested payloads: accepted and printed within the limit, a clear 400 beyond it, never a crash")
    func deepPayloads() async throws {
        let router = try RouterProcess(config: Self.config(sinks: """
              - name: printed
                type: file
                path: {{DIR}}/printed.jsonl
                body: '{"key": {{print (or .Payload.key "") | toJson}}}'
            """))
        try await router.start()
        defer { router.kill() }
        let limit = SourceFormat.maxNestingDepth
        var accepted = 0
        // The body's object and `payload` are two levels of their own.
        for depth in [10, limit - 2, limit - 1, 1000, 9000, 10001] {
            for (open, close) in [("[", "]"), (#"{"k":"#, "}")] {
                let deep = String(repeating: open, count: depth) + "1" + String(repeating: close, count: depth)
                let body = Array(#"{"type":"flag","action":"created","payload":{"key":\#(deep)}}"#.utf8)
                let outcome = await RawHTTP.exchange(port: router.port, Self.post("/v1/events", body))
                let health = await RawHTTP.exchange(port: router.port, RawHTTP.request("GET", "/healthz"))
                guard case .response(let answer) = outcome, case .response(let healthy) = health, healthy.status == 200 else {
                    Issue.record("the router died taking payload.key nested \(depth) deep (\(open)...): POST \(outcome), then /healthz \(health)")
                    return
                }
                let text = String(decoding: answer.body, as: UTF8.self)
                if depth + 2 <= limit {
                    #expect(answer.status == 202, "nested \(depth + 2) deep: \(answer.status) \(text)")
                    accepted += 1
                } else {
                    #expect(answer.status == 400 && text.contains("exceeded max depth of \(limit)"), "nested \(depth + 2) deep: \(answer.status) \(text)")
                }
            }
        }
        let clock = ContinuousClock(), deadline = clock.now + .seconds(60)
        while Self.lines(router, "printed.jsonl").count < accepted && clock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(Self.lines(router, "printed.jsonl").count == accepted, "router output:\n\(router.output().suffix(2000))")
        let spool = try Spool(path: router.directory.appendingPathComponent("spool.sqlite").path)
        let counts = try await spool.waitForCounts(sink: "printed") { $0.pending == 0 }
        #expect(counts.pending == 0, "undelivered: \(counts); router output:\n\(router.output().suffix(2000))")
    }
}

extension IngestFuzzTests {
    static func lines(_ router: RouterProcess, _ file: String) -> [String] {
        ((try? String(contentsOf: router.directory.appendingPathComponent(file), encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }
}

extension [UInt8] {
    func replacingPrefix(_ prefix: String, with replacement: String) -> [UInt8] {
        Array(replacement.utf8) + dropFirst(prefix.utf8.count)
    }
}

