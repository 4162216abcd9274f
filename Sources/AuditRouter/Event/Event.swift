import GoTemplate

/// One audit event, normalized from any source into Flipt's audit envelope (`version`, `type`,
/// `action`, `metadata.actor`, `payload`, `timestamp`, `status`) plus what the router adds: an id
/// assigned at ingest, the source system, the namespace or environment, and the before-state and
/// per-field changes where the source has them.
public struct Event: Sendable, Equatable {
    /// Assigned at ingest; unique; stable across retries and restarts.
    public var id: String
    /// The system the event came from; nil for the router's own operator alerts (see
    /// `OperatorAlert`), whose `.Source` reads `audit-router`.
    public var source: EventSource?
    /// Flipt's envelope version (`"0.2"`).
    public var version: String
    /// The noun: `flag`, `segment`, `variant`, `constraint`, `rule`, `rollout`, `namespace`, ...
    public var type: String
    /// The verb: `created`, `updated`, `deleted` (sources' other verbs are mapped onto these).
    public var action: String
    /// Who did it.
    public var actor: Actor
    /// The resource after the change (for deletes, what the source sends).
    public var payload: Value
    /// When it happened, as the source wrote it (RFC 3339).
    public var timestamp: String
    /// `success` or `denied` (Flipt); `success` for sources without the notion.
    public var status: String
    /// The namespace (Flipt `namespace_key`) or environment (goflagship, GO Feature Flag), if any.
    public var namespace: String?
    /// The resource before the change, where the source has it (`.null` otherwise).
    public var before: Value
    /// Per-field changes `{field: {before, after}}`, where the source has them (`.null` otherwise).
    public var changes: Value

    public init(
        id: String, source: EventSource?, version: String = "0.2", type: String, action: String,
        actor: Actor = Actor(), payload: Value = .null, timestamp: String, status: String = "success",
        namespace: String? = nil, before: Value = .null, changes: Value = .null
    ) {
        self.id = id
        self.source = source
        self.version = version
        self.type = type
        self.action = action
        self.actor = actor
        self.payload = payload
        self.timestamp = timestamp
        self.status = status
        self.namespace = namespace
        self.before = before
        self.changes = changes
    }

    /// The filter key Flipt's audit checker matches: `type:action`.
    public var nounVerb: String { "\(type):\(action)" }

    /// The source's name as the spool, templates (`.Source`) and logs give it.
    public var sourceName: String { source?.rawValue ?? Self.routerSourceName }

    /// Whether the router raised this event itself (an `OperatorAlert`).
    public var isOperatorAlert: Bool { source == nil }

    /// The source name of the router's own events (operator alerts).
    public static let routerSourceName = "audit-router"
}

/// The systems whose audit webhooks the router ingests.
public enum EventSource: String, Sendable, CaseIterable, Equatable {
    case flipt, flagr, goflagship, gofeatureflag
}

/// Flipt's `audit.Actor`: who performed the change. Empty fields are omitted from JSON.
public struct Actor: Sendable, Equatable {
    public var authentication: String
    public var ip: String
    public var email: String
    public var name: String
    public var picture: String

    public init(authentication: String = "", ip: String = "", email: String = "", name: String = "", picture: String = "") {
        self.authentication = authentication
        self.ip = ip
        self.email = email
        self.name = name
        self.picture = picture
    }
}

extension Value {
    /// Whether this value is JSON `null` or absent.
    var isNullOrMissing: Bool {
        switch self {
        case .null, .missing: return true
        default: return false
        }
    }
}
