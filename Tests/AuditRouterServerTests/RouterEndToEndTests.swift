import AuditRouter
import Crypto
import Foundation
import GoTemplate
import Testing

/// End-to-end: the real `audit-router serve` binary, real receivers on 127.0.0.1, real HTTP.
@Suite("Router end to end", .serialized)
struct RouterEndToEndTests {
    /// A minimal config with one sink per entry of `sinks` (YAML list items, indented by 2).
    static func config(_ sinks: String, server: String = "") -> String {
        """
        server:
          listen: 127.0.0.1:{{PORT}}
        \(server)
        spool:
          path: {{DIR}}/spool.sqlite
        sinks:
        \(sinks)
        """
    }

    static let fliptEvent = #"{"version":"0.2","type":"flag","action":"created","metadata":{"actor":{"authentication":"token","email":"ann@example.com","name":"Ann \"the admin\" <ops>"}},"payload":{"key":"checkout","namespace_key":"production","enabled":true},"timestamp":"2024-05-01T10:00:00Z","status":"success"}"#

    @Test("each ingest format is normalized and delivered as Flipt's JSON, with delivery headers")
    func ingestFormats() async throws {
        let receiver = try await TestReceiver.start()
        defer { receiver.stop() }
        let router = try RouterProcess(config: Self.config("""
              - name: hook
                url: \(receiver.url)/hook
                retry: { initial_backoff: 100ms }
            """))
        try await router.start()
        defer { router.kill() }

        var expected: [String] = []
        func post(_ path: String, _ body: [UInt8]) async throws {
            let (status, text) = try await HTTP.request("POST", router.baseURL + path, headers: [("Content-Type", "application/json")], body: body)
            #expect(status == 202, "\(path): \(text)")
            let answer = try Value(json: Array(text.utf8))
            guard case .map(let map) = answer, case .array(let ids)? = map["accepted"] else { Issue.record("no ids: \(text)"); return }
            for case .string(let id) in ids { expected.append(id) }
        }
        try await post("/v1/events", Array(Self.fliptEvent.utf8))
        for source in EventSource.allCases {
            let sample = SampleEvents.bodies(for: source)[0]
            try await post("/v1/ingest/\(source.rawValue)", sample.bytes)
        }
        let received = await receiver.waitFor { $0.count >= expected.count }
        #expect(received.count == expected.count)
        for request in received {
            #expect(request.header("X-Audit-Router-Delivery")?.hasPrefix("dlv_") == true)
            #expect(request.header("X-Audit-Router-Event")?.contains(":") == true)
            #expect(request.header("Content-Type") == "application/json")
            let body = try Value(json: request.body)
            guard case .map(let map) = body else { Issue.record("not an object: \(request.bodyText)"); continue }
            #expect(map.keys.sorted() == ["action", "metadata", "payload", "status", "timestamp", "type", "version"])
        }
        // The Flipt event arrives exactly as Flipt's own webhook sink would post it.
        let flipt = received.first { $0.bodyText.contains(#""key":"checkout""#) }
        #expect(flipt?.bodyText == #"{"version":"0.2","type":"flag","action":"created","metadata":{"actor":{"authentication":"token","email":"ann@example.com","name":"Ann \"the admin\" \u003cops\u003e"}},"payload":{"enabled":true,"key":"checkout","namespace_key":"production"},"timestamp":"2024-05-01T10:00:00Z","status":"success"}"#)
    }

    @Test("filters: noun:verb patterns, namespaces and when templates route each event only where it belongs")
    func filters() async throws {
        let receiver = try await TestReceiver.start()
        defer { receiver.stop() }
        let router = try RouterProcess(config: Self.config("""
              - name: flags
                url: \(receiver.url)/flags
                events: ["flag:*"]
              - name: deletes
                url: \(receiver.url)/deletes
                events: ["*:deleted"]
              - name: production
                url: \(receiver.url)/production
                namespaces: [production]
              - name: denied
                url: \(receiver.url)/denied
                when: '{{ eq .Status "denied" }}'
            """))
        try await router.start()
        defer { router.kill() }
        let events = [
            (#"{"type":"flag","action":"created","payload":{"key":"a","namespace_key":"production"}}"#, ["flags", "production"]),
            (#"{"type":"segment","action":"deleted","payload":{"key":"b","namespace_key":"staging"}}"#, ["deletes"]),
            (#"{"type":"flag","action":"deleted","status":"denied","payload":null}"#, ["flags", "deletes", "denied"]),
        ]
        for (event, _) in events {
            let (status, text) = try await HTTP.postJSON(router.baseURL + "/v1/events", event)
            #expect(status == 202, "\(text)")
        }
        let expectedCount = events.map(\.1.count).reduce(0, +)
        let received = await receiver.waitFor { $0.count >= expectedCount }
        try await Task.sleep(for: .milliseconds(300))  // nothing more may arrive
        let all = await receiver.requests()
        #expect(all.count == expectedCount)
        #expect(all.filter { $0.path == "/flags" }.count == 2)
        #expect(all.filter { $0.path == "/deletes" }.count == 2)
        #expect(all.filter { $0.path == "/production" }.count == 1)
        #expect(all.filter { $0.path == "/denied" }.count == 1)
        _ = received
    }

    @Test("every signature scheme matches an independent HMAC computation")
    func signatures() async throws {
        let receiver = try await TestReceiver.start()
        defer { receiver.stop() }
        let whsecKey = Array("a-32-byte-secret-for-std-hooks!!".utf8)
        let whsec = "whsec_" + Data(whsecKey).base64EncodedString()
        let router = try RouterProcess(config: Self.config("""
              - name: flipt
                url: \(receiver.url)/flipt
                signing: { scheme: flipt, secret: s3cret }
              - name: github
                url: \(receiver.url)/github
                signing: { scheme: github, secret: s3cret }
              - name: flagship
                url: \(receiver.url)/flagship
                signing: { scheme: flagship, secret: whsec_flagship }
              - name: flagr
                url: \(receiver.url)/flagr
                signing: { scheme: flagr, secret: s3cret }
              - name: standard
                url: \(receiver.url)/standard
                signing: { scheme: standard-webhooks, secret: "\(whsec)" }
            """))
        try await router.start()
        defer { router.kill() }
        let (status, _) = try await HTTP.postJSON(router.baseURL + "/v1/events", Self.fliptEvent)
        #expect(status == 202)
        let received = await receiver.waitFor { $0.count >= 5 }
        func hex(_ key: String, _ body: [UInt8]) -> String {
            HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array(key.utf8))).map { String(format: "%02x", $0) }.joined()
        }
        for request in received {
            switch request.path {
            case "/flipt": #expect(request.header("X-Flipt-Webhook-Signature") == hex("s3cret", request.body))
            case "/github": #expect(request.header("X-Hub-Signature-256") == "sha256=" + hex("s3cret", request.body))
            case "/flagship":
                #expect(request.header("X-Flagship-Signature") == "sha256=" + hex("whsec_flagship", request.body))
                #expect(request.header("X-Flagship-Event") == "flag.created")
                #expect(request.header("X-Flagship-Delivery") == request.header("X-Audit-Router-Delivery"))
            case "/flagr": #expect(request.header("X-Flagr-Signature") == "sha256=" + hex("s3cret", request.body))
            case "/standard":
                let id = request.header("webhook-id") ?? ""
                let timestamp = request.header("webhook-timestamp") ?? ""
                let signed = Array("\(id).\(timestamp).".utf8) + request.body
                let mac = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: whsecKey))
                #expect(request.header("webhook-signature") == "v1," + Data(mac).base64EncodedString())
                #expect(id == request.header("X-Audit-Router-Delivery"))
            default: Issue.record("unexpected path \(request.path)")
            }
        }
        #expect(Set(received.map(\.path)).count == 5)
    }
}
