/// Go's comparison builtins `eq`, `lt` and `le` (`ne`, `gt` and `ge` derive from them).
enum Comparison {
    private enum Kind { case invalid, bool, int, uint, float, string }

    private static func kind(_ value: Value) -> Kind {
        switch value {
        case .bool: return .bool
        case .int, .int64: return .int
        case .uint8: return .uint
        case .float64: return .float
        case .string: return .string
        default: return .invalid
        }
    }

    private static func int(_ value: Value) -> Int64 {
        switch value {
        case .int(let i): return Int64(i)
        case .int64(let i): return i
        default: return 0
        }
    }

    private static func uint(_ value: Value) -> UInt64 {
        if case .uint8(let u) = value { return UInt64(u) }
        return 0
    }

    /// Compares an integer with a float by exact value: -1, 0 or 1, or nil when the float is NaN.
    private static func compareMixed(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case (.float64, _): return compareMixed(b, a).map { -$0 }
        case (_, .float64(let f)):
            guard !f.isNaN else { return nil }
            let i = integerValue(a) ?? 0
            if f >= 9.223372036854775808e18 { return -1 }
            if f < -9.223372036854775808e18 { return 1 }
            let whole = Int64(f.rounded(.down))
            if i != whole { return i < whole ? -1 : 1 }
            return f > Double(whole) ? -1 : 0
        default:
            return nil
        }
    }

    /// Whether two kinds are an integer and a float, compared by value under lenient numbers.
    private static func isMixedNumber(_ k1: Kind, _ k2: Kind) -> Bool {
        (k1 == .float && (k2 == .int || k2 == .uint)) || (k2 == .float && (k1 == .int || k1 == .uint))
    }

    /// `eq arg1 arg2...`: whether `arg1` equals any of the others.
    static func equal(_ first: Operand, _ others: ArraySlice<Operand>, lenient: Bool) throws(BuiltinError) -> Bool {
        let a = first.unwrapped
        if others.isEmpty { throw BuiltinError("missing argument for comparison") }
        let k1 = kind(a)
        for other in others {
            let b = other.unwrapped
            let k2 = kind(b)
            var truth = false
            if k1 != k2 {
                switch (k1, k2) {
                case (.int, .uint): truth = int(a) >= 0 && UInt64(int(a)) == uint(b)
                case (.uint, .int): truth = int(b) >= 0 && uint(a) == UInt64(int(b))
                case _ where lenient && isMixedNumber(k1, k2): truth = compareMixed(a, b) == 0
                default:
                    if !a.isNil && !b.isNil { throw BuiltinError("incompatible types for comparison") }
                }
            } else {
                switch (a, b) {
                case (.bool(let x), .bool(let y)): truth = x == y
                case (.float64(let x), .float64(let y)): truth = x == y
                case (.string(let x), .string(let y)): truth = utf8Equal(x, y)
                case _ where k1 == .int: truth = int(a) == int(b)
                case _ where k1 == .uint: truth = uint(a) == uint(b)
                default: truth = try equalNonBasic(a, b)
                }
            }
            if truth { return true }
        }
        return false
    }

    /// Equality of values that are not of a basic kind: nil, maps, arrays and records.
    private static func equalNonBasic(_ a: Value, _ b: Value) throws(BuiltinError) -> Bool {
        if a.isNil || b.isNil { return a.isNil && b.isNil }
        switch (a, b) {
        case (.map, .map), (.array, .array):
            throw BuiltinError("non-comparable type \(GoFormatter.sprintf("%s", [b])): \(b.goTypeName)")
        case (.record(let x), .record(let y)):
            guard x.typeName == y.typeName, x.fields.count == y.fields.count else {
                throw BuiltinError("incompatible types for comparison")
            }
            // A struct with a map or slice field is not comparable; one holding a map or slice in
            // an interface field panics when compared.
            for field in x.fields where !field.isInterface {
                switch field.value {
                case .map, .array: throw BuiltinError("non-comparable type \(GoFormatter.sprintf("%s", [b])): \(b.goTypeName)")
                default: continue
                }
            }
            for (fx, fy) in zip(x.fields, y.fields) {
                if case .map = fx.value { throw BuiltinError("runtime error: comparing uncomparable type map[string]interface {}") }
                if case .array = fx.value { throw BuiltinError("runtime error: comparing uncomparable type []interface {}") }
                let same = kind(fx.value) == kind(fy.value)
                    ? try equal(Operand(value: fx.value, boxed: false), [Operand(value: fy.value, boxed: false)], lenient: false)
                    : false
                if !same { return false }
            }
            return true
        default:
            throw BuiltinError(GoFormatter.sprintf("non-comparable types %s: %v, %s: %v", [a, .string(a.goTypeName), .string(b.goTypeName), b]))
        }
    }

    /// `lt arg1 arg2`.
    static func less(_ first: Operand, _ second: Operand, lenient: Bool) throws(BuiltinError) -> Bool {
        let a = first.unwrapped
        let b = second.unwrapped
        let k1 = kind(a)
        let k2 = kind(b)
        if k1 == .invalid || k2 == .invalid { throw BuiltinError("invalid type for comparison") }
        if k1 != k2 {
            switch (k1, k2) {
            case (.int, .uint): return int(a) < 0 || UInt64(int(a)) < uint(b)
            case (.uint, .int): return int(b) >= 0 && uint(a) < UInt64(int(b))
            case _ where lenient && isMixedNumber(k1, k2): return compareMixed(a, b) == -1
            default: throw BuiltinError("incompatible types for comparison")
            }
        }
        switch (a, b) {
        case (.bool, .bool): throw BuiltinError("invalid type for comparison")
        case (.float64(let x), .float64(let y)): return x < y
        case (.string(let x), .string(let y)): return utf8Compare(x, y) < 0
        case _ where k1 == .int: return int(a) < int(b)
        default: return uint(a) < uint(b)
        }
    }

    /// `le arg1 arg2`: less, or else equal.
    static func lessOrEqual(_ first: Operand, _ second: Operand, lenient: Bool) throws(BuiltinError) -> Bool {
        if try less(first, second, lenient: lenient) { return true }
        return try equal(first, [second], lenient: lenient)
    }
}
