/// Go's `len`, `index`, `slice` and `call`, and the argument handling of the escapers.
enum Builtins {
    /// `len`: the length of a string (in bytes), array or map.
    static func length(_ item: Operand) throws(BuiltinError) -> Int {
        switch item.value {
        case .null: throw BuiltinError("len of nil pointer")
        case .missing: throw BuiltinError("reflect: call of reflect.Value.Type on zero Value")
        case .string(let s): return s.utf8.count
        case .array(let a): return a.count
        case .map(let m): return m.count
        default: throw BuiltinError("len of type \(item.value.goTypeName)")
        }
    }

    /// `index`: successive elements of arrays, strings (a byte) and maps.
    static func index(_ item: Operand, _ indexes: ArraySlice<Operand>) throws(BuiltinError) -> Operand {
        var item = Operand(value: item.unwrapped, boxed: false)
        if case .missing = item.value { throw BuiltinError("index of untyped nil") }
        for index in indexes {
            let index = index.unwrapped
            switch item.value {
            case .null:
                throw BuiltinError("index of nil pointer")
            case .array(let elements):
                let i = try indexArgument(index, bound: elements.count)
                guard i < elements.count else { throw BuiltinError("reflect: slice index out of range") }
                item = Operand(value: elements[i], boxed: true)
            case .string(let string):
                let bytes = string.utf8
                let i = try indexArgument(index, bound: bytes.count)
                guard i < bytes.count else { throw BuiltinError("reflect: string index out of range") }
                item = Operand(value: .uint8(bytes[bytes.index(bytes.startIndex, offsetBy: i)]), boxed: false)
            case .map(let map):
                switch index {
                case .missing: throw BuiltinError("value is nil; should be of type string")
                case .string(let key):
                    if let value = map[key] {
                        item = Operand(value: value, boxed: true)
                    } else {
                        item = Operand(value: .null, boxed: true)
                    }
                default:
                    throw BuiltinError("value has type \(index.goTypeName); should be string")
                }
            default:
                throw BuiltinError("can't index item of type \(item.value.goTypeName)")
            }
        }
        return item
    }

    /// `slice`: `slice x 1 2` is Go's `x[1:2]`; three indexes set the capacity too.
    static func slice(_ item: Operand, _ indexes: ArraySlice<Operand>) throws(BuiltinError) -> Value {
        let item = item.unwrapped
        if case .missing = item { throw BuiltinError("slice of untyped nil") }
        if indexes.count > 3 { throw BuiltinError("too many slice indexes: \(indexes.count)") }
        let length: Int
        switch item {
        case .string(let s):
            if indexes.count == 3 { throw BuiltinError("cannot 3-index slice a string") }
            length = s.utf8.count
        case .array(let a):
            length = a.count
        default:
            throw BuiltinError("can't slice item of type \(item.goTypeName)")
        }
        var bounds = [0, length, length]
        for (i, index) in indexes.enumerated() {
            // Go does not unwrap the index here: an `interface {}` index is rejected.
            if index.boxed {
                throw BuiltinError("cannot index slice/array with type interface {}")
            }
            bounds[i] = try indexArgument(index.value, bound: length)
        }
        if bounds[0] > bounds[1] { throw BuiltinError("invalid slice index: \(bounds[0]) > \(bounds[1])") }
        if indexes.count == 3, bounds[1] > bounds[2] { throw BuiltinError("invalid slice index: \(bounds[1]) > \(bounds[2])") }
        switch item {
        case .string(let s):
            // Only the slice is copied, not the whole string.
            let utf8 = s.utf8
            let start = utf8.index(utf8.startIndex, offsetBy: bounds[0])
            let end = utf8.index(start, offsetBy: bounds[1] - bounds[0])
            return .string(String(decoding: utf8[start..<end], as: UTF8.self))
        case .array(let a):
            return .array(Array(a[bounds[0]..<bounds[1]]))
        default:
            preconditionFailure("checked above")
        }
    }

    /// Go's `indexArg`: an integer index within `0...bound`.
    private static func indexArgument(_ index: Value, bound: Int) throws(BuiltinError) -> Int {
        let x: Int64
        switch index {
        case .int(let i): x = Int64(i)
        case .int64(let i): x = i
        case .uint8(let i): x = Int64(i)
        case .missing, .null: throw BuiltinError("cannot index slice/array with nil")
        default: throw BuiltinError("cannot index slice/array with type \(index.goTypeName)")
        }
        if x < 0 || x > Int64(bound) { throw BuiltinError("index out of range: \(x)") }
        return Int(x)
    }

    /// `call`: data holds no function values, so this reports what Go reports for a non-function.
    static func call(_ function: Operand) throws(BuiltinError) -> Operand {
        let value = function.unwrapped
        if case .missing = value { throw BuiltinError("call of nil") }
        throw BuiltinError("non-function of type \(value.goTypeName)")
    }

    /// Go's `evalArgs` for `html`, `js` and `urlquery`: one string as is, otherwise the arguments
    /// printed as `fmt.Sprint` does, with nil printed as `<no value>`.
    static func escaperInput(_ arguments: ArraySlice<Operand>, stoppingPast limit: Int = .max) -> String {
        if arguments.count == 1, case .string(let s) = arguments.first!.value { return s }
        return GoFormatter.sprint(arguments.map { $0.value.isNil ? .string("<no value>") : $0.value }, stoppingPast: limit)
    }
}
