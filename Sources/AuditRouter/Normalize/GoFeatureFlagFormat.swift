import GoTemplate

extension SourceFormat {
    /// One GO Feature Flag webhook notification, `{meta, flags: {added, updated, deleted}}`: one
    /// event per flag, all of type `flag`, in the order added (`created`), updated (`updated`),
    /// deleted (`deleted`), each group by flag name.
    ///
    /// - `payload`: the flag with its name added as `key` (for updates, `new_value`).
    /// - `before`: for updates `old_value`, for deletes the deleted flag, both with `key`.
    /// - `changes`: for updates, computed per top-level field of the flag.
    /// - `meta.environment` → `namespace`; `meta.hostname` (GO Feature Flag always adds it: the
    ///   instance that noticed the change, which tells apart the notifications of several relay
    ///   proxies) → `actor.name`. Other `meta` keys are not kept. GO Feature Flag sends no
    ///   timestamp and no actor: `timestamp` is the receive time.
    static func goFeatureFlagEvents(_ object: FieldReader, receivedAt: String) throws(IngestError) -> [Event] {
        guard let flags = try object.object("flags") else {
            throw .invalid(.gofeatureflag, field: object.path(of: "flags"), "missing")
        }
        let meta = try object.object("meta")
        let environment = try meta?.string("environment", default: "") ?? ""
        let hostname = try meta?.string("hostname", default: "") ?? ""
        func event(_ action: String, payload: Value, before: Value = .null, changes: Value = .null) -> Event {
            Event(
                id: "", source: .gofeatureflag, type: "flag", action: action, actor: Actor(name: hostname), payload: payload,
                timestamp: receivedAt, namespace: environment.isEmpty ? nil : environment, before: before, changes: changes)
        }
        var events: [Event] = []
        for (name, flag) in try goFeatureFlagGroup(flags, "added") {
            events.append(event("created", payload: keyed(flag.map, name)))
        }
        for (name, entry) in try goFeatureFlagGroup(flags, "updated") {
            guard let old = try entry.object("old_value") else {
                throw .invalid(.gofeatureflag, field: entry.path(of: "old_value"), "missing")
            }
            guard let new = try entry.object("new_value") else {
                throw .invalid(.gofeatureflag, field: entry.path(of: "new_value"), "missing")
            }
            let before = keyed(old.map, name)
            let after = keyed(new.map, name)
            events.append(event("updated", payload: after, before: before, changes: FieldChanges.between(before, after)))
        }
        for (name, flag) in try goFeatureFlagGroup(flags, "deleted") {
            let deleted = keyed(flag.map, name)
            events.append(event("deleted", payload: deleted, before: deleted))
        }
        return events
    }

    /// The flags of one group (`added`, `updated`, `deleted`) by name, each checked to be an object.
    private static func goFeatureFlagGroup(_ flags: FieldReader, _ group: String) throws(IngestError) -> [(String, FieldReader)] {
        guard let members = try flags.object(group) else { return [] }
        var result: [(String, FieldReader)] = []
        for index in 0..<members.map.count {
            let name = members.map[entryAt: index].key
            guard let flag = try members.object(name) else {
                throw .invalid(.gofeatureflag, field: members.path(of: name), "must be an object, got null")
            }
            result.append((name, flag))
        }
        return result
    }

    /// The flag with its name under `key` (replacing any `key` field of its own).
    private static func keyed(_ flag: ValueMap, _ name: String) -> Value {
        var fields = (0..<flag.count).map { (flag[entryAt: $0].key, flag[entryAt: $0].value) }
        fields.append(("key", .string(name)))
        return .map(ValueMap(fields))
    }
}
