// String literals for `JSONParser`: escapes, surrogate pairs and Go's U+FFFD replacements.

extension JSONParser {
    /// Parses a string whose opening quote is at `pos`.
    mutating func parseString() throws(JSONDecodingError) -> String {
        pos += 1
        let start = pos
        while pos < end && isPlainJSONStringByte(p[pos]) { pos += 1 }
        guard pos < end else { throw unexpectedEnd }
        if p[pos] == UInt8(ascii: "\"") {
            pos += 1
            return String(decoding: UnsafeBufferPointer(start: p + start, count: pos - 1 - start), as: UTF8.self)
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(start: p + start, count: pos - start))
        while true {
            let runStart = pos
            while pos < end && isPlainJSONStringByte(p[pos]) { pos += 1 }
            if runStart < pos { scratch.append(contentsOf: UnsafeBufferPointer(start: p + runStart, count: pos - runStart)) }
            guard pos < end else { throw unexpectedEnd }
            let c = p[pos]
            if c == UInt8(ascii: "\"") {
                pos += 1
                return String(decoding: scratch, as: UTF8.self)
            } else if c == UInt8(ascii: "\\") {
                try parseEscape()
            } else if c < 0x20 {
                throw invalid("in string literal")
            } else {
                let (rune, size) = decodeGoRune(p, pos, end)
                if rune == 0xFFFD && size == 1 {
                    appendUTF8(0xFFFD)
                } else {
                    scratch.append(contentsOf: UnsafeBufferPointer(start: p + pos, count: size))
                }
                pos += size
            }
        }
    }

    /// Parses the escape sequence whose backslash is at `pos` into `scratch`.
    mutating func parseEscape() throws(JSONDecodingError) {
        pos += 1
        guard pos < end else { throw unexpectedEnd }
        let c = p[pos]
        pos += 1
        switch c {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(c)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            var rune = try parseHex4()
            if (0xD800...0xDFFF).contains(rune) {
                // Go pairs a high surrogate with an immediately following low one; any other
                // surrogate becomes U+FFFD (and a following escape is read on its own).
                if rune < 0xDC00, let low = peekLowSurrogateEscape() {
                    rune = 0x10000 + ((rune - 0xD800) << 10) + (low - 0xDC00)
                    pos += 6
                } else {
                    rune = 0xFFFD
                }
            }
            appendUTF8(rune)
        default:
            pos -= 1
            throw invalid("in string escape code")
        }
    }

    /// Appends the UTF-8 encoding of a code point that is not a surrogate to `scratch`.
    mutating func appendUTF8(_ rune: UInt32) {
        if rune < 0x80 {
            scratch.append(UInt8(rune))
        } else if rune < 0x800 {
            scratch.append(UInt8(0xC0 | rune >> 6))
            scratch.append(UInt8(0x80 | rune & 0x3F))
        } else if rune < 0x10000 {
            scratch.append(UInt8(0xE0 | rune >> 12))
            scratch.append(UInt8(0x80 | rune >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | rune & 0x3F))
        } else {
            scratch.append(UInt8(0xF0 | rune >> 18))
            scratch.append(UInt8(0x80 | rune >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | rune >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | rune & 0x3F))
        }
    }

    /// Parses the four hex digits after `\u`, leaving `pos` after them.
    mutating func parseHex4() throws(JSONDecodingError) -> UInt32 {
        var rune: UInt32 = 0
        for _ in 0..<4 {
            guard pos < end else { throw unexpectedEnd }
            guard let digit = hexValue(p[pos]) else { throw invalid("in \\u hexadecimal character escape") }
            rune = rune << 4 | digit
            pos += 1
        }
        return rune
    }

    /// The low surrogate written as `\uDC00`...`\uDFFF` right at `pos`, if there is one.
    func peekLowSurrogateEscape() -> UInt32? {
        guard end - pos >= 6, p[pos] == UInt8(ascii: "\\"), p[pos + 1] == UInt8(ascii: "u") else { return nil }
        var rune: UInt32 = 0
        for k in 2..<6 {
            guard let digit = hexValue(p[pos + k]) else { return nil }
            rune = rune << 4 | digit
        }
        return (0xDC00...0xDFFF).contains(rune) ? rune : nil
    }

    /// The value of the hexadecimal digit `c`, if it is one.
    func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(c - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(c - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }
}
