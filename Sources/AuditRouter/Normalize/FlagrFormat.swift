import GoTemplate

extension SourceFormat {
    /// One Flagr event: a notification (it has `operation`) or the shape of Flagr's webhook docs
    /// (it has `event`).
    static func flagrEvent(_ object: FieldReader, receivedAt: String) throws(IngestError) -> Event {
        if object.map["operation"] != nil { return try flagrNotification(object, receivedAt: receivedAt) }
        if object.map["event"] != nil { return try flagrDocumentedEvent(object, receivedAt: receivedAt) }
        let subject = object.path.isEmpty ? "the body" : object.path
        throw .unsupported(.flagr, "\(subject) has neither \"operation\" (a Flagr notification) nor \"event\" (the payload of Flagr's webhook docs)")
    }

    /// Flagr's `Notification` (`pkg/notification`, Flagr ≥ 1.2).
    ///
    /// - `operation` (required): `create` → `created`, `update` → `updated`, `delete` → `deleted`,
    ///   `restore` → `restored` (a soft-deleted flag brought back).
    /// - `component_type` → `type` (default `flag`).
    /// - `post_value` / `pre_value` (flag snapshots as JSON strings) → `payload` / `before`, and
    ///   `changes` between them; a delete without `post_value` has the deleted snapshot as payload.
    ///   Without snapshots, `payload` is `{flag_id, flag_key, id, key}` of the changed component
    ///   (the flag's own for flag events). Strings that do not parse are ignored, and so is `diff`
    ///   (a text rendering of the same change). Either way `component_id` and `component_key`,
    ///   when Flagr sends them, are added to the payload, so that which segment, variant or
    ///   constraint changed is kept whether or not Flagr sends snapshots (detailed diffs).
    /// - `user` → `actor.email` when it looks like an address, `actor.name` otherwise.
    /// - `timestamp` kept; default the receive time.
    private static func flagrNotification(_ object: FieldReader, receivedAt: String) throws(IngestError) -> Event {
        let operation = try object.requiredString("operation")
        guard let action = flagrActions[operation] else {
            throw .invalid(.flagr, field: object.path(of: "operation"), "unknown operation \"\(operation)\" (expected create, update, delete or restore)")
        }
        let type = try object.string("component_type", default: "flag")
        let before = try flagrSnapshot(object, "pre_value")
        let after = try flagrSnapshot(object, "post_value")
        var payload = after
        if payload.isNil && action == "deleted" { payload = before }
        if payload.isNil {
            let flagID = try object.identifier("flag_id")
            let flagKey = try object.string("flag_key")
            let isFlag = type == "flag"
            let id = try object.identifier("component_id") ?? (isFlag ? flagID : nil)
            let key = try object.string("component_key", default: isFlag ? flagKey ?? "" : "")
            var fields: [(String, Value)] = []
            if let flagID { fields.append(("flag_id", flagID)) }
            if let flagKey { fields.append(("flag_key", .string(flagKey))) }
            if let id { fields.append(("id", id)) }
            if !key.isEmpty { fields.append(("key", .string(key))) }
            payload = .map(ValueMap(fields))
        }
        if case .map(let fields) = payload {
            var entries = Array(zip(fields.keys, fields.values))
            if let componentID = try object.identifier("component_id") { entries.append(("component_id", componentID)) }
            if let componentKey = try object.string("component_key"), !componentKey.isEmpty { entries.append(("component_key", .string(componentKey))) }
            payload = .map(ValueMap(entries))
        }
        return Event(
            id: "", source: .flagr, type: type, action: action, actor: try flagrActor(object), payload: payload,
            timestamp: try object.string("timestamp", default: receivedAt), before: before,
            changes: FieldChanges.between(before, after))
    }

    /// Flagr's `operation` values and the actions they become.
    private static let flagrActions = ["create": "created", "update": "updated", "delete": "deleted", "restore": "restored"]

    /// The payload of Flagr's webhook docs: `{event, flag_id, flag_key, timestamp, data}`.
    ///
    /// - `event` (required, `noun[.detail].verb`): the noun is the type, the verb the action, with
    ///   `flag.enabled` / `flag.disabled` as `updated` (`segment.rollout_percent.updated` →
    ///   `segment` / `updated`).
    /// - `data` (the whole flag) → `payload`; without it, `{flag_id, flag_key}`.
    private static func flagrDocumentedEvent(_ object: FieldReader, receivedAt: String) throws(IngestError) -> Event {
        let name = try object.requiredString("event")
        guard let parsed = EventName(name) else {
            throw .invalid(.flagr, field: object.path(of: "event"), "expected noun.verb such as flag.updated, got \"\(name)\"")
        }
        var payload = try object.objectValue("data")
        if payload.isNil {
            var fields: [(String, Value)] = []
            if let flagID = try object.identifier("flag_id") { fields.append(("flag_id", flagID)) }
            if let flagKey = try object.string("flag_key") { fields.append(("flag_key", .string(flagKey))) }
            payload = .map(ValueMap(fields))
        }
        return Event(
            id: "", source: .flagr, type: parsed.type, action: parsed.action, actor: try flagrActor(object),
            payload: payload, timestamp: try object.string("timestamp", default: receivedAt))
    }

    /// A flag snapshot held as a JSON string; `.null` when absent, empty or not JSON. A snapshot
    /// nested deeper than the body may be is rejected rather than dropped.
    private static func flagrSnapshot(_ object: FieldReader, _ key: String) throws(IngestError) -> Value {
        guard let text = try object.string(key), !text.isEmpty else { return .null }
        do {
            return try Value(json: Array(text.utf8), maxDepth: SourceFormat.maxNestingDepth)
        } catch where error.exceedsMaxDepth {
            throw .invalid(.flagr, field: object.path(of: key), "snapshot nested deeper than \(SourceFormat.maxNestingDepth) arrays and objects")
        } catch {
            return .null
        }
    }

    /// Flagr's `user` (a JWT claim, header or cookie value) as the actor.
    private static func flagrActor(_ object: FieldReader) throws(IngestError) -> Actor {
        let user = try object.optionalString("user")
        return user.contains("@") ? Actor(email: user) : Actor(name: user)
    }
}
