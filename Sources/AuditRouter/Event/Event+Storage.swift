import GoTemplate

extension Event {
    /// The event as the spool stores it: every field, as a JSON object.
    public var storageValue: Value {
        var entries: [(String, Value)] = [
            ("id", .string(id)), ("source", .string(sourceName)), ("version", .string(version)),
            ("type", .string(type)), ("action", .string(action)), ("payload", payload),
            ("timestamp", .string(timestamp)), ("status", .string(status)), ("before", before), ("changes", changes),
            ("actor", .map(ValueMap([
                ("authentication", .string(actor.authentication)), ("ip", .string(actor.ip)),
                ("email", .string(actor.email)), ("name", .string(actor.name)), ("picture", .string(actor.picture)),
            ]))),
        ]
        if let namespace { entries.append(("namespace", .string(namespace))) }
        return .map(ValueMap(entries))
    }

    /// Rebuilds an event from `storageValue`; nil when a required field is missing.
    public init?(storageValue value: Value) {
        guard case .map(let map) = value,
            case .string(let id)? = map["id"],
            case .string(let sourceName)? = map["source"],
            case .string(let type)? = map["type"], case .string(let action)? = map["action"]
        else { return nil }
        let source = EventSource(rawValue: sourceName)
        guard source != nil || sourceName == Event.routerSourceName else { return nil }
        func string(_ key: String, in map: ValueMap) -> String {
            if case .string(let s)? = map[key] { return s }
            return ""
        }
        var actor = Actor()
        if case .map(let a)? = map["actor"] {
            actor = Actor(
                authentication: string("authentication", in: a), ip: string("ip", in: a), email: string("email", in: a),
                name: string("name", in: a), picture: string("picture", in: a))
        }
        var namespace: String?
        if case .string(let ns)? = map["namespace"] { namespace = ns }
        self.init(
            id: id, source: source, version: string("version", in: map), type: type, action: action, actor: actor,
            payload: map["payload"] ?? .null, timestamp: string("timestamp", in: map), status: string("status", in: map),
            namespace: namespace, before: map["before"] ?? .null, changes: map["changes"] ?? .null)
    }

    /// The event as Flipt's webhook sink posts it: `json.Marshal(audit.Event)`.
    public var fliptJSON: [UInt8] {
        (try? templateValue().jsonBytes()) ?? Array("null".utf8)
    }
}

extension Event {
    /// Gives whole float numbers the form the spool gives them back: JSON writes `50.0` as `50`,
    /// which reads back as an integer. Doing it at ingest means routing (`when`), `preview`
    /// and every delivery attempt see the same numbers.
    mutating func useStoredNumberForms() {
        payload = payload.storedNumberForm
        before = before.storedNumberForm
        changes = changes.storedNumberForm
    }
}

extension Value {
    /// This value after a JSON round trip: whole float64s within int64's range become int64s.
    var storedNumberForm: Value { convertedForStorage ?? self }

    /// `storedNumberForm` when it differs from this value; nil (and nothing copied) when no
    /// whole float64 is in it.
    private var convertedForStorage: Value? {
        switch self {
        case .float64(let x) where x.rounded() == x && x >= -9.223372036854775808e18 && x < 9.223372036854775808e18:
            return .int64(Int64(x))
        case .array(let elements):
            return Self.converted(elements).map(Value.array)
        case .map(let map):
            return Self.converted(map.values).map { .map(ValueMap(zip(map.keys, $0))) }
        default:
            return nil
        }
    }

    /// `values` with the ones that change for storage changed; nil when none does.
    private static func converted(_ values: [Value]) -> [Value]? {
        var result: [Value]?
        for (index, value) in values.enumerated() {
            guard let changed = value.convertedForStorage else { continue }
            if result == nil { result = values }
            result![index] = changed
        }
        return result
    }
}
