// The raw formatting of Go's fmt/format.go: padding, integers, characters and strings.

private let lowerDigits: StaticString = "0123456789abcdefx"
private let upperDigits: StaticString = "0123456789ABCDEFX"

extension GoFormatter {
    /// Appends `n` padding bytes: zeros with the `0` flag, spaces otherwise.
    mutating func writePadding(_ n: Int) {
        guard n > 0 else { return }
        buf.append(contentsOf: repeatElement(zero ? UInt8(ascii: "0") : UInt8(ascii: " "), count: n))
    }

    /// Appends `bytes` padded to the width, on the left or (with `-`) on the right; the width
    /// counts runes (Go's `pad` and `padString`).
    mutating func pad<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        if !widPresent || wid == 0 {
            buf.append(contentsOf: bytes)
            return
        }
        var runes = 0
        for byte in bytes where byte & 0xC0 != 0x80 { runes += 1 }
        if !minus {
            writePadding(wid - runes)
            buf.append(contentsOf: bytes)
        } else {
            buf.append(contentsOf: bytes)
            writePadding(wid - runes)
        }
    }

    /// Runs `body` with the `0` flag off, so that it pads with spaces.
    mutating func withoutZeroPadding(_ body: (inout GoFormatter) -> Void) {
        let oldZero = zero
        zero = false
        body(&self)
        zero = oldZero
    }

    /// `true` or `false`, padded.
    mutating func fmtBoolean(_ value: Bool) {
        pad(value ? "true".utf8 : "false".utf8)
    }

    /// `U+0078`, or with `#` `U+0078 'x'` (Go's `fmtUnicode`).
    mutating func fmtUnicode(_ u: UInt64) {
        var text: [UInt8] = Array("U+".utf8)
        var hex: [UInt8] = []
        var rest = u
        repeat {
            hex.append(upperDigits.utf8Start[Int(rest & 0xF)])
            rest >>= 4
        } while rest != 0
        let minDigits = precPresent && prec > 4 ? prec : 4
        if hex.count < minDigits { text.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: minDigits - hex.count)) }
        text.append(contentsOf: hex.reversed())
        if sharp && u <= 0x10FFFF && goIsPrint(UInt32(u)) {
            text.append(contentsOf: " '".utf8)
            appendUTF8(UInt32(u), into: &text)
            text.append(UInt8(ascii: "'"))
        }
        withoutZeroPadding { $0.pad(text) }
    }

    /// A signed or unsigned integer in base 2, 8, 10 or 16, with Go's precision, `#`, `+`,
    /// space and `0` handling; `verb` `O` adds the `0o` prefix (Go's `fmt.fmtInteger`).
    mutating func fmtInteger(_ value: UInt64, base: UInt64, isSigned: Bool, verb: Unicode.Scalar, upper: Bool = false) {
        let negative = isSigned && Int64(bitPattern: value) < 0
        var u = negative ? 0 &- value : value

        // Two ways to ask for extra leading zero digits: %.3d or %03d. With both, the 0 flag is
        // ignored and the padding is spaces.
        var minDigits = 0
        if precPresent {
            minDigits = prec
            if prec == 0 && u == 0 {  // precision 0 and value 0 print nothing but padding
                withoutZeroPadding { $0.writePadding($0.wid) }
                return
            }
        } else if zero && widPresent {
            minDigits = wid
            if negative || plus || space { minDigits -= 1 }  // leave room for the sign
        }

        if base == 10 && !widPresent && !precPresent && !plus && !space {
            appendDecimal(u, negative: negative, into: &buf)
            return
        }
        let digitTable = upper ? upperDigits.utf8Start : lowerDigits.utf8Start
        // The prefix (sign, "0o", "0x", ...) goes at the start of the scratch buffer, the digits
        // at its end; zero padding comes between them.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 80) { scratch in
            var i = 80
            repeat {
                i -= 1
                scratch[i] = digitTable[Int(u % base)]
                u /= base
            } while u != 0
            let zeros = max(minDigits - (80 - i), 0)

            var prefixLength = 0
            func addPrefix(_ byte: UInt8) {
                scratch[prefixLength] = byte
                prefixLength += 1
            }
            if negative {
                addPrefix(UInt8(ascii: "-"))
            } else if plus {
                addPrefix(UInt8(ascii: "+"))
            } else if space {
                addPrefix(UInt8(ascii: " "))
            }
            if verb == "O" {
                addPrefix(UInt8(ascii: "0"))
                addPrefix(UInt8(ascii: "o"))
            }
            if sharp {
                switch base {
                case 2:
                    addPrefix(UInt8(ascii: "0"))
                    addPrefix(UInt8(ascii: "b"))
                case 8:
                    if zeros == 0 && scratch[i] != UInt8(ascii: "0") { addPrefix(UInt8(ascii: "0")) }
                case 16:
                    addPrefix(UInt8(ascii: "0"))
                    addPrefix(digitTable[16])
                default:
                    break
                }
            }

            // Zero padding was handled above as precision; the width is padded with spaces.
            let padding = widPresent ? wid - (prefixLength + zeros + 80 - i) : 0
            if !minus { appendSpaces(padding) }
            buf.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[..<prefixLength]))
            if zeros > 0 { buf.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: zeros)) }
            buf.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[i...]))
            if minus { appendSpaces(padding) }
        }
    }

    private mutating func appendSpaces(_ n: Int) {
        if n > 0 { buf.append(contentsOf: repeatElement(UInt8(ascii: " "), count: n)) }
    }

    /// `%x` of `value` as an integer with a `0x` prefix when `leading0x` (Go's `fmt0x64`).
    mutating func fmt0x64(_ value: UInt64, leading0x: Bool) {
        let oldSharp = sharp
        sharp = leading0x
        fmtInteger(value, base: 16, isSigned: false, verb: "v")
        sharp = oldSharp
    }

    /// The end of the first `prec` runes of `s` when a precision is set (Go's `truncateString`).
    func truncationEnd(_ s: String) -> String.Index {
        guard precPresent else { return s.endIndex }
        var n = prec
        for index in s.unicodeScalars.indices {
            n -= 1
            if n < 0 { return index }
        }
        return s.endIndex
    }

    /// A string, truncated to the precision and padded (Go's `fmtS`).
    mutating func fmtS(_ s: String) {
        if !widPresent && !precPresent {
            appendString(s, into: &buf)
        } else {
            pad(s.utf8[..<truncationEnd(s)])
        }
    }

    /// The hexadecimal encoding of the bytes of `s`, with `#` adding `0x` and the space flag
    /// separating bytes (Go's `fmtSbx`).
    mutating func fmtSx(_ s: String, upper: Bool) {
        let digitTable = upper ? upperDigits.utf8Start : lowerDigits.utf8Start
        var length = s.utf8.count
        if precPresent && prec < length { length = prec }  // the precision counts bytes here
        var width = 2 * length
        if width > 0 {
            if space {
                if sharp { width *= 2 }  // each byte gets a leading 0x
                width += length - 1  // bytes are separated by spaces
            } else if sharp {
                width += 2  // a leading 0x for the whole string
            }
        } else {  // nothing to encode
            if widPresent { writePadding(wid) }
            return
        }
        if widPresent && wid > width && !minus { writePadding(wid - width) }
        if sharp {
            buf.append(UInt8(ascii: "0"))
            buf.append(digitTable[16])
        }
        for (i, c) in s.utf8.prefix(length).enumerated() {
            if space && i > 0 {
                buf.append(UInt8(ascii: " "))
                if sharp {
                    buf.append(UInt8(ascii: "0"))
                    buf.append(digitTable[16])
                }
            }
            buf.append(digitTable[Int(c >> 4)])
            buf.append(digitTable[Int(c & 0xF)])
        }
        if widPresent && wid > width && minus { writePadding(wid - width) }
    }

    /// A double-quoted Go string (`+`: ASCII only), or with `#` a backquoted raw string when
    /// possible (Go's `fmtQ`).
    mutating func fmtQ(_ s: String) {
        let end = truncationEnd(s)
        let s = end == s.endIndex ? s : String(s[..<end])
        var quoted: [UInt8] = []
        if sharp && goCanBackquote(s) {
            quoted.append(UInt8(ascii: "`"))
            quoted.append(contentsOf: s.utf8)
            quoted.append(UInt8(ascii: "`"))
        } else if !widPresent || wid == 0 {
            appendGoQuote(s, asciiOnly: plus, into: &buf)
            return
        } else {
            appendGoQuote(s, asciiOnly: plus, into: &quoted)
        }
        pad(quoted)
    }

    /// An integer as the character it encodes, U+FFFD when invalid (Go's `fmtC`).
    mutating func fmtC(_ c: UInt64) {
        let rune = c <= 0x10FFFF ? Unicode.Scalar(UInt32(c))?.value ?? 0xFFFD : 0xFFFD
        var bytes: [UInt8] = []
        appendUTF8(rune, into: &bytes)
        pad(bytes)
    }

    /// An integer as a single-quoted Go character literal (Go's `fmtQc`).
    mutating func fmtQc(_ c: UInt64) {
        var quoted: [UInt8] = []
        appendGoQuoteRune(c <= 0x10FFFF ? UInt32(c) : 0xFFFD, asciiOnly: plus, into: &quoted)
        pad(quoted)
    }
}
