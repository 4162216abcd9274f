import Foundation

/// The number of pending deliveries of each sink, kept in memory so that ingest can check
/// `max_pending` on every request without counting rows (a count takes milliseconds with
/// 100,000 pending).
///
/// Counted from the file when the spool opens, then moved by every change's known effect:
/// `accept` reserves its deliveries (but for parked ones) before its commit and gives them back
/// if the commit fails; after the commit of the others, `record` of a final outcome removes one,
/// `park` removes what it parked, a replay or `unpark` adds what it re-queued (retention never
/// deletes pending deliveries). It is exact as long as this `Spool` is the only writer of its file.
final class PendingCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [String: Int]  // guarded by `lock`; no zero entries

    init(_ counts: [String: Int]) {
        self.counts = counts.filter { $0.value != 0 }
    }

    /// The pending deliveries of every sink.
    var bySink: [String: Int] {
        lock.withLock { counts }
    }

    /// The pending deliveries of `sinks`, or of every sink when nil.
    func total(of sinks: Set<String>? = nil) -> Int {
        lock.withLock { Self.total(counts, of: sinks) }
    }

    func add(_ delta: Int, sink: String) {
        guard delta != 0 else { return }
        lock.withLock { Self.add(delta, sink: sink, to: &counts) }
    }

    /// Adds `deltas` when the pending deliveries of `counting` (every sink when nil) are fewer
    /// than `limit`; false (and nothing added) when they are not.
    func reserve(_ deltas: [String: Int], below limit: Int, counting: Set<String>?) -> Bool {
        lock.withLock {
            guard Self.total(counts, of: counting) < limit else { return false }
            for (sink, delta) in deltas { Self.add(delta, sink: sink, to: &counts) }
            return true
        }
    }

    private static func total(_ counts: [String: Int], of sinks: Set<String>?) -> Int {
        guard let sinks else { return counts.values.reduce(0, +) }
        return sinks.reduce(0) { $0 + (counts[$1] ?? 0) }
    }

    private static func add(_ delta: Int, sink: String, to counts: inout [String: Int]) {
        let count = (counts[sink] ?? 0) + delta
        counts[sink] = count == 0 ? nil : count
    }
}
