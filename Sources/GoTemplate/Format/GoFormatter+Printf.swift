// Go's doPrintf (fmt/print.go): flags, width, precision, `*`, argument indexes and the inline
// error reports of a format string.

private typealias Bytes = UnsafeBufferPointer<UInt8>

extension GoFormatter {
    /// Formats `args` by the UTF-8 `format` (Go's `doPrintf`).
    mutating func doPrintf(_ format: UnsafeBufferPointer<UInt8>, _ args: [Value]) {
        let end = format.count
        var argNum = 0  // one argument per non-trivial verb
        var afterIndex = false  // whether the previous item was an index like [3]
        reordered = false
        var i = 0
        formatLoop: while i < end {
            if buf.count > stopPast { return }
            goodArgNum = true
            let lasti = i
            while i < end && format[i] != UInt8(ascii: "%") { i += 1 }
            if i > lasti { buf.append(contentsOf: Bytes(rebasing: format[lasti..<i])) }
            if i >= end { break }
            i += 1  // the '%'

            // Flags, and the fast path of a flagged or plain lower-case verb.
            clearFlags()
            simpleFormat: while i < end {
                let c = format[i]
                switch c {
                case UInt8(ascii: "#"): sharp = true
                case UInt8(ascii: "0"): zero = !minus  // only pad with zeros on the left
                case UInt8(ascii: "+"): plus = true
                case UInt8(ascii: "-"):
                    minus = true
                    zero = false
                case UInt8(ascii: " "): space = true
                default:
                    if c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z") && argNum < args.count {
                        let verb = Unicode.Scalar(c)
                        if verb == "v" { moveFlagsToV() }
                        printArg(args[argNum], verb)
                        argNum += 1
                        i += 1
                        continue formatLoop
                    }
                    break simpleFormat
                }
                i += 1
            }

            (argNum, i, afterIndex) = argNumber(argNum, format, i, args.count)

            // Width.
            if i < end && format[i] == UInt8(ascii: "*") {
                i += 1
                (wid, widPresent, argNum) = intFromArg(args, argNum)
                if !widPresent { buf.append(contentsOf: "%!(BADWIDTH)".utf8) }
                if wid < 0 {  // a negative width means the - flag
                    wid = -wid
                    minus = true
                    zero = false
                }
                afterIndex = false
            } else {
                (wid, widPresent, i) = parseNumber(format, i, end)
                if afterIndex && widPresent { goodArgNum = false }  // "%[3]2d"
            }

            // Precision.
            if i + 1 < end && format[i] == UInt8(ascii: ".") {
                i += 1
                if afterIndex { goodArgNum = false }  // "%[3].2d"
                (argNum, i, afterIndex) = argNumber(argNum, format, i, args.count)
                if i < end && format[i] == UInt8(ascii: "*") {
                    i += 1
                    (prec, precPresent, argNum) = intFromArg(args, argNum)
                    if prec < 0 {  // a negative precision makes no sense
                        prec = 0
                        precPresent = false
                    }
                    if !precPresent { buf.append(contentsOf: "%!(BADPREC)".utf8) }
                    afterIndex = false
                } else {
                    (prec, precPresent, i) = parseNumber(format, i, end)
                    if !precPresent {
                        prec = 0
                        precPresent = true
                    }
                }
            }

            if !afterIndex { (argNum, i, afterIndex) = argNumber(argNum, format, i, args.count) }

            if i >= end {
                buf.append(contentsOf: "%!(NOVERB)".utf8)
                break
            }
            let (verb, size) = decodeRune(format, at: i)
            i += size

            if verb == "%" {  // a percent ignores width, precision and operands
                buf.append(UInt8(ascii: "%"))
            } else if !goodArgNum {
                reportBadArgument(verb, "(BADINDEX)")
            } else if argNum >= args.count {
                reportBadArgument(verb, "(MISSING)")
            } else {
                if verb == "v" { moveFlagsToV() }
                printArg(args[argNum], verb)
                argNum += 1
            }
        }

        // Report unused arguments, unless they were accessed out of order.
        if !reordered && argNum < args.count {
            clearFlags()
            buf.append(contentsOf: "%!(EXTRA ".utf8)
            for (n, arg) in args[argNum...].enumerated() {
                if n > 0 { buf.append(contentsOf: ", ".utf8) }
                if arg.isNil {
                    buf.append(contentsOf: "<nil>".utf8)
                } else {
                    buf.append(contentsOf: arg.goTypeName.utf8)
                    buf.append(UInt8(ascii: "="))
                    printArg(arg, "v")
                }
            }
            buf.append(UInt8(ascii: ")"))
        }
    }

    /// `%#v` and `%+v` are Go syntax and struct-field syntax rather than flags.
    private mutating func moveFlagsToV() {
        sharpV = sharp
        sharp = false
        plusV = plus
        plus = false
    }

    private mutating func reportBadArgument(_ verb: Unicode.Scalar, _ reason: String) {
        buf.append(contentsOf: "%!".utf8)
        appendUTF8(verb.value, into: &buf)
        buf.append(contentsOf: reason.utf8)
    }

    /// The argument to use next: `argNum`, or the one-based index in brackets at `format[i]`
    /// (Go's `argNumber`). Returns the new argument number, the index of the next format byte
    /// and whether an index was found.
    private mutating func argNumber(_ argNum: Int, _ format: Bytes, _ i: Int, _ numArgs: Int) -> (Int, Int, Bool) {
        if format.count <= i || format[i] != UInt8(ascii: "[") { return (argNum, i, false) }
        reordered = true
        let (index, width, ok) = parseArgNumber(format, i)
        if ok && 0 <= index && index < numArgs { return (index, i + width, true) }
        goodArgNum = false
        return (argNum, i + width, ok)
    }
}

/// The integer argument for a `*` width or precision (Go's `intFromArg`): its value, whether
/// it is an integer of reasonable size, and the next argument number.
private func intFromArg(_ args: [Value], _ argNum: Int) -> (Int, Bool, Int) {
    guard argNum < args.count else { return (0, false, argNum) }
    var num = 0
    var isInt = false
    switch args[argNum] {
    case .int(let int): (num, isInt) = (int, true)
    case .int64(let int): (num, isInt) = (Int(int), true)
    case .uint8(let byte): (num, isInt) = (Int(byte), true)
    default: break
    }
    if tooLarge(num) { return (0, false, argNum + 1) }
    return (num, isInt, argNum + 1)
}

/// Whether a width or precision is beyond Go's limit of 1e6.
private func tooLarge(_ x: Int) -> Bool {
    x > 1_000_000 || x < -1_000_000
}

/// The decimal number at `format[start..<end]` (Go's `parsenum`): its value, whether digits
/// were present, and the index after them. An overlong number consumes the rest of the format.
private func parseNumber(_ format: Bytes, _ start: Int, _ end: Int) -> (Int, Bool, Int) {
    var num = 0
    var isNum = false
    var i = start
    while i < end && format[i] >= UInt8(ascii: "0") && format[i] <= UInt8(ascii: "9") {
        if tooLarge(num) { return (0, false, end) }
        num = num * 10 + Int(format[i] - UInt8(ascii: "0"))
        isNum = true
        i += 1
    }
    return (num, isNum, i)
}

/// The zero-based index in the brackets at `format[start]` (Go's `parseArgNumber`): the
/// index, the bytes consumed through the `]` (1 when there is none) and whether it parsed.
private func parseArgNumber(_ format: Bytes, _ start: Int) -> (Int, Int, Bool) {
    if format.count - start < 3 { return (0, 1, false) }  // at least "[n]"
    for close in (start + 1)..<format.count where format[close] == UInt8(ascii: "]") {
        let (width, ok, next) = parseNumber(format, start + 1, close)
        if !ok || next != close { return (0, close - start + 1, false) }
        return (width - 1, close - start + 1, true)
    }
    return (0, 1, false)
}

/// The Unicode scalar encoded at `bytes[i]` in valid UTF-8, and its length.
private func decodeRune(_ bytes: Bytes, at i: Int) -> (Unicode.Scalar, Int) {
    let lead = UInt32(bytes[i])
    let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    var value = length == 1 ? lead : lead & (0x7F >> UInt32(length))
    for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
    return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
}
