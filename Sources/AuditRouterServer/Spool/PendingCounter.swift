import Foundation

/// The number of pending deliveries, kept in memory so that ingest can check `max_pending` on
/// every request without counting rows (a count takes milliseconds with 100,000 pending).
///
/// Counted from the file when the spool opens, then moved by every change's known effect:
/// `accept` reserves its deliveries (but for parked ones) before its commit and gives them back
/// if the commit fails; after the commit of the others, `record` of a
/// final outcome removes one, `park` removes what it parked, a replay or `unpark` adds what it
/// re-queued (retention never deletes pending deliveries). It is
/// exact as long as this `Spool` is the only writer of its file.
final class PendingCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count: Int  // guarded by `lock`

    init(_ count: Int) {
        self.count = count
    }

    var value: Int {
        lock.withLock { count }
    }

    func add(_ delta: Int) {
        lock.withLock { count += delta }
    }

    /// Adds `delta` when the count is below `limit`; false (and nothing added) when it is not.
    func reserve(_ delta: Int, below limit: Int) -> Bool {
        lock.withLock {
            guard count < limit else { return false }
            count += delta
            return true
        }
    }
}
