import AuditRouter
import Foundation
import GRDB

/// The durable spool: accepted events and the state of their deliveries to every sink, in one
/// SQLite database (GRDB, WAL mode).
///
/// An event is accepted once `accept` returns: it and its deliveries are committed together, and
/// they survive a crash of the process (`kill -9`) at any later moment. Pending deliveries are
/// simply due again after a restart (at-least-once; the delivery id lets receivers drop duplicates).
///
/// All methods are safe to call concurrently. Writes are serialized by GRDB's writer connection;
/// reads run on a pool of reader connections and never wait for a write.
public final class Spool: Sendable {
    /// The database: a `DatabasePool` for a file, a `DatabaseQueue` in memory.
    let writer: any DatabaseWriter
    /// Batches concurrent `accept` and `record` calls into shared write transactions.
    let committer: GroupCommit
    /// Pending deliveries by sink, for `pendingCount()`.
    let pending: PendingCounter
    /// Keeps the WAL of a spool on disk flushed ahead of checkpoints; nil in memory.
    private let flusher: WALFlusher?

    /// Opens the spool at `path`, creating its parent folder and the file when missing, and
    /// migrating the schema.
    ///
    /// Durability (`synchronous`): WAL, with SQLite's `synchronous = NORMAL` (GRDB's default for
    /// WAL) or `FULL`. With NORMAL, a committed transaction is in the WAL file when the commit
    /// returns, so it survives a crash or `kill -9` of the process; the WAL is synced by
    /// `WALFlusher` every 10 ms and at checkpoints, so an OS crash or power loss may roll back
    /// the last few milliseconds of commits. FULL syncs the WAL in every commit: group commit
    /// keeps its throughput close to NORMAL's under concurrent load, but every ingest waits for
    /// a sync (milliseconds on common disks; a lone caller ran 2 to 10 times slower here).
    /// `SpoolThroughputTests` measures both.
    public convenience init(path: String, synchronous: SpoolSynchronous = .normal) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let pool = try DatabasePool(path: path, configuration: Spool.configuration)
        if synchronous == .full {
            // After GRDB's WAL setup, which sets NORMAL; only the writer connection commits.
            try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
        }
        try self.init(writer: pool, walPath: synchronous == .normal ? path + "-wal" : nil)
    }

    /// An empty spool in memory, for tests.
    public static func inMemory() throws -> Spool {
        try Spool(writer: DatabaseQueue(configuration: configuration))
    }

    /// `walPath`: the WAL file to keep flushed, for a spool on disk.
    init(writer: any DatabaseWriter, walPath: String? = nil) throws {
        try SpoolSchema.migrator.migrate(writer)
        self.writer = writer
        self.committer = GroupCommit(writer: writer)
        self.pending = PendingCounter(try writer.read { db in
            var counts: [String: Int] = [:]
            // One index walk per sink on `delivery_due`, never the table (100,000 pending by default).
            let rows = try Row.fetchCursor(db, sql: """
                \(Self.sinkNamesCTE)
                SELECT name AS sink, (SELECT COUNT(*) FROM delivery WHERE sink = name AND state = 'pending') AS n
                FROM sinks WHERE name IS NOT NULL
                """)
            while let row = try rows.next() { counts[row["sink"]] = row["n"] }
            return counts
        })
        // Last: a throwing init would leave the thread running.
        self.flusher = walPath.map { WALFlusher(walPath: $0) }
    }

    /// `sinks(name)`: the names of the sinks the spool holds deliveries of, in order (and a
    /// last NULL), one step along the `delivery_due` index per sink however many deliveries
    /// each has.
    static let sinkNamesCTE = """
        WITH RECURSIVE sinks(name) AS (
            SELECT MIN(sink) FROM delivery
            UNION ALL
            SELECT (SELECT MIN(sink) FROM delivery WHERE sink > name) FROM sinks WHERE name IS NOT NULL)
        """

    deinit {
        flusher?.stop()
    }

    /// Write transactions `accept` and `record` have run, for tests of group commit.
    var groupTransactions: Int {
        get async { await committer.transactions }
    }

    private static var configuration: Configuration {
        var config = Configuration()
        config.label = "spool"
        // Wait for locks held by another process on the same file (a second instance, the
        // sqlite3 shell) instead of failing at once.
        config.busyMode = .timeout(5)
        config.prepareDatabase { db in
            // Savepoints (one per batch in a group commit) keep their undo pages in memory
            // rather than in a temporary file.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        return config
    }
}
