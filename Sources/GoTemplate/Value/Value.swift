/// A value a template can see: the closed set of Go values that JSON data and host records
/// produce, each carrying the Go type it stands for (`int` vs `int64`, `[]interface {}`, ...).
///
/// `missing` is Go's invalid `reflect.Value` (a missing map key, printed `<no value>`); `null` is a
/// nil `interface{}` (JSON `null`), which becomes `missing` once a pipeline has produced it.
public enum Value: Sendable {
    /// No value at all: a missing key, or the result of a pipeline that produced nil.
    case missing
    /// A nil `interface {}`, such as JSON `null` stored in a map or an array.
    case null
    /// Go `bool`.
    case bool(Bool)
    /// Go `int`: template constants, `len` results, range indexes.
    case int(Int)
    /// Go `int64`: integer numbers decoded from JSON data.
    case int64(Int64)
    /// Go `uint8` (a byte): what `index` yields on a string.
    case uint8(UInt8)
    /// Go `float64`: float constants and non-integer JSON numbers.
    case float64(Double)
    /// Go `string`.
    case string(String)
    /// Go `[]interface {}` (a JSON array).
    case array([Value])
    /// Go `map[string]interface {}` (a JSON object), iterated in sorted key order.
    case map(ValueMap)
    /// A Go struct value presented by a host program.
    case record(Record)
}

extension Value {
    /// Go's type name for the value, as `%T` prints it.
    public var goTypeName: String {
        switch self {
        case .missing, .null: return "<nil>"
        case .bool: return "bool"
        case .int: return "int"
        case .int64: return "int64"
        case .uint8: return "uint8"
        case .float64: return "float64"
        case .string: return "string"
        case .array: return "[]interface {}"
        case .map: return "map[string]interface {}"
        case .record(let record): return record.typeName
        }
    }

    /// Whether the value is nil for Go (`missing` or `null`).
    public var isNil: Bool {
        switch self {
        case .missing, .null: return true
        default: return false
        }
    }

    /// Go's notion of truth used by `if`, `with`, `and`, `or` and `not`: false, 0, nil and
    /// empty strings, arrays and maps are false. Records are always true.
    public var isTrue: Bool {
        switch self {
        case .missing, .null: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .int64(let i): return i != 0
        case .uint8(let i): return i != 0
        case .float64(let f): return f != 0
        case .string(let s): return !s.isEmpty
        case .array(let a): return !a.isEmpty
        case .map(let m): return !m.isEmpty
        case .record: return true
        }
    }
}

extension Value: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    /// Integer literals are JSON-style `int64` values.
    public init(integerLiteral value: Int64) { self = .int64(value) }
    public init(floatLiteral value: Double) { self = .float64(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: Value...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, Value)...) {
        self = .map(ValueMap(elements))
    }
    /// `nil` is JSON `null`.
    public init(nilLiteral: ()) { self = .null }
}
