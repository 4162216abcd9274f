import AuditRouter
import Foundation
import Logging
import ServiceLifecycle

/// Delivers one sink's pending deliveries with `concurrency` workers. Each sink has its own
/// dispatcher, so a slow or dead sink never delays another. On graceful shutdown, workers finish
/// the attempts in flight and stop; what is left stays pending in the spool.
final class SinkDispatcher: Service, Sendable {
    let sink: SinkConfiguration
    private let queue: SinkQueue
    private let deliverer: Deliverer
    private let signal = WakeSignal()
    private let logger: Logger

    init(sink: SinkConfiguration, spool: Spool, deliverer: Deliverer, logger: Logger) {
        self.sink = sink
        self.queue = SinkQueue(sink: sink.name, spool: spool)
        self.deliverer = deliverer
        self.logger = logger
    }

    /// Tells the workers that new deliveries were committed.
    func wake() {
        Task { await signal.wake() }
    }

    func run() async throws {
        await withDiscardingTaskGroup { group in
            for _ in 0..<max(1, sink.concurrency) {
                group.addTask { await self.work() }
            }
        }
    }

    private func work() async {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                if let job = try await queue.take() {
                    await deliverer.attempt(job, sink: sink)
                    await queue.finish(job.id)
                    continue
                }
            } catch {
                logger.error("spool read failed", metadata: ["sink.name": "\(sink.name)", "error": "\(error)"])
            }
            let wait = await queue.idleWait(cap: .seconds(1))
            await signal.wait(timeout: wait)
        }
    }
}

/// The dispatchers by sink name, so that ingest can wake the ones that got work.
struct DispatcherRegistry: Sendable {
    let dispatchers: [String: SinkDispatcher]

    func wake(_ sink: String) {
        dispatchers[sink]?.wake()
    }
}
