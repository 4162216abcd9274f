// Go's fmt.fmtFloat (fmt/format.go): signs, padding and the `#` flag around strconv output.

extension GoFormatter {
    /// Formats `value` with strconv format `verb` (`b e E f g G x X`) at precision `defaultPrec`
    /// unless a precision is set, applying `+`, space, `0`, `-`, `#` and the width.
    mutating func fmtFloat(_ value: Double, _ verb: UInt8, _ defaultPrec: Int) {
        let prec = precPresent ? self.prec : defaultPrec
        if !plus && !space && !sharp && !widPresent {
            // No sign, padding or `#` to add: strconv's text is the result ("+Inf" keeps its sign).
            appendFloat(value, verb, prec, into: &buf)
            return
        }
        // Format the number with room for a leading sign at num[start].
        var num: [UInt8] = [UInt8(ascii: "+")]
        appendFloat(value, verb, prec, into: &num)
        var start = 0
        if num[1] == UInt8(ascii: "-") || num[1] == UInt8(ascii: "+") {
            start = 1
        }
        // The space flag means a leading space instead of a "+" sign unless `+` asks for it.
        if space && num[start] == UInt8(ascii: "+") && !plus {
            num[start] = UInt8(ascii: " ")
        }
        // Infinities and NaN don't look like numbers, so they are not padded with zeros.
        if num[start + 1] == UInt8(ascii: "I") || num[start + 1] == UInt8(ascii: "N") {
            if num[start + 1] == UInt8(ascii: "N") && !space && !plus { start += 1 }  // no sign before NaN
            withoutZeroPadding { $0.pad(num[start...]) }
            return
        }
        // `#` forces a decimal point (except for %b) and keeps trailing zeros.
        if sharp && verb != UInt8(ascii: "b") {
            addSharpDigits(&num, start: start, verb: verb, prec: prec)
        }
        // A sign is shown when asked for or when negative.
        if plus || num[start] != UInt8(ascii: "+") {
            let length = num.count - start
            if zero && widPresent && wid > length {
                // Zero padding goes between the sign and the digits.
                buf.append(num[start])
                writePadding(wid - length)
                buf.append(contentsOf: num[(start + 1)...])
                return
            }
            pad(num[start...])
            return
        }
        pad(num[(start + 1)...])
    }

    /// Go's `#` handling: appends a decimal point if missing and restores the trailing zeros
    /// of %g, %G and %x to the precision (6 when shortest), keeping any exponent at the end.
    private func addSharpDigits(_ num: inout [UInt8], start: Int, verb: UInt8, prec: Int) {
        var digits = 0
        switch verb {
        case UInt8(ascii: "g"), UInt8(ascii: "G"), UInt8(ascii: "x"):
            digits = prec == -1 ? 6 : prec
        default:
            break
        }
        let isHex = verb == UInt8(ascii: "x") || verb == UInt8(ascii: "X")
        var tail: [UInt8] = []
        var hasDecimalPoint = false
        var sawNonzeroDigit = false
        var i = start + 1
        scan: while i < num.count {
            switch num[i] {
            case UInt8(ascii: "."):
                hasDecimalPoint = true
            case UInt8(ascii: "p"), UInt8(ascii: "P"):
                tail.append(contentsOf: num[i...])
                num.removeSubrange(i...)
                break scan
            case UInt8(ascii: "e") where !isHex, UInt8(ascii: "E") where !isHex:
                tail.append(contentsOf: num[i...])
                num.removeSubrange(i...)
                break scan
            default:
                // Count significant digits after the first non-zero digit (for %x this
                // includes the 'x' of "0x", as in Go).
                if num[i] != UInt8(ascii: "0") { sawNonzeroDigit = true }
                if sawNonzeroDigit { digits -= 1 }
            }
            i += 1
        }
        if !hasDecimalPoint {
            // A leading digit 0 contributes once to the digits.
            if num.count - start == 2 && num[start + 1] == UInt8(ascii: "0") { digits -= 1 }
            num.append(UInt8(ascii: "."))
        }
        if digits > 0 { num.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digits)) }
        num.append(contentsOf: tail)
    }
}
