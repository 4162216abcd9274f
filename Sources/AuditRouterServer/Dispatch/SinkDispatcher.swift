import AuditRouter
import Foundation
import Logging
import Synchronization

/// Delivers one sink's pending deliveries with `concurrency` workers. Each sink has its own
/// dispatcher, so a slow or dead sink never delays another. `stop()` lets workers finish the
/// attempt in flight and exit; what is left stays pending in the spool.
final class SinkDispatcher: Sendable {
    let sink: SinkConfiguration
    private let queue: SinkQueue
    private let deliverer: Deliverer
    private let recorder: AttemptRecorder
    private let spool: Spool
    private let health: SharedSinkHealth
    private let stopped = Atomic<Bool>(false)
    /// A worker is parking what became pending during a pause (`parkLeftovers`).
    private let parkingLeftovers = Atomic<Bool>(false)
    /// When `sink:failing` is raised (`alerting`).
    private let alerting: AlertingSettings
    private let logger: Logger

    /// `queue` is shared with the dispatcher this one replaces on reload, so that a delivery in
    /// flight in the old one is not taken again; `health` is shared the same way.
    init(
        sink: SinkConfiguration, queue: SinkQueue, deliverer: Deliverer, spool: Spool, health: SharedSinkHealth, alerting: AlertingSettings,
        logger: Logger
    ) {
        self.sink = sink
        self.queue = queue
        self.deliverer = deliverer
        self.recorder = AttemptRecorder(spool: spool, queue: queue, deliverer: deliverer)
        self.spool = spool
        self.health = health
        self.alerting = alerting
        self.logger = logger
    }

    /// The sink's health now.
    var currentHealth: SinkHealth { health.withLock { $0 } }

    /// Whether the sink is paused now (per offer and per ingest: no copy of the health).
    var isPaused: Bool { health.withLock { $0.paused } }

    /// Deliveries of this sink that ingest just committed. An ingest that read the sink as
    /// running just before a pause commits them pending: they are parked now, like the others.
    func offer(_ deliveries: [DueDelivery]) {
        queue.offer(deliveries)
        if isPaused { Task { await self.parkPendingAndLog() } }
    }

    /// Tells the workers that deliveries became due in the spool (a replay or a resume).
    func wake() {
        queue.requestSpoolRead()
    }

    /// Stops taking deliveries; workers exit after the attempt in flight.
    func stop() {
        stopped.store(true, ordering: .relaxed)
        queue.signal.wake()
    }

    /// Pauses delivery: the sink's pending deliveries, but for the attempts in flight, are parked
    /// in the spool (see `Spool.park`), and so are the ones ingest makes while it stays paused.
    /// Raises `sink:paused` unless it was paused already. Returns how many were parked now.
    func pause(reason: String) async throws -> Int {
        let wasPaused = health.withLock {
            let wasPaused = $0.paused
            $0.paused = true
            $0.pauseReason = reason
            return wasPaused
        }
        deliverer.metrics.setPaused(sink: sink.name, true)
        if !wasPaused { deliverer.alerts.raise(.paused(sink: sink.name, reason: reason, automatic: false)) }
        return try await parkPending()
    }

    /// Resumes delivery, re-queuing every parked delivery of the sink (also those parked before a
    /// restart); returns how many. Raises `sink:resumed` when it was paused or re-queued any (also
    /// when re-queuing fails: the sink runs again all the same).
    func resume() async throws -> Int {
        let wasPaused = health.withLock {
            let wasPaused = $0.paused
            $0.paused = false
            $0.pauseReason = nil
            $0.failingSince = nil
            return wasPaused
        }
        deliverer.metrics.setPaused(sink: sink.name, false)
        let requeued: Int
        do {
            requeued = try await spool.unpark(sink: sink.name, now: Date())
        } catch {
            if wasPaused { deliverer.alerts.raise(.resumed(sink: sink.name, requeued: 0)) }
            throw error
        }
        if wasPaused || requeued > 0 { deliverer.alerts.raise(.resumed(sink: sink.name, requeued: requeued)) }
        wake()
        return requeued
    }

    /// Parks what is pending, unless a resume comes first (see `Spool.park`). The queue is held
    /// meanwhile, so no worker begins an attempt on a delivery being parked and a spool read
    /// under way is thrown away; what the queue held is dropped either way (after a resume, the
    /// workers read it back from the spool). Attempts already in flight are left out: each
    /// records its own outcome, and a retry it leaves pending is parked by `parkLeftovers`.
    private func parkPending() async throws -> Int {
        queue.hold()
        defer { queue.release() }
        let parked = try await spool.park(sink: sink.name, excluding: queue.inFlight, now: Date()) { [health] in
            health.withLock { $0.paused }
        }
        queue.dropBuffered()
        if !isPaused { wake() }
        deliverer.metrics.deliveryFinished(sink: sink.name, outcome: "parked", count: parked)
        return parked
    }

    /// Runs the workers until `stop()` (or cancellation), then records what they attempted.
    func run() async {
        async let recording: Void = recorder.run()
        await withDiscardingTaskGroup { group in
            for _ in 0..<max(1, sink.concurrency) {
                group.addTask { await self.work() }
            }
        }
        recorder.close()
        await recording
    }

    private var shouldStop: Bool { stopped.load(ordering: .relaxed) || Task.isCancelled }

    private func work() async {
        while !shouldStop {
            if !isPaused {
                do {
                    if let job = try await queue.take() {
                        // Stopped (a reload) while taking it: the next generation's worker
                        // attempts it, with the settings now in force.
                        if shouldStop {
                            queue.abandon(job.id)
                            break
                        }
                        let report = await deliverer.attempt(job, sink: sink)
                        // Cut short by the drain timeout: no failure of the receiver's. Nothing is
                        // recorded; the delivery stays pending with its attempt budget.
                        if Task.isCancelled && !report.succeeded {
                            queue.abandon(job.id)
                            continue
                        }
                        let paused = noteResult(
                            success: report.succeeded, error: report.succeeded ? nil : report.outcome.summary, gone: report.outcome.status == 410)
                        await recorder.submit(report)
                        if paused { await parkPendingAndLog() }
                        continue
                    }
                } catch {
                    logger.error("spool read failed", metadata: ["sink.name": "\(sink.name)", "error": "\(error)"])
                }
            }
            if isPaused { await parkLeftovers() }
            let wait = isPaused ? .seconds(1) : queue.idleWait(cap: .seconds(1))
            await queue.signal.wait(timeout: wait)
        }
    }

    /// Records an attempt's result in the sink's health, raising the alerts it calls for; true
    /// when it paused the sink.
    private func noteResult(success: Bool, error: String?, gone: Bool) -> Bool {
        let change = health.withLock {
            $0.record(success: success, error: error, at: Date(), sink: sink.name, pauseAfter: sink.pauseAfter, alerting: alerting, gone: gone)
        }
        if let failing = change.failing {
            logger.warning("sink failing", metadata: ["sink.name": "\(sink.name)", "error": "\(error ?? "")"])
            deliverer.alerts.raise(failing)
        }
        if let recovered = change.recovered {
            logger.notice("sink recovered", metadata: ["sink.name": "\(sink.name)"])
            deliverer.alerts.raise(recovered)
        }
        guard let pauseReason = change.pauseReason else { return false }
        deliverer.metrics.setPaused(sink: sink.name, true)
        logger.warning("sink paused", metadata: ["sink.name": "\(sink.name)", "reason": "\(pauseReason)"])
        deliverer.alerts.raise(.paused(sink: sink.name, reason: pauseReason, automatic: true))
        return true
    }

    /// While paused, parks what became pending since the pause (retries recorded by attempts that
    /// were in flight then, or a replay that raced the pause), so that it does not count toward
    /// `spool.max_pending`; one worker at a time, only when something is pending but not in flight.
    private func parkLeftovers() async {
        guard spool.pendingCount(sinks: [sink.name]) > queue.inFlight.count,
            parkingLeftovers.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
        else { return }
        defer { parkingLeftovers.store(false, ordering: .releasing) }
        await parkPendingAndLog(quietWhenNone: true)
    }

    /// Parks what is pending of the paused sink (after an automatic pause, or deliveries committed
    /// as a pause began), logging the outcome (but none parked, when `quietWhenNone`); a failure
    /// leaves them pending.
    private func parkPendingAndLog(quietWhenNone: Bool = false) async {
        guard isPaused else { return }  // resumed meanwhile: what ingest committed stays pending
        do {
            let parked = try await parkPending()
            if parked > 0 || !quietWhenNone {
                logger.notice("deliveries parked until the sink is resumed", metadata: ["sink.name": "\(sink.name)", "parked": "\(parked)"])
            }
        } catch {
            logger.error("could not park the paused sink's deliveries; they stay pending", metadata: ["sink.name": "\(sink.name)", "error": "\(error)"])
        }
    }
}
