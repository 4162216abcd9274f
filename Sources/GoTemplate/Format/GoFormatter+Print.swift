// Printing of values by verb: Go's printArg, printValue and the per-kind dispatch of
// fmt/print.go.

/// What `%p` prints for a slice or map: Go prints the address of its data, which cannot be
/// reproduced, so every slice and map gets this Go-heap-like address.
private let pseudoAddress: UInt64 = 0xc000010000

extension GoFormatter {
    /// Prints a top-level operand (Go's `printArg`): `nil` is `<nil>` for `%v` and `%T`, `%T`
    /// prints the Go type and `%p` an address; `%w` of an array, map or struct is a bad verb.
    mutating func printArg(_ arg: Value, _ verb: Unicode.Scalar) {
        if arg.isNil {
            if verb == "T" || verb == "v" {
                pad("<nil>".utf8)
            } else {
                badVerb(verb, nil)
            }
            return
        }
        switch verb {
        case "T":
            fmtS(arg.goTypeName)
        case "p":
            fmtPointer(arg, verb)
        case "w" where arg.holdsValues:
            // Go's handleMethods: `%w` wants an error, and no array, map or struct is one.
            badVerb(verb, arg)
        default:
            printValue(arg, verb)
        }
    }

    /// Prints a value by kind (Go's `printValue`). A nil value here is a nil `interface {}`
    /// element of an array, a map or a struct.
    mutating func printValue(_ value: Value, _ verb: Unicode.Scalar) {
        if value.holdsValues, needsLargeStack() { return printOnLargeStack(value, verb) }
        switch value {
        case .missing, .null:
            buf.append(contentsOf: sharpV ? "interface {}(nil)".utf8 : "<nil>".utf8)
        case .bool(let bool):
            if verb == "t" || verb == "v" { fmtBoolean(bool) } else { badVerb(verb, value) }
        case .int(let int):
            printInteger(UInt64(bitPattern: Int64(int)), isSigned: true, verb, value)
        case .int64(let int):
            printInteger(UInt64(bitPattern: int), isSigned: true, verb, value)
        case .uint8(let byte):
            printInteger(UInt64(byte), isSigned: false, verb, value)
        case .float64(let float):
            printFloat(float, verb, value)
        case .string(let string):
            printString(string, verb, value)
        case .array(let elements):
            if sharpV {
                buf.append(contentsOf: value.goTypeName.utf8)
                buf.append(UInt8(ascii: "{"))
            } else {
                buf.append(UInt8(ascii: "["))
            }
            for (i, element) in elements.enumerated() {
                if i > 0 { writeSeparator() }
                printValue(element, verb)
            }
            buf.append(sharpV ? UInt8(ascii: "}") : UInt8(ascii: "]"))
        case .map(let map):
            if sharpV {
                buf.append(contentsOf: value.goTypeName.utf8)
                buf.append(UInt8(ascii: "{"))
            } else {
                buf.append(contentsOf: "map[".utf8)
            }
            for i in 0..<map.count {
                if i > 0 { writeSeparator() }
                printString(map.keys[i], verb, .string(map.keys[i]))
                buf.append(UInt8(ascii: ":"))
                printValue(map.values[i], verb)
            }
            buf.append(sharpV ? UInt8(ascii: "}") : UInt8(ascii: "]"))
        case .record(let record):
            if sharpV { buf.append(contentsOf: record.typeName.utf8) }
            buf.append(UInt8(ascii: "{"))
            for (i, field) in record.fields.enumerated() {
                if i > 0 { writeSeparator() }
                if (plusV || sharpV) && !field.name.isEmpty {
                    buf.append(contentsOf: field.name.utf8)
                    buf.append(UInt8(ascii: ":"))
                }
                printValue(field.value, verb)
            }
            buf.append(UInt8(ascii: "}"))
        }
    }

    /// Whether this nested value is deep enough in the stack that printing it must go on on a
    /// thread with a large stack (data nested thousands deep).
    private mutating func needsLargeStack() -> Bool {
        if stackLimit == 0 { startStackBudget() }
        return mustHop
    }

    /// Printing nested past `LargeStack.maxHops` large stacks (data nests at most 10000 deep, far
    /// within one).
    func stackExhausted() -> TemplateError {
        TemplateError(phase: .execution, message: "value nested too deep to print")
    }

    /// Prints `value` on a thread with a large stack.
    private mutating func printOnLargeStack(_ value: Value, _ verb: Unicode.Scalar) {
        try? continueOnLargeStack { formatter in formatter.printValue(value, verb) }
    }

    /// `, ` between the elements of Go syntax, a space otherwise.
    private mutating func writeSeparator() {
        if sharpV {
            buf.append(contentsOf: ", ".utf8)
        } else {
            buf.append(UInt8(ascii: " "))
        }
    }

    /// Reports a verb that does not apply to the value: `%!d(string=hi)`, or `%!d(<nil>)`.
    /// The value is printed with `%v` under the current flags, as Go does.
    mutating func badVerb(_ verb: Unicode.Scalar, _ value: Value?) {
        buf.append(contentsOf: "%!".utf8)
        appendUTF8(verb.value, into: &buf)
        buf.append(UInt8(ascii: "("))
        if let value, !value.isNil {
            buf.append(contentsOf: value.goTypeName.utf8)
            buf.append(UInt8(ascii: "="))
            printArg(value, "v")
        } else {
            buf.append(contentsOf: "<nil>".utf8)
        }
        buf.append(UInt8(ascii: ")"))
    }

    /// An integer by verb (Go's `pp.fmtInteger`).
    private mutating func printInteger(_ u: UInt64, isSigned: Bool, _ verb: Unicode.Scalar, _ value: Value) {
        switch verb {
        case "v":
            if sharpV && !isSigned {
                fmt0x64(u, leading0x: true)
            } else {
                fmtInteger(u, base: 10, isSigned: isSigned, verb: verb)
            }
        case "d": fmtInteger(u, base: 10, isSigned: isSigned, verb: verb)
        case "b": fmtInteger(u, base: 2, isSigned: isSigned, verb: verb)
        case "o", "O": fmtInteger(u, base: 8, isSigned: isSigned, verb: verb)
        case "x": fmtInteger(u, base: 16, isSigned: isSigned, verb: verb)
        case "X": fmtInteger(u, base: 16, isSigned: isSigned, verb: verb, upper: true)
        case "c": fmtC(u)
        case "q": fmtQc(u)
        case "U": fmtUnicode(u)
        case "e", "E", "f", "F", "g", "G":
            if lenientNumbers {
                printFloat(isSigned ? Double(Int64(bitPattern: u)) : Double(u), verb, value)
            } else {
                badVerb(verb, value)
            }
        default: badVerb(verb, value)
        }
    }

    /// A float64 by verb with Go's default precisions (Go's `pp.fmtFloat`).
    private mutating func printFloat(_ float: Double, _ verb: Unicode.Scalar, _ value: Value) {
        switch verb {
        case "v": fmtFloat(float, UInt8(ascii: "g"), -1)
        case "b", "g", "G", "x", "X": fmtFloat(float, UInt8(verb.value), -1)
        case "f", "e", "E": fmtFloat(float, UInt8(verb.value), 6)
        case "F": fmtFloat(float, UInt8(ascii: "f"), 6)
        default: badVerb(verb, value)
        }
    }

    /// A string by verb (Go's `pp.fmtString`).
    private mutating func printString(_ string: String, _ verb: Unicode.Scalar, _ value: Value) {
        switch verb {
        case "v":
            if sharpV { fmtQ(string) } else { fmtS(string) }
        case "s": fmtS(string)
        case "x": fmtSx(string, upper: false)
        case "X": fmtSx(string, upper: true)
        case "q": fmtQ(string)
        default: badVerb(verb, value)
        }
    }

    /// `%p`: slices and maps print an address (see `pseudoAddress`), other kinds are a bad verb.
    private mutating func fmtPointer(_ value: Value, _ verb: Unicode.Scalar) {
        switch value {
        case .array, .map: fmt0x64(pseudoAddress, leading0x: !sharp)
        default: badVerb(verb, value)
        }
    }
}

extension Value {
    /// Whether printing this value prints other values: an array, a map or a struct.
    fileprivate var holdsValues: Bool {
        switch self {
        case .array, .map, .record: true
        default: false
        }
    }
}
