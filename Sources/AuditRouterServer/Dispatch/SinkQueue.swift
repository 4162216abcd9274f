import AuditRouter
import Foundation
import Synchronization

/// Hands a sink's due deliveries to its workers, never the same delivery to two workers at once.
///
/// New deliveries come straight from ingest once committed (`offer`), so the common path never
/// reads the spool. The spool, which holds every pending delivery, is read to catch up: at start,
/// after the buffer overflowed, when a retry comes due, after a replay or resume
/// (`requestSpoolRead`), and every `rescanInterval` while idle.
final class SinkQueue: Sendable {
    /// Deliveries held in memory at most by default; beyond it they wait in the spool.
    static let defaultCapacity = 2048
    /// Deliveries read from the spool at once.
    static let readBatch = 256
    /// How often an idle queue looks at the spool even when nothing says it should.
    static let rescanInterval: Duration = .seconds(5)
    private static let finishesRemembered: UInt64 = 50_000

    private struct State {
        /// Due deliveries not yet taken: `buffer[head...]`.
        var buffer: [DueDelivery] = []
        var head = 0
        /// The ids in the buffer and the ones being attempted.
        var queued: Set<String> = []
        var inFlight: Set<String> = []
        /// Deliveries finished lately, with the count of finishes when each one finished: a spool
        /// read begun before a finish was committed may still list it as due, and an offer may
        /// come after a spool read already handed the delivery out.
        var recentlyFinished: [String: UInt64] = [:]
        var finishes: UInt64 = 0
        /// Catching up with the spool: offers are left to spool reads until one finds no more.
        var needsSpoolRead = true
        var reading = false
        /// Whether an offer was left to the spool while a read was under way.
        var offerSkippedWhileReading = false
        var lastSpoolRead: ContinuousClock.Instant?
        /// The earliest retry known to be scheduled.
        var nextRetryAt: Date?
        /// Holds under way (see `hold`): nothing is handed out meanwhile.
        var holds = 0
        /// Holds begun so far: a spool read that overlapped one is thrown away.
        var holdsBegun: UInt64 = 0
        var attemptTimeout = SinkConfiguration.defaultTimeout

        var count: Int { buffer.count - head }

        mutating func popFirst() -> DueDelivery? {
            guard head < buffer.count else { return nil }
            let next = buffer[head]
            head += 1
            if head >= 1024 && head * 2 >= buffer.count {
                buffer.removeFirst(head)
                head = 0
            }
            queued.remove(next.id)
            inFlight.insert(next.id)
            return next
        }

        /// Adds `delivery` unless it is queued, in flight, or finished after `since` finishes.
        mutating func append(_ delivery: DueDelivery, finishedAfter since: UInt64 = 0) -> Bool {
            guard !queued.contains(delivery.id), !inFlight.contains(delivery.id),
                recentlyFinished[delivery.id].map({ $0 <= since }) ?? true
            else { return false }
            buffer.append(delivery)
            queued.insert(delivery.id)
            return true
        }

        /// What the spool should be read for now, if anything: everything due once the buffer is
        /// empty (catching up, or the periodic rescan), and retries as soon as one is due, even
        /// while offers keep the buffer full (it may then hold up to `readBatch` more).
        func spoolRead(now: Date, clock: ContinuousClock.Instant) -> SpoolRead? {
            if reading { return nil }
            if count == 0 && (needsSpoolRead || lastSpoolRead.map({ clock - $0 >= SinkQueue.rescanInterval }) ?? true) { return .all }
            if let nextRetryAt, nextRetryAt <= now { return .retries }
            return nil
        }
    }

    enum SpoolRead {
        case all
        case retries
    }

    private let sink: String
    private let spool: Spool
    private let capacity: Int
    private let state = Mutex(State())
    private let afterSpoolRead: (@Sendable () async -> Void)?
    /// Signalled when deliveries arrive; the sink's idle workers wait on it.
    let signal = WakeSignal()

    /// `afterSpoolRead` runs after each spool read, before what it found is queued: tests act
    /// in that window.
    init(sink: String, spool: Spool, capacity: Int = SinkQueue.defaultCapacity, afterSpoolRead: (@Sendable () async -> Void)? = nil) {
        self.sink = sink
        self.spool = spool
        self.capacity = capacity
        self.afterSpoolRead = afterSpoolRead
    }

    /// Deliveries just committed by ingest, due at once. Those beyond the queue's capacity are
    /// left to a later spool read, as are all offers while it catches up with the spool.
    func offer(_ deliveries: [DueDelivery]) {
        let added = state.withLock { state in
            var added = 0
            if state.holds > 0 { state.needsSpoolRead = true }
            if state.needsSpoolRead {
                if state.reading { state.offerSkippedWhileReading = true }
                return 0
            }
            for delivery in deliveries {
                guard state.count < capacity else {
                    state.needsSpoolRead = true
                    break
                }
                if state.append(delivery) { added += 1 }
            }
            return added
        }
        if added > 0 { signal.wake(added) }
    }

    /// Makes the next `take` read the spool (after a replay, a resume or a reload), and wakes the workers.
    func requestSpoolRead() {
        state.withLock { $0.needsSpoolRead = true }
        signal.wake()
    }

    /// The next due delivery, or nil when none is due now (or another worker is reading the spool).
    func take(now: Date = Date()) async throws -> DueDelivery? {
        let clock = ContinuousClock.now
        let read: (kind: SpoolRead, since: UInt64, holdsBegun: UInt64, excluding: Set<String>)? = state.withLock { state in
            guard state.holds == 0, let kind = state.spoolRead(now: now, clock: clock) else { return nil }
            state.reading = true
            state.offerSkippedWhileReading = false
            if kind == .all { state.needsSpoolRead = false }
            state.nextRetryAt = nil
            // A retry read leaves out what is queued too, so that a full batch means more are due.
            return (kind, state.finishes, state.holdsBegun, kind == .all ? state.inFlight : state.inFlight.union(state.queued))
        }
        if let read {
            try await readSpool(read.kind, now: now, clock: clock, since: read.since, holdsBegun: read.holdsBegun, excluding: read.excluding)
        }
        return state.withLock { $0.holds > 0 ? nil : $0.popFirst() }
    }

    /// Stops handing deliveries out until `release()`: while an operator retires the sink's
    /// backlog, no worker (of a dispatcher a reload is starting, or of one stopping) can begin an
    /// attempt, so `inFlight` only shrinks. Offers meanwhile are left to the spool, and so is what
    /// a spool read under way brings back.
    func hold() {
        state.withLock {
            $0.holds += 1
            $0.holdsBegun += 1
        }
    }

    /// Ends a `hold()`: the next `take` reads the spool again.
    func release() {
        state.withLock {
            $0.holds -= 1
            $0.needsSpoolRead = true
        }
        signal.wake()
    }

    /// Reads due deliveries from the spool into the buffer, leaving out the ones held or finished
    /// since the read began, and wakes workers for them. A read that a `hold` overlapped may list
    /// deliveries retired meanwhile: it is thrown away, and the spool read again after the hold.
    private func readSpool(
        _ kind: SpoolRead, now: Date, clock: ContinuousClock.Instant, since: UInt64, holdsBegun: UInt64, excluding: Set<String>
    ) async throws {
        let due: [DueDelivery]
        let nextRetry: Date?
        do {
            due = try await spool.due(sink: sink, now: now, limit: Self.readBatch, excluding: excluding, retriesOnly: kind == .retries)
            nextRetry = try await spool.nextRetry(sink: sink, after: now)
        } catch {
            state.withLock {
                $0.reading = false
                if kind == .all { $0.needsSpoolRead = true }
                $0.nextRetryAt = now.addingTimeInterval(1)
            }
            throw error
        }
        await afterSpoolRead?()
        let added = state.withLock { state in
            state.reading = false
            guard state.holds == 0, state.holdsBegun == holdsBegun else {
                state.needsSpoolRead = true
                return 0
            }
            if kind == .all {
                state.lastSpoolRead = clock
                if due.count == Self.readBatch || state.offerSkippedWhileReading { state.needsSpoolRead = true }
            }
            if let nextRetry { state.nextRetryAt = min(state.nextRetryAt ?? nextRetry, nextRetry) }
            if kind == .retries && due.count == Self.readBatch { state.nextRetryAt = now }
            return due.reduce(0) { $0 + (state.append($1, finishedAfter: since) ? 1 : 0) }
        }
        if added > 1 { signal.wake(added - 1) }
    }

    /// Marks a delivery as no longer in flight (after its attempt was recorded); `retryAt` is when
    /// it is due again, if it is.
    func finish(_ id: String, retryAt: Date? = nil) {
        state.withLock { state in
            state.inFlight.remove(id)
            state.finishes += 1
            state.recentlyFinished[id] = state.finishes
            if state.recentlyFinished.count > Int(Self.finishesRemembered) {
                let oldest = state.finishes - Self.finishesRemembered / 2
                state.recentlyFinished = state.recentlyFinished.filter { $0.value > oldest }
            }
            if let retryAt { state.nextRetryAt = min(state.nextRetryAt ?? retryAt, retryAt) }
        }
    }

    /// Gives back a delivery whose attempt could not be recorded: it is still pending in the
    /// spool, and the next spool read takes it again.
    func abandon(_ id: String) {
        state.withLock {
            $0.inFlight.remove(id)
            $0.needsSpoolRead = true
        }
        signal.wake(1)
    }

    /// The deliveries being attempted now.
    var inFlight: Set<String> {
        state.withLock { $0.inFlight }
    }

    /// The timeout of the sink's latest dispatcher: how long an attempt in flight may last.
    var attemptTimeout: Duration {
        get { state.withLock { $0.attemptTimeout } }
        set { state.withLock { $0.attemptTimeout = newValue } }
    }

    /// Waits up to `limit`, and while `condition` holds, for the attempts in flight to end and be
    /// recorded (during a `hold`, none begins meanwhile); returns the ones still in flight then,
    /// or when cancelled.
    func inFlight(afterWaitingUpTo limit: Duration, while condition: () -> Bool) async -> Set<String> {
        let deadline = ContinuousClock.now + limit
        while true {
            let inFlight = self.inFlight
            guard !inFlight.isEmpty, ContinuousClock.now < deadline, condition() else { return inFlight }
            do {
                try await Task.sleep(for: .milliseconds(10))
            } catch {
                return self.inFlight
            }
        }
    }

    /// Forgets the deliveries held in memory (their sink was removed by a reload); they stay
    /// pending in the spool and are read again if the sink comes back.
    func dropBuffered() {
        state.withLock { state in
            state.buffer = []
            state.head = 0
            state.queued = []
            state.needsSpoolRead = true
        }
    }

    /// How long an idle worker may sleep: until the next known retry is due, at most `cap`.
    func idleWait(cap: Duration, now: Date = Date()) -> Duration {
        guard let next = state.withLock({ $0.nextRetryAt }) else { return cap }
        let seconds = next.timeIntervalSince(now)
        if seconds <= 0 { return .milliseconds(10) }
        return min(cap, .milliseconds(Int64(seconds * 1000) + 1))
    }
}
