import AuditRouter
import Foundation

/// Hands a sink's due deliveries to its workers, one at a time, never the same delivery to two
/// workers at once. Deliveries come from the spool in small batches.
actor SinkQueue {
    private let sink: String
    private let spool: Spool
    private var buffer: [DueDelivery] = []
    private var inFlight: Set<String> = []
    /// Deliveries finished lately, with the count of finishes when each one finished: a batch
    /// read from the spool before a finish was committed may still list it as due.
    private var recentlyFinished: [String: UInt64] = [:]
    private var finishes: UInt64 = 0
    private static let batchSize = 32
    private static let finishesRemembered: UInt64 = 50_000

    init(sink: String, spool: Spool) {
        self.sink = sink
        self.spool = spool
    }

    /// The next due delivery, or nil when none is due now.
    func take(now: Date = Date()) async throws -> DueDelivery? {
        if buffer.isEmpty {
            let readStart = finishes
            let due = try await spool.due(sink: sink, now: now, limit: Self.batchSize, excluding: inFlight)
            // Workers ran meanwhile: keep only what nobody holds, and nothing finished after the
            // read began (its row in this batch is stale).
            let held = inFlight.union(buffer.map(\.id))
            buffer.append(contentsOf: due.filter { delivery in
                !held.contains(delivery.id) && (recentlyFinished[delivery.id].map { $0 <= readStart } ?? true)
            })
        }
        guard !buffer.isEmpty else { return nil }
        let next = buffer.removeFirst()
        inFlight.insert(next.id)
        return next
    }

    /// Marks a delivery as no longer in flight (after its attempt was recorded).
    func finish(_ id: String) {
        inFlight.remove(id)
        finishes += 1
        recentlyFinished[id] = finishes
        if recentlyFinished.count > Int(Self.finishesRemembered) {
            let oldest = finishes - Self.finishesRemembered / 2
            recentlyFinished = recentlyFinished.filter { $0.value > oldest }
        }
    }

    /// How long an idle worker may sleep: until the next pending delivery is due, at most `cap`.
    func idleWait(cap: Duration, now: Date = Date()) async -> Duration {
        guard let next = try? await spool.nextDue(sink: sink) else { return cap }
        let seconds = next.timeIntervalSince(now)
        if seconds <= 0 { return .milliseconds(10) }
        return min(cap, .milliseconds(Int64(seconds * 1000) + 1))
    }
}
