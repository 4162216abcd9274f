import GoTemplate

/// Reads the fields of one JSON object of an ingest body, naming each problem by its path
/// (`events[2].metadata.actor.ip`) so that the caller can fix it.
struct FieldReader {
    /// The object being read.
    let map: ValueMap
    /// The object's path in the body; empty for the root object.
    let path: String
    /// The source whose format is read, for error messages.
    let source: EventSource

    /// The path of `key` inside this object: `.name` for plain names, `["a key"]` for others.
    func path(of key: String) -> String {
        let plain = !key.isEmpty && key.utf8.allSatisfy { c in
            (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
                || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
        }
        if !plain { return path + "[" + String(decoding: Value.string(key).jsonStringBytes(), as: UTF8.self) + "]" }
        return path.isEmpty ? key : path + "." + key
    }

    /// The value under `key`, or `.null` when absent.
    func value(_ key: String) -> Value {
        map[key] ?? .null
    }

    /// A string that must be present and non-empty.
    func requiredString(_ key: String) throws(IngestError) -> String {
        guard let text = try string(key) else { throw .invalid(source, field: path(of: key), "missing") }
        guard !text.isEmpty else { throw .invalid(source, field: path(of: key), "must not be empty") }
        return text
    }

    /// A string, or nil when the field is absent or `null`.
    func string(_ key: String) throws(IngestError) -> String? {
        switch value(key) {
        case .null, .missing: return nil
        case .string(let text): return text
        case let other: throw .invalid(source, field: path(of: key), "must be a string, got \(other.jsonKind)")
        }
    }

    /// A string, or `fallback` when the field is absent, `null` or empty.
    func string(_ key: String, default fallback: String) throws(IngestError) -> String {
        guard let text = try string(key), !text.isEmpty else { return fallback }
        return text
    }

    /// A string, or `""` when the field is absent or `null`.
    func optionalString(_ key: String) throws(IngestError) -> String {
        try string(key) ?? ""
    }

    /// A nested object, or nil when the field is absent or `null`.
    func object(_ key: String) throws(IngestError) -> FieldReader? {
        switch value(key) {
        case .null, .missing: return nil
        case .map(let nested): return FieldReader(map: nested, path: path(of: key), source: source)
        case let other: throw .invalid(source, field: path(of: key), "must be an object, got \(other.jsonKind)")
        }
    }

    /// A nested object as a value (`.null` when absent or `null`), checked to be an object.
    func objectValue(_ key: String) throws(IngestError) -> Value {
        guard let nested = try object(key) else { return .null }
        return .map(nested.map)
    }

    /// A number (or a numeric string, kept as written), or nil when absent or `null`.
    func identifier(_ key: String) throws(IngestError) -> Value? {
        switch value(key) {
        case .null, .missing: return nil
        case let number where number.isNumber: return number
        case .string(let text): return text.isEmpty ? nil : .string(text)
        case let other: throw .invalid(source, field: path(of: key), "must be a number, got \(other.jsonKind)")
        }
    }
}

extension Value {
    /// Whether the value is a number (of any of Go's numeric types).
    var isNumber: Bool {
        switch self {
        case .int, .int64, .uint8, .float64: return true
        default: return false
        }
    }

    /// The JSON name of the value's kind, for error messages: `object`, `array`, `string`, ...
    var jsonKind: String {
        switch self {
        case .missing, .null: return "null"
        case .bool: return "boolean"
        case .int, .int64, .uint8, .float64: return "number"
        case .string(let text): return text.isEmpty ? "empty string" : "string"
        case .array: return "array"
        case .map, .record: return "object"
        }
    }
}
