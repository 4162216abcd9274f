import GoTemplate

/// Per-field changes between two states of a resource, computed as goflagship's
/// `audit.ComputeChanges` does: top-level fields only, compared by their JSON encoding.
enum FieldChanges {
    /// `{field: {before, after}}` for every top-level field whose JSON differs between the two
    /// objects (a field absent on one side is `null` there); an empty map when nothing differs;
    /// `.null` unless both states are objects.
    static func between(_ before: Value, _ after: Value) -> Value {
        guard case .map(let old) = before, case .map(let new) = after else { return .null }
        var changes: [(String, Value)] = []
        func record(_ key: String, _ was: Value, _ now: Value) {
            if was.jsonStringBytes() != now.jsonStringBytes() {
                changes.append((key, .map(ValueMap([("before", was), ("after", now)]))))
            }
        }
        for index in 0..<old.count {
            let (key, was) = old[entryAt: index]
            record(key, was, new.index(of: key).map { new[entryAt: $0].value } ?? .null)
        }
        for index in 0..<new.count where old.index(of: new[entryAt: index].key) == nil {
            let (key, now) = new[entryAt: index]
            record(key, .null, now)
        }
        return .map(ValueMap(changes))
    }
}
