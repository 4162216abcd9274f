import AuditRouter
import Foundation
import Synchronization

/// Records a sink's attempts in the spool in batches, off the workers' path: a worker hands its
/// report over and goes on to its next delivery while the batch commits. Only once an attempt is
/// committed is its delivery released by the queue (so it is never taken twice meanwhile) and
/// counted in the metrics. A backlog over `backlogLimit` makes workers wait for the spool.
final class AttemptRecorder: Sendable {
    /// Reports waiting to be recorded before `submit` makes workers wait.
    static let backlogLimit = 512
    /// Most attempts recorded in one transaction.
    static let batchLimit = 1024
    /// How long the recorder lets attempts gather before recording them: it only delays
    /// releasing their deliveries, never an ingest answer or a send.
    static let linger: Duration = .milliseconds(5)

    private struct State {
        var reports: [Deliverer.Report] = []
        var closed = false
        /// Workers waiting for the backlog to shrink.
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let spool: Spool
    private let queue: SinkQueue
    private let deliverer: Deliverer
    private let state = Mutex(State())
    private let signal = WakeSignal()

    init(spool: Spool, queue: SinkQueue, deliverer: Deliverer) {
        self.spool = spool
        self.queue = queue
        self.deliverer = deliverer
    }

    /// Hands over an attempt to record; returns at once unless the backlog is over its limit.
    func submit(_ report: Deliverer.Report) async {
        let backlogged = state.withLock {
            $0.reports.append(report)
            return $0.reports.count > Self.backlogLimit
        }
        signal.wake(1)
        guard backlogged else { return }
        await withCheckedContinuation { continuation in
            let goOn = state.withLock { state in
                guard state.reports.count > Self.backlogLimit else { return true }
                state.waiting.append(continuation)
                return false
            }
            if goOn { continuation.resume() }
        }
    }

    /// Ends `run` once everything submitted is recorded.
    func close() {
        state.withLock { $0.closed = true }
        signal.wake()
    }

    /// Records batches of submitted attempts until closed and drained.
    func run() async {
        while true {
            let (submitted, closed) = state.withLock { ($0.reports.count, $0.closed) }
            if submitted == 0 {
                if closed { return }
                await signal.wait(timeout: .seconds(1))
                continue
            }
            // Let more attempts finish, so that one transaction records them together.
            if submitted < Self.batchLimit && !closed { try? await Task.sleep(for: Self.linger) }
            let (batch, waiting) = state.withLock { state in
                let batch = Array(state.reports.prefix(Self.batchLimit))
                state.reports.removeFirst(batch.count)
                let waiting = state.reports.count <= Self.backlogLimit ? state.waiting : []
                if !waiting.isEmpty { state.waiting = [] }
                return (batch, waiting)
            }
            for worker in waiting { worker.resume() }
            await record(batch)
        }
    }

    private func record(_ batch: [Deliverer.Report]) async {
        do {
            let recorded = try await spool.record(batch.map { ($0.row, $0.update) })
            for (report, wasRecorded) in zip(batch, recorded) {
                if case .retry(let at) = report.decision, wasRecorded {
                    queue.finish(report.job.id, retryAt: at)
                } else {
                    queue.finish(report.job.id)
                }
                if wasRecorded {
                    deliverer.recorded(report)
                } else {
                    deliverer.notRecorded(report, error: SpoolError.notPending(report.job.id).description)
                }
            }
        } catch {
            for report in batch {
                queue.abandon(report.job.id)
                deliverer.notRecorded(report, error: "\(error)")
            }
            // The spool is failing: give it a moment rather than retrying in a tight loop.
            try? await Task.sleep(for: .seconds(1))
        }
    }
}
