import AuditRouter
import Foundation
import GoTemplate
import Testing

/// Durability: accepted events survive `kill -9` at any moment and are delivered after a restart.
@Suite("Router restarts", .serialized)
struct RouterRestartTests {
    @Test("killed with SIGKILL mid-delivery, restarted: every accepted event still arrives")
    func killMidDelivery() async throws {
        let receiver = try await TestReceiver.start { _, _ in ReceiverReply(delay: .milliseconds(150)) }
        defer { receiver.stop() }
        let router = try RouterProcess(config: RouterEndToEndTests.config("""
              - name: hook
                url: \(receiver.url)/hook
                concurrency: 2
                retry: { initial_backoff: 100ms, max_backoff: 500ms }
            """))
        try await router.start()
        var accepted: Set<String> = []
        for i in 0..<40 {
            let (status, text) = try await HTTP.postJSON(
                router.baseURL + "/v1/events", #"{"type":"flag","action":"updated","payload":{"key":"k\#(i)"}}"#)
            #expect(status == 202)
            if case .map(let map) = try Value(json: Array(text.utf8)), case .array(let ids)? = map["accepted"] {
                for case .string(let id) in ids { accepted.insert(id) }
            }
        }
        // Some deliveries are done, others in flight or pending: kill now.
        _ = await receiver.waitFor { $0.count >= 5 }
        router.kill()
        let beforeRestart = await receiver.requests().count
        #expect(beforeRestart < 40, "everything was delivered before the kill; the test proves nothing")

        try await router.start()
        defer { router.kill() }
        let received = await receiver.waitFor(timeout: .seconds(60)) { requests in
            Set(requests.compactMap { eventKey($0) }).count >= 40
        }
        let keys = Set(received.compactMap { eventKey($0) })
        #expect(keys.count == 40, "delivered \(keys.count) of 40 accepted events")
        #expect(accepted.count == 40)
    }

    @Test("SIGTERM stops accepting, finishes attempts in flight and exits cleanly; the rest waits in the spool")
    func gracefulShutdown() async throws {
        let receiver = try await TestReceiver.start { _, _ in ReceiverReply(delay: .milliseconds(500)) }
        defer { receiver.stop() }
        let router = try RouterProcess(config: RouterEndToEndTests.config("""
              - name: hook
                url: \(receiver.url)/hook
                concurrency: 1
            """))
        try await router.start()
        for i in 0..<5 {
            _ = try await HTTP.postJSON(router.baseURL + "/v1/events", #"{"type":"flag","action":"updated","payload":{"key":"g\#(i)"}}"#)
        }
        _ = await receiver.waitFor { $0.count >= 1 }
        let status = await router.terminate()
        #expect(status == 0, "exit status \(status):\n\(router.output())")
        // The attempt in flight ended well within the drain timeout (30 s by default).
        #expect(!router.output().contains("drain timeout reached"), "\(router.output().suffix(2000))")
        let deliveredBeforeExit = await receiver.requests().count
        try await router.start()
        defer { router.kill() }
        let received = await receiver.waitFor(timeout: .seconds(30)) { Set($0.compactMap(eventKey)).count >= 5 }
        #expect(Set(received.compactMap(eventKey)).count == 5)
        #expect(deliveredBeforeExit < 5)
    }
}

/// The payload key of a delivered Flipt event body.
private func eventKey(_ request: ReceivedRequest) -> String? {
    guard case .map(let map) = try? Value(json: request.body), case .map(let payload)? = map["payload"],
        case .string(let key)? = payload["key"]
    else { return nil }
    return key
}
