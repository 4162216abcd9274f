import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Runs the sinks' dispatchers, starting new ones as configurations are (re)loaded. On graceful
/// shutdown it stops every dispatcher and waits for the attempts in flight, at most the drain
/// timeout; anything still running then is cancelled and stays pending in the spool.
final class DispatchSupervisor: Service, Sendable {
    private let starts: AsyncStream<SinkDispatcher>
    private let startContinuation: AsyncStream<SinkDispatcher>.Continuation
    private let running = Atomic<Int>(0)
    private let onShutdown: @Sendable () -> Void
    private let drainTimeout: Duration
    private let logger: Logger

    /// `onShutdown` stops the current dispatchers; `drainTimeout` is read when shutdown begins.
    init(logger: Logger, drainTimeout: Duration, onShutdown: @escaping @Sendable () -> Void) {
        (starts, startContinuation) = AsyncStream.makeStream()
        self.logger = logger
        self.drainTimeout = drainTimeout
        self.onShutdown = onShutdown
    }

    /// Starts running `dispatcher` (before or after `run()` began).
    func start(_ dispatcher: SinkDispatcher) {
        startContinuation.yield(dispatcher)
    }

    func run() async throws {
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Bool.self) { group in
                for await dispatcher in starts {
                    running.add(1, ordering: .relaxed)
                    group.addTask {
                        await dispatcher.run()
                        self.running.subtract(1, ordering: .relaxed)
                        return false
                    }
                }
                // Shutting down: every dispatcher was told to stop; wait for them, bounded.
                guard running.load(ordering: .relaxed) > 0 else { return }
                let limit = drainTimeout
                group.addTask {
                    // True only when the limit passed: cancelled because every dispatcher ended, it is false.
                    do {
                        try await Task.sleep(for: limit)
                        return true
                    } catch {
                        return false
                    }
                }
                while let timerFired = await group.next() {
                    if timerFired {
                        logger.warning("drain timeout reached; attempts in flight are abandoned and stay pending", metadata: ["drain_timeout": "\(limit)"])
                        group.cancelAll()
                    } else if running.load(ordering: .relaxed) == 0 {
                        group.cancelAll()
                    }
                }
            }
        } onGracefulShutdown: {
            self.onShutdown()
            self.startContinuation.finish()
        }
    }
}
