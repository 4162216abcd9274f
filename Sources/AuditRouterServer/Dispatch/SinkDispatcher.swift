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
    private let signal = WakeSignal()
    private let health: Mutex<SinkHealth>
    private let stopped = Atomic<Bool>(false)
    private let logger: Logger

    /// `queue` is shared with the dispatcher this one replaces on reload, so that a delivery in
    /// flight in the old one is not taken again; `health` carries over the same way.
    init(sink: SinkConfiguration, queue: SinkQueue, deliverer: Deliverer, health: SinkHealth, logger: Logger) {
        self.sink = sink
        self.queue = queue
        self.deliverer = deliverer
        self.health = Mutex(health)
        self.logger = logger
    }

    /// The sink's health now.
    var currentHealth: SinkHealth { health.withLock { $0 } }

    /// Tells the workers that new deliveries were committed (or replayed).
    func wake() {
        Task { await signal.wake() }
    }

    /// Stops taking deliveries; workers exit after the attempt in flight.
    func stop() {
        stopped.store(true, ordering: .relaxed)
        wake()
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

    /// Runs the workers until `stop()` (or cancellation).
    func run() async {
        await withDiscardingTaskGroup { group in
            for _ in 0..<max(1, sink.concurrency) {
                group.addTask { await self.work() }
            }
        }
    }

    private var shouldStop: Bool { stopped.load(ordering: .relaxed) || Task.isCancelled }

    private func work() async {
        while !shouldStop {
            if !currentHealth.paused {
                do {
                    if let job = try await queue.take() {
                        let result = await deliverer.attempt(job, sink: sink)
                        await queue.finish(job.id)
                        if let result {
                            noteResult(result)
                            continue
                        }
                        // The attempt could not be recorded (the spool failed): back off rather
                        // than retrying the same delivery in a tight loop.
                        await signal.wait(timeout: .seconds(1))
                        continue
                    }
                } catch {
                    logger.error("spool read failed", metadata: ["sink.name": "\(sink.name)", "error": "\(error)"])
                }
            }
            let wait = currentHealth.paused ? .seconds(1) : await queue.idleWait(cap: .seconds(1))
            await signal.wait(timeout: wait)
        }
    }

    private func noteResult(_ result: (success: Bool, error: String?)) {
        let pauseReason = health.withLock {
            $0.record(success: result.success, error: result.error, at: Date(), pauseAfter: sink.pauseAfter)
        }
        if let pauseReason {
            logger.warning("sink paused", metadata: ["sink.name": "\(sink.name)", "reason": "\(pauseReason)"])
        }
    }
}
