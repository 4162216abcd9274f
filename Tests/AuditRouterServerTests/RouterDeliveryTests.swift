import AuditRouter
import AuditRouterServer
import Foundation
import GoTemplate
import Testing

/// Retries, Retry-After, isolation between sinks, and dead letters, against the real binary.
@Suite("Router delivery behaviour", .serialized)
struct RouterDeliveryTests {
    static let event = #"{"type":"flag","action":"updated","payload":{"key":"k"}}"#

    @Test("a receiver that fails, then recovers, gets the event with the same delivery id")
    func retriesUntilRecovery() async throws {
        let receiver = try await TestReceiver.start { _, previous in
            ReceiverReply(status: previous < 2 ? .internalServerError : .ok)
        }
        defer { receiver.stop() }
        let router = try RouterProcess(config: RouterEndToEndTests.config("""
              - name: flaky
                url: \(receiver.url)/flaky
                retry: { initial_backoff: 100ms, max_backoff: 200ms, jitter: 0 }
            """))
        try await router.start()
        defer { router.kill() }
        _ = try await HTTP.postJSON(router.baseURL + "/v1/events", Self.event)
        let received = await receiver.waitFor { $0.count >= 3 }
        #expect(received.count == 3)
        #expect(Set(received.compactMap { $0.header("X-Audit-Router-Delivery") }).count == 1)
        try await Task.sleep(for: .milliseconds(500))
        #expect(await receiver.requests().count == 3)  // delivered: no more attempts
        let spool = try Spool(path: router.directory.appendingPathComponent("spool.sqlite").path)
        #expect(try await spool.waitForCounts(sink: "flaky") { $0.delivered == 1 }.delivered == 1)
    }

    @Test("Retry-After holds the next attempt back")
    func retryAfter() async throws {
        let receiver = try await TestReceiver.start { _, previous in
            previous == 0 ? ReceiverReply(status: .tooManyRequests, headers: [("Retry-After", "2")]) : ReceiverReply()
        }
        defer { receiver.stop() }
        let router = try RouterProcess(config: RouterEndToEndTests.config("""
              - name: limited
                url: \(receiver.url)/limited
                retry: { initial_backoff: 100ms, jitter: 0 }
            """))
        try await router.start()
        defer { router.kill() }
        _ = try await HTTP.postJSON(router.baseURL + "/v1/events", Self.event)
        let both = await receiver.waitFor(timeout: .seconds(20)) { $0.count >= 2 }
        #expect(both.count == 2)
        if both.count == 2 {
            let waited = both[1].receivedAt - both[0].receivedAt
            #expect(waited >= .milliseconds(1900), "second attempt came after \(waited)")
        }
    }

    @Test("a slow sink does not delay another")
    func slowSinkIsolation() async throws {
        let slow = try await TestReceiver.start { _, _ in ReceiverReply(delay: .seconds(10)) }
        defer { slow.stop() }
        let fast = try await TestReceiver.start()
        defer { fast.stop() }
        let router = try RouterProcess(config: RouterEndToEndTests.config("""
              - name: slow
                url: \(slow.url)/slow
                concurrency: 1
                timeout: 30s
              - name: fast
                url: \(fast.url)/fast
            """))
        try await router.start()
        defer { router.kill() }
        let start = ContinuousClock.now
        for _ in 0..<5 { _ = try await HTTP.postJSON(router.baseURL + "/v1/events", Self.event) }
        let received = await fast.waitFor(timeout: .seconds(10)) { $0.count >= 5 }
        let elapsed = ContinuousClock.now - start
        #expect(received.count == 5)
        // Far below the 10 s the slow sink holds each attempt, with room for a loaded machine.
        #expect(elapsed < .seconds(6), "fast sink took \(elapsed) while the slow one held its requests")
        #expect(await slow.requests().count <= 1)
    }

    @Test("4xx answers and broken templates become dead letters with their status and error")
    func deadLetters() async throws {
        let receiver = try await TestReceiver.start { request, _ in
            ReceiverReply(status: request.path == "/gone" ? .notFound : .ok)
        }
        defer { receiver.stop() }
        let router = try RouterProcess(config: RouterEndToEndTests.config("""
              - name: gone
                url: \(receiver.url)/gone
              - name: broken
                url: \(receiver.url)/broken
                body: '{"key": {{.Payload.key}}}'
            """))
        try await router.start()
        defer { router.kill() }
        _ = try await HTTP.postJSON(router.baseURL + "/v1/events", Self.event)
        _ = await receiver.waitFor { $0.count >= 1 }
        let spool = try Spool(path: router.directory.appendingPathComponent("spool.sqlite").path)
        _ = try await spool.waitForCounts(sink: "gone") { $0.dead == 1 }
        _ = try await spool.waitForCounts(sink: "broken") { $0.dead == 1 }
        try await Task.sleep(for: .milliseconds(500))
        let requests = await receiver.requests()
        #expect(requests.map(\.path) == ["/gone"])  // one attempt only; the broken body is never sent
        let dead = try await spool.deadLetters(page: 1, limit: 10).items
        #expect(dead.count == 2)
        let gone = dead.first { $0.sink == "gone" }
        #expect(gone?.lastStatus == 404)
        #expect(gone?.lastError?.contains("404") == true)
        let broken = dead.first { $0.sink == "broken" }
        #expect(broken?.lastError?.contains("not valid JSON") == true)
        #expect(try await spool.counts(sink: "gone").delivered == 0)
    }
}
