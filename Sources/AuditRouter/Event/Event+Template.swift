import GoTemplate

extension Event {
    /// What a template sees as dot: a Go struct with Flipt's field names, so that Flipt's audit
    /// templates run unchanged (`.Type`, `.Metadata.Actor.Email`, `.Payload.namespace_key`) and
    /// `toJson .` gives Flipt's JSON. The router's additions (`.ID`, `.Source`, `.Namespace`,
    /// `.Before`, `.Changes`, `.Meta`) are fields too, left out of `toJson .`.
    public func templateValue(meta: ValueMap = ValueMap()) -> Value {
        .record(Record(typeName: "audit.Event", fields: [
            .init(name: "Version", jsonName: "version", value: .string(version)),
            .init(name: "Type", jsonName: "type", value: .string(type)),
            .init(name: "Action", jsonName: "action", value: .string(action)),
            .init(name: "Metadata", jsonName: "metadata", value: .record(Record(typeName: "audit.Metadata", fields: [
                .init(name: "Actor", jsonName: "actor", omitEmpty: true, value: actor.isEmpty ? .null : actor.templateValue),
            ]))),
            .init(name: "Payload", jsonName: "payload", isInterface: true, value: payload),
            .init(name: "Timestamp", jsonName: "timestamp", value: .string(timestamp)),
            .init(name: "Status", jsonName: "status", value: .string(status)),
            .init(name: "ID", jsonName: "-", value: .string(id)),
            .init(name: "Source", jsonName: "-", value: .string(sourceName)),
            .init(name: "Namespace", jsonName: "-", value: .string(namespace ?? "")),
            .init(name: "Before", jsonName: "-", isInterface: true, value: before),
            .init(name: "Changes", jsonName: "-", isInterface: true, value: changes),
            .init(name: "Meta", jsonName: "-", value: .map(meta)),
        ]))
    }
}

extension Actor {
    /// Flipt's `*audit.Actor` struct, with its JSON names and `omitempty` on every field.
    var templateValue: Value {
        .record(Record(typeName: "audit.Actor", fields: [
            .init(name: "Authentication", jsonName: "authentication", omitEmpty: true, value: .string(authentication)),
            .init(name: "IP", jsonName: "ip", omitEmpty: true, value: .string(ip)),
            .init(name: "Email", jsonName: "email", omitEmpty: true, value: .string(email)),
            .init(name: "Name", jsonName: "name", omitEmpty: true, value: .string(name)),
            .init(name: "Picture", jsonName: "picture", omitEmpty: true, value: .string(picture)),
        ]))
    }

    /// Whether every field is empty.
    public var isEmpty: Bool { self == Actor() }
}
