import AuditRouter
import Foundation

/// Hands a sink's due deliveries to its workers, one at a time, never the same delivery to two
/// workers at once. Deliveries come from the spool in small batches.
actor SinkQueue {
    private let sink: String
    private let spool: Spool
    private var buffer: [DueDelivery] = []
    private var inFlight: Set<String> = []
    private static let batchSize = 32

    init(sink: String, spool: Spool) {
        self.sink = sink
        self.spool = spool
    }

    /// The next due delivery, or nil when none is due now.
    func take(now: Date = Date()) async throws -> DueDelivery? {
        if buffer.isEmpty {
            let due = try await spool.due(sink: sink, now: now, limit: Self.batchSize, excluding: inFlight)
            // Another worker may have refilled meanwhile: keep only what nobody holds.
            let held = inFlight.union(buffer.map(\.id))
            buffer.append(contentsOf: due.filter { !held.contains($0.id) })
        }
        guard !buffer.isEmpty else { return nil }
        let next = buffer.removeFirst()
        inFlight.insert(next.id)
        return next
    }

    /// Marks a delivery as no longer in flight.
    func finish(_ id: String) {
        inFlight.remove(id)
    }

    /// How long an idle worker may sleep: until the next pending delivery is due, at most `cap`.
    func idleWait(cap: Duration, now: Date = Date()) async -> Duration {
        guard let next = try? await spool.nextDue(sink: sink) else { return cap }
        let seconds = next.timeIntervalSince(now)
        if seconds <= 0 { return .milliseconds(10) }
        return min(cap, .milliseconds(Int64(seconds * 1000) + 1))
    }
}
