import GoTemplate

extension SourceFormat {
    /// One Flipt audit event as Flipt's webhook sink posts it (`json.Marshal(audit.Event)`).
    ///
    /// - `type`, `action`: required non-empty strings, kept as written.
    /// - `version`: default `"0.2"`; `status`: default `"success"`; `timestamp`: default the
    ///   receive time.
    /// - `metadata.actor{authentication, ip, email, name, picture}` → `actor`.
    /// - `payload` → `payload` (`null` when absent, as in `denied` events).
    /// - `namespace`: `payload.namespace_key`; for `namespace` events the namespace's own
    ///   `payload.key`; for `token` events the token's `io.flipt.auth.token.namespace`.
    static func fliptEvent(_ object: FieldReader, receivedAt: String) throws(IngestError) -> Event {
        let type = try object.requiredString("type")
        let action = try object.requiredString("action")
        var actor = Actor()
        if let metadata = try object.object("metadata"), let fields = try metadata.object("actor") {
            actor = Actor(
                authentication: try fields.optionalString("authentication"), ip: try fields.optionalString("ip"),
                email: try fields.optionalString("email"), name: try fields.optionalString("name"),
                picture: try fields.optionalString("picture"))
        }
        let payload = object.value("payload")
        return Event(
            id: "", source: .flipt, version: try object.string("version", default: "0.2"), type: type, action: action,
            actor: actor, payload: payload, timestamp: try object.string("timestamp", default: receivedAt),
            status: try object.string("status", default: "success"), namespace: fliptNamespace(type: type, payload: payload))
    }

    /// The namespace a Flipt event belongs to, read from its payload.
    private static func fliptNamespace(type: String, payload: Value) -> String? {
        guard case .map(let fields) = payload else { return nil }
        let keys = switch type {
        case "namespace": ["namespace_key", "key"]
        case "token": ["namespace_key", "io.flipt.auth.token.namespace"]
        default: ["namespace_key"]
        }
        for key in keys {
            if case .string(let namespace)? = fields[key], !namespace.isEmpty { return namespace }
        }
        return nil
    }
}
