#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Go's `strconv.FormatFloat(x, fmt, precision, 64)`.
///
/// `fmt` is one of `b e E f g G x X` (anything else yields `%` followed by `fmt`, as in Go);
/// `precision` -1 asks for the shortest digits that read back as `x`.
func formatFloat(_ x: Double, _ fmt: UInt8, _ precision: Int) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(max(precision + 4, 24))
    appendFloat(x, fmt, precision, into: &out)
    return String(decoding: out, as: UTF8.self)
}

/// Go's `strconv.AppendFloat(dst, x, fmt, precision, 64)`: appends what `formatFloat` returns.
func appendFloat(_ x: Double, _ fmt: UInt8, _ precision: Int, into dst: inout [UInt8]) {
    let bits = x.bitPattern
    let neg = bits >> 63 != 0
    var exp = Int(bits >> 52) & 0x7FF
    var mant = bits & (1 << 52 - 1)
    switch exp {
    case 0x7FF:
        dst.append(contentsOf: mant != 0 ? "NaN".utf8 : neg ? "-Inf".utf8 : "+Inf".utf8)
        return
    case 0:
        exp += 1  // subnormal
    default:
        mant |= 1 << 52  // implicit top bit
    }
    exp -= 1023

    switch fmt {
    case UInt8(ascii: "b"):
        appendBinaryFloat(neg: neg, mant: mant, exp: exp, into: &dst)
    case UInt8(ascii: "x"), UInt8(ascii: "X"):
        appendHexFloat(neg: neg, mant: mant, exp: exp, fmt: fmt, precision: precision, into: &dst)
    case UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "f"), UInt8(ascii: "g"), UInt8(ascii: "G"):
        if precision < 0 {
            withShortestDigits(x.magnitude) { digits in
                // Precision for the shortest representation mode.
                let prec: Int
                switch fmt {
                case UInt8(ascii: "e"), UInt8(ascii: "E"): prec = max(digits.nd - 1, 0)
                case UInt8(ascii: "f"): prec = max(digits.nd - digits.dp, 0)
                default: prec = digits.nd
                }
                formatDigits(digits, shortest: true, neg: neg, prec: prec, fmt: fmt, into: &dst)
            }
        } else if fmt == UInt8(ascii: "g") || fmt == UInt8(ascii: "G") {
            let prec = max(precision, 1)
            withRoundedDigits(x.magnitude, count: prec) { digits in
                formatDigits(digits, shortest: false, neg: neg, prec: prec, fmt: fmt, into: &dst)
            }
        } else if fmt != UInt8(ascii: "f")
            || !appendScaledFixed(neg: neg, mant: mant, exp2: exp - 52, precision: precision, into: &dst)
        {
            // C's %e and %f lay out exactly rounded digits the way Go's fmtE and fmtF do.
            appendPrintf(x, conversion: fmt, precision: precision, into: &dst)
        }
    default:
        dst.append(UInt8(ascii: "%"))
        dst.append(fmt)
    }
}

/// Decimal digits `0.d[0]d[1]...d[nd-1] × 10^dp` without trailing zeros (Go's `decimalSlice`);
/// zero has `nd == 0`.
struct DecimalDigits {
    var d: UnsafeMutablePointer<UInt8>
    var nd = 0
    var dp = 0

    subscript(i: Int) -> UInt8 { d[i] }

    /// Drops trailing zeros; zero ends up with `nd == 0, dp == 0`.
    mutating func trim() {
        while nd > 0 && d[nd - 1] == UInt8(ascii: "0") { nd -= 1 }
        if nd == 0 { dp = 0 }
    }
}

/// Collects the shortest round-trip digits of a non-negative finite double from its Swift
/// description (Swift prints the shortest digits closest to the exact value, as Go's Ryu does).
private struct ShortestDigitsReader: TextOutputStream {
    var digits: DecimalDigits
    let capacity: Int

    mutating func write(_ string: String) {
        var string = string
        string.withUTF8 { parse($0) }
    }

    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
        parse(buffer)
    }

    /// Parses text such as `123.45`, `0.0001` or `1.5e-07`.
    private mutating func parse(_ text: UnsafeBufferPointer<UInt8>) {
        var afterPoint = false
        var i = 0
        while i < text.count, text[i] != UInt8(ascii: "e") {
            let c = text[i]
            i += 1
            if c == UInt8(ascii: ".") {
                afterPoint = true
            } else if digits.nd == 0 && c == UInt8(ascii: "0") {
                if afterPoint { digits.dp -= 1 }
            } else if digits.nd < capacity {
                digits.d[digits.nd] = c
                digits.nd += 1
                if !afterPoint { digits.dp += 1 }
            }
        }
        if i < text.count {
            digits.dp += parseExponent(text, from: i + 1)
        }
        digits.trim()
    }
}

/// The signed decimal exponent written from `text[start...]`, as in `+308` or `-07`.
private func parseExponent(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    var i = start
    var negative = false
    if i < text.count, text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+") {
        negative = text[i] == UInt8(ascii: "-")
        i += 1
    }
    var value = 0
    while i < text.count, text[i] >= UInt8(ascii: "0"), text[i] <= UInt8(ascii: "9") {
        value = value * 10 + Int(text[i] - UInt8(ascii: "0"))
        i += 1
    }
    return negative ? -value : value
}

/// Calls `body` with the shortest round-trip digits of the non-negative finite `x`.
private func withShortestDigits(_ x: Double, _ body: (DecimalDigits) -> Void) {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
        var reader = ShortestDigitsReader(digits: DecimalDigits(d: buffer.baseAddress!), capacity: 32)
        x.write(to: &reader)
        body(reader.digits)
    }
}

/// Calls `body` with the non-negative finite `x` correctly rounded (half to even on exact
/// ties) to `count` significant digits, trailing zeros trimmed.
private func withRoundedDigits(_ x: Double, count: Int, _ body: (DecimalDigits) -> Void) {
    let capacity = count + 16
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
        let base = buffer.baseAddress!
        let length = cPrintf(x, "%.*e", precision: count - 1, into: base, capacity: capacity)
        // The text is "d.ddde±xx" (or "de±xx"): move the digits to the front.
        var digits = DecimalDigits(d: base)
        var i = 0
        while i < length, base[i] != UInt8(ascii: "e") {
            if base[i] != UInt8(ascii: ".") {
                base[digits.nd] = base[i]
                digits.nd += 1
            }
            i += 1
        }
        digits.dp = parseExponent(UnsafeBufferPointer(start: base, count: length), from: i + 1) + 1
        digits.trim()
        body(digits)
    }
}

/// Appends C's `%.*e`, `%.*E` or `%.*f` rendering of the finite `x`.
private func appendPrintf(_ x: Double, conversion: UInt8, precision: Int, into dst: inout [UInt8]) {
    // An exponent form needs at most "-d.e+ddd"; a fixed form has up to 309 integer digits.
    let capacity = precision + (conversion == UInt8(ascii: "f") ? 320 : 16)
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
        let format: String
        switch conversion {
        case UInt8(ascii: "e"): format = "%.*e"
        case UInt8(ascii: "E"): format = "%.*E"
        default: format = "%.*f"
        }
        let length = cPrintf(x, format, precision: precision, into: buffer.baseAddress!, capacity: capacity)
        dst.append(contentsOf: UnsafeBufferPointer(start: buffer.baseAddress!, count: length))
    }
}

/// `snprintf(buffer, capacity, format, precision, x)`; returns the length written.
private func cPrintf(
    _ x: Double, _ format: String, precision: Int, into buffer: UnsafeMutablePointer<UInt8>, capacity: Int
) -> Int {
    let length = withVaList([Int32(clamping: precision), x]) { arguments in
        buffer.withMemoryRebound(to: CChar.self, capacity: capacity) { vsnprintf($0, capacity, format, arguments) }
    }
    return min(Int(length), capacity - 1)
}
