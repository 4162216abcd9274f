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
    private let health: Mutex<SinkHealth>
    private let stopped = Atomic<Bool>(false)
    private let logger: Logger

    /// `queue` is shared with the dispatcher this one replaces on reload, so that a delivery in
    /// flight in the old one is not taken again; `health` carries over the same way.
    init(sink: SinkConfiguration, queue: SinkQueue, deliverer: Deliverer, spool: Spool, health: SinkHealth, logger: Logger) {
        self.sink = sink
        self.queue = queue
        self.deliverer = deliverer
        self.recorder = AttemptRecorder(spool: spool, queue: queue, deliverer: deliverer)
        self.health = Mutex(health)
        self.logger = logger
    }

    /// The sink's health now.
    var currentHealth: SinkHealth { health.withLock { $0 } }

    /// Deliveries of this sink that ingest just committed.
    func offer(_ deliveries: [DueDelivery]) {
        queue.offer(deliveries)
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

    /// Pauses or resumes delivery.
    func setPaused(_ paused: Bool, reason: String?) {
        health.withLock {
            $0.paused = paused
            $0.pauseReason = paused ? reason : nil
            if !paused { $0.failingSince = nil }
        }
        if !paused { wake() }
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
            if !currentHealth.paused {
                do {
                    if let job = try await queue.take() {
                        let report = await deliverer.attempt(job, sink: sink)
                        noteResult(success: report.succeeded, error: report.succeeded ? nil : report.outcome.summary)
                        await recorder.submit(report)
                        continue
                    }
                } catch {
                    logger.error("spool read failed", metadata: ["sink.name": "\(sink.name)", "error": "\(error)"])
                }
            }
            let wait = currentHealth.paused ? .seconds(1) : queue.idleWait(cap: .seconds(1))
            await queue.signal.wait(timeout: wait)
        }
    }

    private func noteResult(success: Bool, error: String?) {
        let pauseReason = health.withLock {
            $0.record(success: success, error: error, at: Date(), pauseAfter: sink.pauseAfter)
        }
        if let pauseReason {
            logger.warning("sink paused", metadata: ["sink.name": "\(sink.name)", "reason": "\(pauseReason)"])
        }
    }
}
