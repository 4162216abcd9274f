import AuditRouter
import Foundation
import GoTemplate
import Testing

/// Event conservation under faults: while events stream in, the router is killed with SIGKILL
/// and restarted several times, one receiver answers 500 for a while, another stalls past its
/// sink's timeout, and a third breaks connections mid-response. Afterwards every accepted event
/// has reached every sink, and nothing reached a sink that the router did not accept.
@Suite("Fault tolerance", .serialized)
struct FaultToleranceTests {
    /// When each fault is on, in seconds since the stream started.
    enum Schedule {
        static let failing = 0.0..<12.0  // `flaky` answers 500
        static let stalling = 4.0..<16.0  // `stall` answers after `stallDelay`, past its timeout
        static let breaking = 0.0..<20.0  // `broken` closes, truncates and resets connections
        static let kills: [Double] = [3, 7, 11, 15, 19]  // SIGKILL, then a restart at once
        static let streamEnds = 23.0  // the posters stop
        static let stallTimeout = "400ms"
        static let stallDelay = Duration.milliseconds(1200)
        static let convergence = Duration.seconds(90)  // after the stream ends
    }

    @Test("SIGKILL restarts, 500s, stalls and broken connections: every accepted event reaches every sink")
    func conservationUnderFaults() async throws {
        let clock = ContinuousClock()
        let start = Box(clock.now + .seconds(3600))  // set when the stream starts
        @Sendable func elapsed() -> Double {
            let d = clock.now - start.value
            return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        }

        let flakyLedger = Ledger(), stallLedger = Ledger(), brokenLedger = Ledger()
        let flaky = try await TestReceiver.start { request, _ in
            if Schedule.failing.contains(elapsed()) {
                flakyLedger.record(request, acknowledged: false, fault: "500")
                return ReceiverReply(status: .internalServerError)
            }
            flakyLedger.record(request, acknowledged: true)
            return ReceiverReply()
        }
        defer { flaky.stop() }
        let stall = try await TestReceiver.start { request, _ in
            if Schedule.stalling.contains(elapsed()) {
                stallLedger.record(request, acknowledged: false, fault: "stall")
                return ReceiverReply(delay: Schedule.stallDelay)
            }
            stallLedger.record(request, acknowledged: true)
            return ReceiverReply()
        }
        defer { stall.stop() }
        let modes: [RawReply] = [.closeSilently, .truncatedHeaders, .truncatedBody, .reset, .respond]
        let broken = try RawSocketReceiver { request, index in
            let reply = Schedule.breaking.contains(elapsed()) ? modes[index % modes.count] : .respond
            // A complete 200 head is an answer, even when the body is cut short afterwards.
            let acknowledged = reply == .respond || reply == .truncatedBody
            brokenLedger.record(request, acknowledged: acknowledged, fault: reply == .respond ? nil : "\(reply)")
            return reply
        }
        defer { broken.stop() }

        let retry = "retry: { max_attempts: 10000, initial_backoff: 50ms, multiplier: 2, max_backoff: 500ms, max_elapsed: 1h }"
        let router = try RouterProcess(config: RouterEndToEndTests.config("""
              - name: flaky
                url: \(flaky.url)/flaky
                timeout: 2s
                \(retry)
              - name: stall
                url: \(stall.url)/stall
                timeout: \(Schedule.stallTimeout)
                \(retry)
              - name: broken
                url: \(broken.url)/broken
                timeout: 2s
                \(retry)
            """))
        try await router.start()
        defer { router.kill() }
        let sinks: [(String, Ledger)] = [("flaky", flakyLedger), ("stall", stallLedger), ("broken", brokenLedger)]

        // The stream: two posters, each one request at a time, every event with its own key.
        start.value = clock.now
        let outcomes = Outcomes()
        let baseURL = router.baseURL
        let posters = (0..<2).map { poster in
            Task {
                var n = 0
                while elapsed() < Schedule.streamEnds {
                    n += 1
                    let key = "fault-\(poster)-\(n)"
                    let body = #"{"version":"0.2","type":"flag","action":"updated","metadata":{"actor":{"authentication":"token","email":"ann@example.com"}},"payload":{"key":"\#(key)","namespace_key":"default","enabled":true},"timestamp":"2024-05-01T10:00:00Z","status":"success"}"#
                    do {
                        let (status, text) = try await HTTP.postJSON(baseURL + "/v1/events", body)
                        if status == 202 {
                            outcomes.accepted(key, ids: acceptedIDs(text))
                        } else {
                            outcomes.rejected(key, status: status)
                        }
                    } catch {
                        // Refused: the router was down and never read it. Anything else (reset,
                        // closed mid-request): the router may or may not have committed it.
                        outcomes.failed(key, error: error)
                        try? await Task.sleep(for: .milliseconds(20))
                    }
                    try? await Task.sleep(for: .milliseconds(10))
                }
            }
        }

        // The kills.
        var kills = 0
        for at in Schedule.kills {
            try await clock.sleep(until: start.value + .milliseconds(Int(at * 1000)))
            router.kill()
            kills += 1
            try await router.start()
        }
        for poster in posters { await poster.value }
        let streamed = outcomes.snapshot()

        // Convergence: every accepted key acknowledged by every sink, and nothing pending.
        let deadline = clock.now + Schedule.convergence
        var pending = -1
        while clock.now < deadline {
            let missing = sinks.map { streamed.accepted.subtracting($0.1.acknowledgedKeys()).count }.reduce(0, +)
            pending = await pendingDeliveries(router.baseURL) ?? -1
            if missing == 0 && pending == 0 { break }
            try await Task.sleep(for: .milliseconds(250))
        }
        let convergedAfter = elapsed() - Schedule.streamEnds

        // The report.
        print("""
            fault test: \(String(format: "%.1f", Schedule.streamEnds))s stream, \(kills) SIGKILL restarts, converged \
            \(String(format: "%.1f", convergedAfter))s after the stream ended; pending deliveries at the end: \(pending)
              posted \(streamed.posted): accepted \(streamed.accepted.count) (\(streamed.acceptedIDs) event ids), \
            rejected \(streamed.rejected.count), refused while down \(streamed.refused.count), \
            in doubt (connection lost mid-request) \(streamed.inDoubt.count)
            """)
        if !streamed.errorSamples.isEmpty {
            print("  poster errors: " + streamed.errorSamples.sorted().joined(separator: " | "))
        }
        for (name, ledger) in sinks {
            let s = ledger.summary()
            let inDoubtDelivered = s.keys.intersection(streamed.inDoubt).count
            print("""
                  sink \(name): \(s.requests) requests, \(s.acknowledgedKeys.count) distinct events delivered \
                (\(s.duplicates) duplicates), \(inDoubtDelivered) in-doubt events delivered, faults injected: \
                \(s.faults.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
                """)
        }

        // The checks.
        #expect(kills == Schedule.kills.count)
        #expect(streamed.accepted.count >= 200, "too few events accepted for the test to mean anything")
        #expect(streamed.rejected.isEmpty, "the router rejected events: \(streamed.rejected.prefix(5))")
        #expect(pending == 0, "deliveries still pending after convergence")
        for (name, ledger) in sinks {
            let s = ledger.summary()
            let missing = streamed.accepted.subtracting(s.acknowledgedKeys)
            #expect(missing.isEmpty, "\(name): \(missing.count) accepted events never delivered, e.g. \(missing.sorted().prefix(5))")
            let unexpected = s.keys.subtracting(streamed.accepted).subtracting(streamed.inDoubt)
            #expect(unexpected.isEmpty, "\(name): \(unexpected.count) events delivered that were not accepted, e.g. \(unexpected.sorted().prefix(5))")
            #expect(s.unidentified == 0, "\(name): \(s.unidentified) requests without a payload.key")
            #expect(!s.faults.isEmpty, "\(name): no fault was injected; the test proves nothing")
        }
        // An event the router committed goes to every sink; one it did not, to none.
        let inDoubtBySink = sinks.map { $0.1.summary().acknowledgedKeys.intersection(streamed.inDoubt) }
        #expect(Set(inDoubtBySink).count == 1, "in-doubt events delivered to some sinks only: \(inDoubtBySink.map(\.count))")
        let brokenFaults = brokenLedger.summary().faults
        for mode in modes where mode != .respond {
            #expect(brokenFaults["\(mode)", default: 0] > 0, "broken: \(mode) never happened")
        }
    }
}

/// The ids in an ingest answer `{"accepted": [...], ...}`.
private func acceptedIDs(_ text: String) -> [String] {
    guard case .map(let map) = try? Value(json: Array(text.utf8)), case .array(let ids)? = map["accepted"] else { return [] }
    return ids.compactMap { if case .string(let id) = $0 { id } else { nil } }
}

/// `/readyz`'s pending deliveries, nil when it does not answer.
private func pendingDeliveries(_ baseURL: String) async -> Int? {
    guard let (status, text) = try? await HTTP.request("GET", baseURL + "/readyz"), status == 200,
        case .map(let map) = try? Value(json: Array(text.utf8))
    else { return nil }
    switch map["pending_deliveries"] {
    case .int64(let n)?: return Int(n)
    case .float64(let n)?: return Int(n)
    default: return nil
    }
}

/// The `payload.key` of a delivered Flipt event body.
private func payloadKey(_ body: [UInt8]) -> String? {
    guard case .map(let map) = try? Value(json: body), case .map(let payload)? = map["payload"],
        case .string(let key)? = payload["key"]
    else { return nil }
    return key
}

/// A value shared with `@Sendable` closures.
private final class Box<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T
    init(_ value: T) { stored = value }
    var value: T {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

/// What one receiver got: every request's event key, whether the receiver acknowledged it (a
/// complete 2xx head the router could read), and the faults it injected.
private final class Ledger: @unchecked Sendable {
    struct Summary {
        var requests = 0
        var keys: Set<String> = []
        var acknowledgedKeys: Set<String> = []
        var duplicates = 0
        var unidentified = 0
        var faults: [String: Int] = [:]
    }

    private let lock = NSLock()
    private var state = Summary()

    func record(_ request: ReceivedRequest, acknowledged: Bool, fault: String? = nil) {
        let key = payloadKey(request.body)
        lock.withLock {
            state.requests += 1
            if let fault { state.faults[fault, default: 0] += 1 }
            guard let key else {
                state.unidentified += 1
                return
            }
            state.keys.insert(key)
            if acknowledged && !state.acknowledgedKeys.insert(key).inserted { state.duplicates += 1 }
        }
    }

    func acknowledgedKeys() -> Set<String> { lock.withLock { state.acknowledgedKeys } }
    func summary() -> Summary { lock.withLock { state } }
}

/// What the posters learned about each event they posted.
private final class Outcomes: @unchecked Sendable {
    struct Snapshot {
        var posted = 0
        var accepted: Set<String> = []
        var acceptedIDs = 0
        var rejected: [String: Int] = [:]
        var refused: Set<String> = []
        var inDoubt: Set<String> = []
        var errorSamples: Set<String> = []
    }

    private let lock = NSLock()
    private var state = Snapshot()

    func accepted(_ key: String, ids: [String]) {
        lock.withLock {
            state.posted += 1
            state.accepted.insert(key)
            state.acceptedIDs += ids.count
        }
    }

    func rejected(_ key: String, status: Int) {
        lock.withLock {
            state.posted += 1
            state.rejected[key] = status
        }
    }

    func failed(_ key: String, error: any Error) {
        let text = String(describing: error)
        let refused = text.lowercased().contains("refused")
        lock.withLock {
            state.posted += 1
            if refused { state.refused.insert(key) } else { state.inDoubt.insert(key) }
            if state.errorSamples.count < 6 { state.errorSamples.insert(String(text.prefix(120))) }
        }
    }

    func snapshot() -> Snapshot { lock.withLock { state } }
}
