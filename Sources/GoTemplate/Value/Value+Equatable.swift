/// Structural equality, for hosts and tests: same case, same Go type, same contents (strings
/// compared byte-wise, floats with `==`). Templates compare with Go's rules (`eq`) instead.
extension Value: Equatable {
    public static func == (lhs: Value, rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.missing, .missing), (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.int64(let a), .int64(let b)): return a == b
        case (.uint8(let a), .uint8(let b)): return a == b
        case (.float64(let a), .float64(let b)): return a == b
        case (.string(let a), .string(let b)): return utf8Equal(a, b)
        case (.array(let a), .array(let b)): return a == b
        case (.map(let a), .map(let b)): return a == b
        case (.record(let a), .record(let b)): return a == b
        default: return false
        }
    }
}

extension ValueMap: Equatable {
    public static func == (lhs: ValueMap, rhs: ValueMap) -> Bool {
        lhs.count == rhs.count && zip(lhs.keys, rhs.keys).allSatisfy(utf8Equal) && lhs.values == rhs.values
    }
}

extension Record: Equatable {
    public static func == (lhs: Record, rhs: Record) -> Bool {
        lhs.typeName == rhs.typeName && lhs.fields.count == rhs.fields.count
            && zip(lhs.fields, rhs.fields).allSatisfy { a, b in
                a.name == b.name && a.jsonName == b.jsonName && a.omitEmpty == b.omitEmpty && a.isInterface == b.isInterface && a.value == b.value
            }
    }
}
