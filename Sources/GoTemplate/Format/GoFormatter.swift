/// A port of Go's `fmt` printer (`pp` and `fmt` in print.go and format.go) for template
/// values: `Sprint`, `Sprintln`, `Sprintf` and the default printing of one value, producing
/// the bytes Go 1.19 produces.
///
/// The formatter appends to `buf`; the static entry points either return a `String` or append
/// to a caller's buffer without copying it.
struct GoFormatter: StackBounded {
    /// The output.
    var buf: [UInt8] = []
    /// Whether float verbs (`%e %E %f %F %g %G`) format integers as float64 values instead of
    /// reporting `%!f(int64=3)`: integers decoded from JSON are float64 in Go.
    var lenientNumbers = false

    // The flags of the current verb (Go's fmtFlags); see `clearFlags`.
    var widPresent = false
    var precPresent = false
    var minus = false
    var plus = false
    var sharp = false
    var space = false
    var zero = false
    /// `%+v`: print struct field names (`plus` is cleared for `v`).
    var plusV = false
    /// `%#v`: Go syntax (`sharp` is cleared for `v`).
    var sharpV = false
    /// The width, when `widPresent`.
    var wid = 0
    /// The precision, when `precPresent`.
    var prec = 0

    // Sprintf state.
    /// Whether an explicit argument index (`%[2]d`) was seen.
    var reordered = false
    /// Whether the current verb's argument index is valid.
    var goodArgNum = true
    /// Once `buf` is longer than this, `doPrintf` formats no further verb (an execution budget
    /// will reject the output anyway).
    var stopPast = Int.max
    /// The stack address below which printing nested values goes on on a large stack; set when
    /// the first array, map or struct is printed.
    var stackLimit: UInt = 0
    var stackHops = 0

    init(lenientNumbers: Bool = false) {
        self.lenientNumbers = lenientNumbers
    }

    /// Resets the per-verb flags, width and precision presence.
    mutating func clearFlags() {
        widPresent = false
        precPresent = false
        minus = false
        plus = false
        sharp = false
        space = false
        zero = false
        plusV = false
        sharpV = false
    }
}

// MARK: - Entry points

extension GoFormatter {
    /// Go's `fmt.Sprint`: the default formats of `args`, with a space between two operands when
    /// neither is a string.
    /// With a `limit`, it stops, unfinished, once longer than that.
    static func sprint(_ args: [Value], stoppingPast limit: Int = .max) -> String {
        var out: [UInt8] = []
        sprint(args, into: &out, stoppingPast: limit)
        return String(decoding: out, as: UTF8.self)
    }

    /// `fmt.Sprint` appending to `out`; it stops, unfinished, once `out` is longer than `limit`.
    static func sprint(_ args: [Value], into out: inout [UInt8], stoppingPast limit: Int = .max) {
        var formatter = GoFormatter()
        swap(&formatter.buf, &out)
        var previousIsString = false
        for (index, arg) in args.enumerated() {
            if formatter.buf.count > limit { break }
            let isString: Bool
            if case .string = arg { isString = true } else { isString = false }
            if index > 0 && !isString && !previousIsString { formatter.buf.append(UInt8(ascii: " ")) }
            formatter.printArg(arg, "v")
            previousIsString = isString
        }
        swap(&formatter.buf, &out)
    }

    /// Go's `fmt.Sprintln`: the default formats of `args` separated by spaces, and a newline.
    /// With a `limit`, it stops, unfinished, once longer than that.
    static func sprintln(_ args: [Value], stoppingPast limit: Int = .max) -> String {
        var out: [UInt8] = []
        sprintln(args, into: &out, stoppingPast: limit)
        return String(decoding: out, as: UTF8.self)
    }

    /// `fmt.Sprintln` appending to `out`; it stops, unfinished, once `out` is longer than `limit`.
    static func sprintln(_ args: [Value], into out: inout [UInt8], stoppingPast limit: Int = .max) {
        var formatter = GoFormatter()
        swap(&formatter.buf, &out)
        for (index, arg) in args.enumerated() {
            if formatter.buf.count > limit { break }
            if index > 0 { formatter.buf.append(UInt8(ascii: " ")) }
            formatter.printArg(arg, "v")
        }
        formatter.buf.append(UInt8(ascii: "\n"))
        swap(&formatter.buf, &out)
    }

    /// Go's `fmt.Sprintf`, including its inline error reports (`%!d(string=hi)`,
    /// `%!s(MISSING)`, `%!(EXTRA int=1)`, ...). With `lenientNumbers`, float verbs accept
    /// integers as float64 values.
    static func sprintf(_ format: String, _ args: [Value], lenientNumbers: Bool = false, stoppingPast limit: Int = .max) -> String {
        var out: [UInt8] = []
        sprintf(format, args, lenientNumbers: lenientNumbers, into: &out, stoppingPast: limit)
        return String(decoding: out, as: UTF8.self)
    }

    /// `fmt.Sprintf` appending to `out`; it stops early, unfinished, once `out` is longer than
    /// `limit`.
    static func sprintf(_ format: String, _ args: [Value], lenientNumbers: Bool = false, into out: inout [UInt8], stoppingPast limit: Int = .max) {
        var formatter = GoFormatter(lenientNumbers: lenientNumbers)
        formatter.stopPast = limit
        swap(&formatter.buf, &out)
        var format = format
        format.withUTF8 { formatter.doPrintf($0, args) }
        swap(&formatter.buf, &out)
    }

    /// Go's `fmt.Fprint(w, value)` of a single value: how a template prints a value.
    static func appendDefault(_ value: Value, into out: inout [UInt8]) {
        switch value {
        case .string(let string):
            appendString(string, into: &out)
        case .int(let int):
            appendDecimal(Int64(int), into: &out)
        case .int64(let int):
            appendDecimal(int, into: &out)
        case .float64(let float):
            appendFloat(float, UInt8(ascii: "g"), -1, into: &out)
        case .missing, .null:
            out.append(contentsOf: "<nil>".utf8)
        default:
            var formatter = GoFormatter()
            swap(&formatter.buf, &out)
            formatter.printArg(value, "v")
            swap(&formatter.buf, &out)
        }
    }
}

/// Appends the UTF-8 bytes of `string`.
@inline(__always)
func appendString(_ string: String, into out: inout [UInt8]) {
    var string = string
    string.withUTF8 { out.append(contentsOf: $0) }
}

/// Appends the decimal digits of `value`.
func appendDecimal(_ value: Int64, into out: inout [UInt8]) {
    appendDecimal(value.magnitude, negative: value < 0, into: &out)
}

/// Appends the decimal digits of `magnitude`, after a minus sign when `negative`.
func appendDecimal(_ magnitude: UInt64, negative: Bool, into out: inout [UInt8]) {
    if negative { out.append(UInt8(ascii: "-")) }
    if magnitude < 10 {
        out.append(UInt8(ascii: "0") + UInt8(magnitude))
        return
    }
    var magnitude = magnitude
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
        var i = 20
        while magnitude > 0 {
            i -= 1
            digits[i] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[i...]))
    }
}
