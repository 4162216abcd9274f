import GoTemplate

extension SourceFormat {
    /// One goflagship webhook event (`internal/webhook/types.go`).
    ///
    /// - `event` (required, `noun.verb`): `flag.created|updated|deleted` → `flag` / the verb;
    ///   `webhook.test` → `webhook` / `test`.
    /// - `environment` → `namespace`.
    /// - `data.after` → `payload`; for deletes (no after-state) the deleted `data.before`; with
    ///   neither, `{key}` from `resource.key`.
    /// - `data.before` → `before`; `data.changes` → `changes`, computed from before and after
    ///   when absent.
    /// - `metadata.ipAddress` → `actor.ip`; `metadata.apiKeyId` → `actor.name`, with
    ///   `actor.authentication` `token` (the change was made with that API key).
    ///   `metadata.requestId` is not kept.
    /// - `timestamp` kept; default the receive time.
    static func goflagshipEvent(_ object: FieldReader, receivedAt: String) throws(IngestError) -> Event {
        let name = try object.requiredString("event")
        guard let parsed = EventName(name) else {
            throw .invalid(.goflagship, field: object.path(of: "event"), "expected noun.verb such as flag.updated, got \"\(name)\"")
        }
        let data = try object.object("data")
        let before = try data?.objectValue("before") ?? .null
        let after = try data?.objectValue("after") ?? .null
        var changes = try data?.objectValue("changes") ?? .null
        if changes.isNil { changes = FieldChanges.between(before, after) }
        var payload = after.isNil ? before : after
        if payload.isNil, let key = try object.object("resource")?.string("key") {
            payload = .map(ValueMap([("key", .string(key))]))
        }
        var actor = Actor()
        if let metadata = try object.object("metadata") {
            let apiKey = try metadata.optionalString("apiKeyId")
            actor = Actor(authentication: apiKey.isEmpty ? "" : "token", ip: try metadata.optionalString("ipAddress"), name: apiKey)
        }
        let environment = try object.optionalString("environment")
        return Event(
            id: "", source: .goflagship, type: parsed.type, action: parsed.action, actor: actor, payload: payload,
            timestamp: try object.string("timestamp", default: receivedAt), namespace: environment.isEmpty ? nil : environment,
            before: before, changes: changes)
    }
}
