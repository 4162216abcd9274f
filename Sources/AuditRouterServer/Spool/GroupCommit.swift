import GRDB

/// Group commit: concurrent writes share one transaction, so that the cost of a commit is paid
/// once per group rather than once per caller.
///
/// The first caller to find no write under way becomes the leader: it takes every batch queued
/// so far (its own included), runs them in one transaction, each in its own savepoint, resumes
/// the waiters with their outcome, and hands the lead to the oldest batch queued meanwhile. Each
/// caller returns once its own batch is committed, or with the error that stopped it: a batch
/// that fails is rolled back alone; a transaction that fails to commit fails every batch in it.
actor GroupCommit {
    /// A unit of work that must be committed entirely or not at all.
    typealias Batch = @Sendable (Database) throws -> Void

    private enum Turn {
        case committed
        case lead
    }

    private struct Waiter {
        let batch: Batch
        let continuation: CheckedContinuation<Turn, any Error>
    }

    private let writer: any DatabaseWriter
    private var queue: [Waiter] = []
    private var writing = false
    /// Write transactions run so far, for tests.
    private(set) var transactions = 0

    init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    /// Runs `batch` in a write transaction, possibly shared with concurrent batches; returns once
    /// it is committed.
    func run(_ batch: @escaping Batch) async throws {
        if writing {
            let turn = try await withCheckedThrowingContinuation {
                queue.append(Waiter(batch: batch, continuation: $0))
            }
            if case .committed = turn { return }
        }
        writing = true
        let waiters = queue
        queue = []
        let batches = [batch] + waiters.map(\.batch)
        transactions += 1
        let results = await write(batches)
        for (waiter, result) in zip(waiters, results.dropFirst()) {
            waiter.continuation.resume(with: result.map { .committed })
        }
        if queue.isEmpty {
            writing = false
        } else {
            queue.removeFirst().continuation.resume(returning: .lead)
        }
        try results[0].get()
    }

    /// Runs `batches` in one transaction and returns their outcomes. Not cancellable: the
    /// transaction holds other callers' batches.
    private func write(_ batches: [Batch]) async -> [Result<Void, any Error>] {
        await withCheckedContinuation { continuation in
            writer.asyncWrite { db in
                try Self.isolate(batches, in: db)
            } completion: { _, result in
                switch result {
                case .success(let results): continuation.resume(returning: results)
                case .failure(let error):
                    continuation.resume(returning: Array(repeating: .failure(error), count: batches.count))
                }
            }
        }
    }

    /// Runs each batch in its own savepoint, so that a failing batch is rolled back alone. A lone
    /// batch needs none: the transaction is its savepoint. Throws, failing the transaction, when
    /// a savepoint cannot be rolled back (SQLite may have rolled back the whole transaction).
    private static func isolate(_ batches: [Batch], in db: Database) throws -> [Result<Void, any Error>] {
        if batches.count == 1 {
            try batches[0](db)
            return [.success(())]
        }
        // Cached statements: GRDB's `inSavepoint` parses its SQL anew for every batch.
        let begin = try db.cachedStatement(sql: "SAVEPOINT batch")
        let release = try db.cachedStatement(sql: "RELEASE SAVEPOINT batch")
        let rollback = try db.cachedStatement(sql: "ROLLBACK TO SAVEPOINT batch")
        return try batches.map { batch in
            try begin.execute()
            do {
                try batch(db)
                try release.execute()
                return .success(())
            } catch {
                try rollback.execute()
                try release.execute()
                return .failure(error)
            }
        }
    }
}
