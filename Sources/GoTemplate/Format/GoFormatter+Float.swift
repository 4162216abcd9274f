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
        // Format the number after room for a sign at buf[base]; the text starts at buf[start].
        let base = buf.count
        buf.append(UInt8(ascii: "+"))
        appendFloat(value, verb, prec, into: &buf)
        var start = base
        if buf[base + 1] == UInt8(ascii: "-") || buf[base + 1] == UInt8(ascii: "+") {
            start = base + 1
        }
        // The space flag means a leading space instead of a "+" sign unless `+` asks for it.
        if space && buf[start] == UInt8(ascii: "+") && !plus {
            buf[start] = UInt8(ascii: " ")
        }
        // Infinities and NaN don't look like numbers, so they are not padded with zeros.
        if buf[start + 1] == UInt8(ascii: "I") || buf[start + 1] == UInt8(ascii: "N") {
            if buf[start + 1] == UInt8(ascii: "N") && !space && !plus { start += 1 }  // no sign before NaN
            padInPlace(base: base, start: start, padByte: UInt8(ascii: " "))
            return
        }
        // `#` forces a decimal point (except for %b) and keeps trailing zeros.
        if sharp && verb != UInt8(ascii: "b") {
            var num = Array(buf[start...])
            addSharpDigits(&num, verb: verb, prec: prec)
            buf.replaceSubrange(start..., with: num)
        }
        // A sign is shown when asked for or when negative.
        if plus || buf[start] != UInt8(ascii: "+") {
            let length = buf.count - start
            if zero && widPresent && wid > length {
                // Zero padding goes between the sign and the digits.
                buf.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: wid - length), at: start + 1)
                buf.removeSubrange(base..<start)
                return
            }
        } else {
            start += 1
        }
        padInPlace(base: base, start: start, padByte: zero ? UInt8(ascii: "0") : UInt8(ascii: " "))
    }

    /// Moves `buf[start...]` to `base` and pads it to the width like `pad`.
    private mutating func padInPlace(base: Int, start: Int, padByte: UInt8) {
        buf.removeSubrange(base..<start)
        guard widPresent && wid > 0 else { return }
        var runes = 0
        for byte in buf[base...] where byte & 0xC0 != 0x80 { runes += 1 }
        let padding = wid - runes
        guard padding > 0 else { return }
        if minus {
            buf.append(contentsOf: repeatElement(padByte, count: padding))
        } else {
            buf.insert(contentsOf: repeatElement(padByte, count: padding), at: base)
        }
    }

    /// Go's `#` handling: appends a decimal point if missing and restores the trailing zeros
    /// of %g, %G and %x to the precision (6 when shortest), keeping any exponent at the end.
    /// `num` starts with its sign.
    private func addSharpDigits(_ num: inout [UInt8], verb: UInt8, prec: Int) {
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
        var i = 1
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
            if num.count == 2 && num[1] == UInt8(ascii: "0") { digits -= 1 }
            num.append(UInt8(ascii: "."))
        }
        if digits > 0 { num.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digits)) }
        num.append(contentsOf: tail)
    }
}
