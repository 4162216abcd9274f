import GoTemplate

/// The whole router configuration (`config.yaml`), validated, with every template compiled and
/// every path absolute. Build it with `ConfigurationLoader.load(path:environment:)`.
public struct RouterConfiguration: Sendable {
    /// The HTTP listener and its limits (`server:`).
    public var server: ServerSettings
    /// The durable spool (`spool:`).
    public var spool: SpoolSettings
    /// Static values templates see as `.Meta` (`meta:`); always holds `hostname`.
    public var meta: ValueMap
    /// Per-source ingest settings (`sources:`); a source without an entry has no secret.
    public var sources: [EventSource: SourceConfiguration]
    /// Every sink, in file order, disabled ones included.
    public var sinks: [SinkConfiguration]
    /// When operator alerts are raised (`alerting:`).
    public var alerting: AlertingSettings

    public init(
        server: ServerSettings = ServerSettings(), spool: SpoolSettings, meta: ValueMap = ValueMap(),
        sources: [EventSource: SourceConfiguration] = [:], sinks: [SinkConfiguration] = [], alerting: AlertingSettings = AlertingSettings()
    ) {
        self.server = server
        self.spool = spool
        self.meta = meta
        self.sources = sources
        self.sinks = sinks
        self.alerting = alerting
    }
}

/// Where the router listens and what ingest accepts (`server:`).
public struct ServerSettings: Sendable, Equatable {
    /// The address to bind (`listen`, the part before the port); `0.0.0.0` for `:PORT`.
    public var host: String
    /// The TCP port to bind; 0 picks a free one.
    public var port: Int
    /// When set, ingest requires `Authorization: Bearer <token>` (`ingest_token`; empty is nil).
    public var ingestToken: String?
    /// The admin API's bearer token (`admin_token`); nil (empty) turns the admin API off.
    public var adminToken: String?
    /// The largest request body ingest accepts, in bytes (`max_body_bytes`, default 1 MiB).
    public var maxBodyBytes: Int
    /// How long a graceful shutdown waits for attempts in flight (`drain_timeout`, default 30s);
    /// what is not delivered by then stays in the spool for the next start.
    public var drainTimeout: Duration
    /// How long a connection may send nothing, while idle between requests or in the middle of
    /// one, before it is closed (`idle_timeout`, default 60s).
    public var idleTimeout: Duration
    /// HTTPS instead of HTTP (`tls`); nil serves plain HTTP.
    public var tls: ServerTLSSettings?

    public init(
        host: String = "127.0.0.1", port: Int = 8080, ingestToken: String? = nil, adminToken: String? = nil,
        maxBodyBytes: Int = 1_048_576, drainTimeout: Duration = .seconds(30), idleTimeout: Duration = .seconds(60),
        tls: ServerTLSSettings? = nil
    ) {
        self.host = host
        self.port = port
        self.ingestToken = ingestToken
        self.adminToken = adminToken
        self.maxBodyBytes = maxBodyBytes
        self.drainTimeout = drainTimeout
        self.idleTimeout = idleTimeout
        self.tls = tls
    }

    /// `HOST:PORT` as written in `listen` (IPv6 hosts in brackets).
    public var listen: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}

/// The SQLite spool (`spool:`).
public struct SpoolSettings: Sendable, Equatable {
    /// The database file, absolute (`path`, relative to the config file's folder when written
    /// relative; default `data/spool.sqlite`). Created when missing.
    public var path: String
    /// Undelivered deliveries to the sinks that run the spool may hold (`max_pending`, default
    /// 100000); past it, ingest answers 503 with `Retry-After` and accepts nothing.
    public var maxPending: Int
    /// How long attempt rows and delivered events are kept (`retain_delivered`, default 7 days).
    public var retainDelivered: Duration
    /// How long dead letters are kept (`retain_dead`, default 30 days).
    public var retainDead: Duration
    /// When a commit reaches the disk (`synchronous`, default `normal`).
    public var synchronous: SpoolSynchronous

    public init(
        path: String, maxPending: Int = 100_000, retainDelivered: Duration = .seconds(7 * 86_400), retainDead: Duration = .seconds(30 * 86_400),
        synchronous: SpoolSynchronous = .normal
    ) {
        self.path = path
        self.maxPending = maxPending
        self.retainDelivered = retainDelivered
        self.retainDead = retainDead
        self.synchronous = synchronous
    }
}

/// When the spool's commits reach the disk: SQLite's `synchronous` setting for its write-ahead log.
public enum SpoolSynchronous: String, Sendable, Equatable, CaseIterable {
    /// A commit is in the log file when ingest answers, so it survives a crash or `kill -9` of
    /// the router; the log is synced to the disk by a background thread every 10 ms and at
    /// checkpoints, so an OS crash or power loss may lose the last few milliseconds of commits.
    case normal
    /// Every commit is synced to the disk before ingest answers: accepted events survive power
    /// loss too, at the cost of a disk sync in every ingest's latency (shared by the requests
    /// a group commit batches).
    case full
}

/// Ingest settings for one source system (`sources.NAME:`).
public struct SourceConfiguration: Sendable, Equatable {
    /// The secret that incoming webhooks' signatures are checked with (`secret`); nil (empty)
    /// accepts unsigned requests.
    public var secret: String?
    /// The largest body this source's endpoint accepts (`max_body_bytes`); nil is
    /// `server.max_body_bytes`. GO Feature Flag sends every flag in one notification at its
    /// first load and never retries, so its bodies can need more than other sources'.
    public var maxBodyBytes: Int?

    public init(secret: String? = nil, maxBodyBytes: Int? = nil) {
        self.secret = secret
        self.maxBodyBytes = maxBodyBytes
    }
}
