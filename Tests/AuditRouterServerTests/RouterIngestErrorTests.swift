import AuditRouter
import AuditRouterServer
import Foundation
import GoTemplate
import Testing

/// Bad input gets a clear JSON error and stores nothing.
@Suite("Router ingest errors", .serialized)
struct RouterIngestErrorTests {
    @Test("400, 401, 413 and 415 with JSON errors; nothing half-stored")
    func ingestErrors() async throws {
        let router = try RouterProcess(config: RouterEndToEndTests.config("""
              - name: out
                type: file
                path: {{DIR}}/out.jsonl
            """, server: """
              ingest_token: t0ken
              max_body_bytes: 2000
            sources:
              flipt: { secret: s3cret }
              gofeatureflag: { max_body_bytes: 10000 }
            """))
        try await router.start()
        defer { router.kill() }
        let auth = [("Authorization", "Bearer t0ken")]
        func expectError(_ status: Int, _ code: String, _ call: () async throws -> (Int, String)) async throws {
            let (got, text) = try await call()
            #expect(got == status, "\(text)")
            guard case .map(let map) = try Value(json: Array(text.utf8)), case .map(let error)? = map["error"] else {
                Issue.record("not a JSON error: \(text)")
                return
            }
            #expect(error["code"] == .string(code))
            if case .string(let message)? = error["message"] { #expect(!message.isEmpty) } else { Issue.record("no message") }
        }
        let good = #"{"type":"flag","action":"created"}"#
        // Flagr has no secret here: the ingest token is asked.
        let flagr = #"{"operation":"create","flag_id":1,"flag_key":"k"}"#
        try await expectError(401, "unauthorized") { try await HTTP.postJSON(router.baseURL + "/v1/ingest/flagr", flagr) }
        try await expectError(401, "unauthorized") { try await HTTP.postJSON(router.baseURL + "/v1/ingest/flagr", flagr, headers: [("Authorization", "Bearer nope")]) }
        try await expectError(415, "unsupported_media_type") {
            try await HTTP.request("POST", router.baseURL + "/v1/events", headers: auth + [("Content-Type", "text/plain")], body: Array(good.utf8))
        }
        // Signed (sources.flipt.secret is set), so that the body is what is judged.
        func signed(_ body: String) -> [(String, String)] { [("X-Flipt-Webhook-Signature", IngestFuzzTests.sign(Array(body.utf8)))] }
        let truncated = #"{"type":"flag""#, mixed = #"[{"type":"flag","action":"created"},{"action":"x"}]"#
        try await expectError(400, "invalid_event") { try await HTTP.postJSON(router.baseURL + "/v1/events", truncated, headers: auth + signed(truncated)) }
        try await expectError(400, "invalid_event") { try await HTTP.postJSON(router.baseURL + "/v1/events", mixed, headers: auth + signed(mixed)) }
        try await expectError(413, "body_too_large") {
            try await HTTP.postJSON(router.baseURL + "/v1/events", #"{"type":"flag","action":"created","payload":{"x":""# + String(repeating: "a", count: 5000) + #""}}"#, headers: auth)
        }
        // A source's own limit replaces the server's, and the answer names the setting that applies.
        let manyFlags = #"{"meta":{},"flags":{"added":{"f":{"d":""# + String(repeating: "x", count: 5000) + #""}}}}"#
        let (goff, goffText) = try await HTTP.postJSON(router.baseURL + "/v1/ingest/gofeatureflag", manyFlags, headers: auth)
        #expect(goff == 202, "\(goffText)")
        let (_, tooLarge) = try await HTTP.postJSON(router.baseURL + "/v1/ingest/flagr", manyFlags, headers: auth)
        #expect(tooLarge.contains("(server.max_body_bytes)"), "\(tooLarge)")
        let (_, goffTooLarge) = try await HTTP.postJSON(router.baseURL + "/v1/ingest/gofeatureflag", manyFlags + String(repeating: " ", count: 6000), headers: auth)
        #expect(goffTooLarge.contains("body exceeds 10000 bytes (sources.gofeatureflag.max_body_bytes)"), "\(goffTooLarge)")
        // A declared length over the limit is answered without waiting for the body (none is
        // sent: a server that waited would answer nothing before the exchange gives up).
        let declared = RawHTTP.request("POST", "/v1/events", headers: auth + [("Content-Type", "application/json"), ("Content-Length", "100000000")])
        if case .response(let response) = await RawHTTP.exchange(port: router.port, declared, timeout: 30) {
            #expect(response.status == 413 && String(decoding: response.body, as: UTF8.self).contains("body_too_large"))
        } else {
            Issue.record("no answer to a declared Content-Length over the limit")
        }
        try await expectError(401, "signature_missing") { try await HTTP.postJSON(router.baseURL + "/v1/ingest/flipt", good, headers: auth) }
        try await expectError(401, "signature_mismatch") {
            try await HTTP.postJSON(router.baseURL + "/v1/ingest/flipt", good, headers: auth + [("X-Flipt-Webhook-Signature", "00")])
        }
        // /v1/events is /v1/ingest/flipt: with a Flipt secret set, an unsigned event is refused there too.
        try await expectError(401, "signature_missing") { try await HTTP.postJSON(router.baseURL + "/v1/events", good, headers: auth) }
        // A valid signature authenticates alone (Flipt's signed webhooks send no other header): the token is not asked.
        for token in [auth, [], [("Authorization", "Bearer nope")]] {
            let (status, text) = try await HTTP.postJSON(router.baseURL + "/v1/events", good, headers: token + signed(good))
            #expect(status == 202, "\(token): \(text)")
        }
        // The scheme is case-insensitive (RFC 9110), as on the admin API.
        let (lowercase, _) = try await HTTP.postJSON(router.baseURL + "/v1/ingest/flagr", flagr, headers: [("Authorization", "bearer t0ken")])
        #expect(lowercase == 202)
        try await Task.sleep(for: .milliseconds(300))
        let spool = try Spool(path: router.directory.appendingPathComponent("spool.sqlite").path)
        let counts = try await spool.counts(sink: "out")
        #expect(counts.pending + counts.delivered + counts.dead == 5)  // only the good events were stored
    }

    @Test("a goflagship retry (the same X-Flagship-Delivery) is stored once and answered with the first one's events")
    func goflagshipRetriesAreStoredOnce() async throws {
        let router = try RouterProcess(config: RouterEndToEndTests.config("""
              - name: out
                type: file
                path: {{DIR}}/out.jsonl
            """))
        try await router.start()
        defer { router.kill() }
        let body = #"{"event":"flag.created","timestamp":"2024-05-01T10:00:00Z","environment":"prod","resource":{"type":"flag","key":"k"},"data":{"after":{"key":"k"}}}"#
        func post(_ delivery: String) async throws -> Value {
            let (status, text) = try await HTTP.postJSON(router.baseURL + "/v1/ingest/goflagship", body, headers: [("X-Flagship-Delivery", delivery)])
            #expect(status == 202, "\(text)")
            return try Value(json: Array(text.utf8))
        }
        let first = try await post("d-1")
        let retry = try await post("d-1")
        let other = try await post("d-2")
        #expect(first["duplicate"] == .missing && first["deliveries"] == .int64(1))
        #expect(retry["accepted"] == first["accepted"] && retry["duplicate"] == .bool(true) && retry["deliveries"] == .int64(0))
        #expect(other["accepted"] != first["accepted"] && other["duplicate"] == .missing)
        let spool = try Spool(path: router.directory.appendingPathComponent("spool.sqlite").path)
        let counts = try await spool.waitForCounts(sink: "out") { $0.delivered == 2 }
        #expect(counts.delivered == 2 && counts.pending == 0, "\(counts)")
    }
}
