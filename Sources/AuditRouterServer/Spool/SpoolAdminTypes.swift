import Foundation

extension Spool {
    /// Where a delivery stands.
    public enum DeliveryState: String, Sendable, CaseIterable {
        /// Not delivered yet: due at `nextAttemptAt`.
        case pending
        /// A 2xx response arrived.
        case delivered
        /// Failed for good: a dead letter, until replayed or pruned.
        case dead
    }

    /// A delivery of one event to one sink, with its state and the outcome of its last attempt.
    public struct DeliveryRecord: Sendable, Equatable {
        public var id: String
        public var eventID: String
        public var sink: String
        public var state: DeliveryState
        /// Attempts made in the current attempt budget (a replay resets it to 0).
        public var attempts: Int
        /// When it is due; nil unless pending.
        public var nextAttemptAt: Date?
        public var createdAt: Date
        public var firstAttemptAt: Date?
        public var lastAttemptAt: Date?
        public var lastStatus: Int?
        public var lastError: String?
        /// When the state last changed: acceptance, an attempt, or a replay.
        public var updatedAt: Date
    }

    /// One logged attempt, with the state its delivery was left in.
    public struct LoggedAttempt: Sendable, Equatable {
        public var attempt: AttemptRow
        /// `delivered`, `dead`, or `pending` when a retry was scheduled.
        public var outcome: DeliveryState
    }

    /// Deliveries of one sink, by state.
    public struct SinkCounts: Sendable, Equatable {
        public var pending = 0
        /// Of `pending`, those that failed at least once and wait for a retry.
        public var retrying = 0
        /// Every delivery delivered, those retention deleted included (retention counts what it
        /// deletes from schema v2 on).
        public var delivered = 0
        /// Dead letters in the spool now (retention deletes them after `retain_dead`).
        public var dead = 0
        /// Of `dead`, those a pause parked: resuming the sink re-queues them.
        public var parked = 0
    }

    /// One page of a listing, newest first, with the number of items in every page.
    public struct Page<Item: Sendable & Equatable>: Sendable, Equatable {
        public var items: [Item]
        public var total: Int
    }

    /// What `prune` deleted.
    public struct PruneResult: Sendable, Equatable {
        /// Attempts older than the delivered cutoff (not counting the attempts of deleted dead
        /// letters, which go with them).
        public var attempts = 0
        /// Delivered deliveries and dead letters.
        public var deliveries = 0
        /// Events left without deliveries.
        public var events = 0
        /// Ingest receipts (`IngestReceipt`).
        public var receipts = 0
    }
}
