// Go's `strconv` parsing of literals, as the template parser uses it: ParseInt/ParseUint with
// base 0, ParseFloat, Unquote and UnquoteChar.

/// `strconv.ParseUint(text, 0, 64)`: base prefixes, `_` separators; nil on any error.
func parseGoUInt(_ text: String) -> UInt64? {
    let s = Array(text.utf8)
    guard !s.isEmpty else { return nil }
    var base: UInt64 = 10
    var i = 0
    if s[0] == UInt8(ascii: "0") {
        if s.count >= 3, lower(s[1]) == UInt8(ascii: "b") {
            base = 2; i = 2
        } else if s.count >= 3, lower(s[1]) == UInt8(ascii: "o") {
            base = 8; i = 2
        } else if s.count >= 3, lower(s[1]) == UInt8(ascii: "x") {
            base = 16; i = 2
        } else {
            base = 8; i = 1
        }
    }
    var value: UInt64 = 0
    var underscores = false
    while i < s.count {
        let c = s[i]
        i += 1
        if c == UInt8(ascii: "_") {
            underscores = true
            continue
        }
        guard let digit = digitValue(c), digit < base else { return nil }
        let (shifted, overflow1) = value.multipliedReportingOverflow(by: base)
        let (sum, overflow2) = shifted.addingReportingOverflow(digit)
        if overflow1 || overflow2 { return nil }
        value = sum
    }
    if underscores && !underscoreOK(s) { return nil }
    return value
}

/// `strconv.ParseInt(text, 0, 64)`; nil on any error.
func parseGoInt(_ text: String) -> Int64? {
    var body = Substring(text)
    var negative = false
    if let first = body.first, first == "+" || first == "-" {
        negative = first == "-"
        body = body.dropFirst()
    }
    guard let magnitude = parseGoUInt(String(body)) else { return nil }
    if negative {
        if magnitude > UInt64(Int64.max) + 1 { return nil }
        return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
    }
    return magnitude > UInt64(Int64.max) ? nil : Int64(magnitude)
}

/// `strconv.ParseFloat(text, 64)` for Go's number syntax (decimal and hexadecimal mantissas,
/// `_` separators, `inf`/`nan`); nil on a syntax error or when the value is out of range.
func parseGoFloat(_ text: String) -> Double? {
    let s = Array(text.utf8)
    guard !s.isEmpty else { return nil }
    var i = 0
    var negative = false
    if s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") {
        negative = s[i] == UInt8(ascii: "-")
        i += 1
    }
    let rest = String(decoding: s[i...], as: UTF8.self).lowercased()
    if rest == "inf" || rest == "infinity" { return negative ? -.infinity : .infinity }
    if rest == "nan" { return .nan }

    var hex = false
    if i + 2 < s.count, s[i] == UInt8(ascii: "0"), lower(s[i + 1]) == UInt8(ascii: "x") {
        hex = true
        i += 2
    }
    var cleaned: [UInt8] = negative ? [UInt8(ascii: "-")] : []
    if hex { cleaned += Array("0x".utf8) }
    var sawDot = false, sawDigits = false, underscores = false
    while i < s.count {
        let c = s[i]
        if c == UInt8(ascii: "_") {
            underscores = true
        } else if c == UInt8(ascii: ".") {
            if sawDot { break }
            sawDot = true
            cleaned.append(c)
        } else if let digit = digitValue(c), digit < (hex ? 16 : 10) {
            sawDigits = true
            cleaned.append(c)
        } else {
            break
        }
        i += 1
    }
    guard sawDigits else { return nil }
    let exponentChar = hex ? UInt8(ascii: "p") : UInt8(ascii: "e")
    if i < s.count, lower(s[i]) == exponentChar {
        cleaned.append(exponentChar)
        i += 1
        guard i < s.count else { return nil }
        if s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") {
            cleaned.append(s[i])
            i += 1
        }
        var sawExponentDigits = false
        while i < s.count, (s[i] >= UInt8(ascii: "0") && s[i] <= UInt8(ascii: "9")) || s[i] == UInt8(ascii: "_") {
            if s[i] == UInt8(ascii: "_") {
                underscores = true
            } else {
                cleaned.append(s[i])
                sawExponentDigits = true
            }
            i += 1
        }
        guard sawExponentDigits else { return nil }
    } else if hex {
        return nil  // A hexadecimal mantissa requires a 'p' exponent.
    }
    guard i == s.count else { return nil }
    if underscores && !underscoreOK(s) { return nil }
    guard let value = Double(String(decoding: cleaned, as: UTF8.self)), value.isFinite else { return nil }
    return value
}

private func lower(_ c: UInt8) -> UInt8 { c | 0x20 }

private func digitValue(_ c: UInt8) -> UInt64? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt64(c - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "z"): return UInt64(c - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "Z"): return UInt64(c - UInt8(ascii: "A") + 10)
    default: return nil
    }
}

/// Go's `underscoreOK`: underscores only between digits, or between a base prefix and a digit.
private func underscoreOK(_ bytes: [UInt8]) -> Bool {
    var s = bytes[...]
    var saw = UInt8(ascii: "^")
    if let first = s.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") { s = s.dropFirst() }
    var hex = false
    var i = s.startIndex
    if s.count >= 2, s[i] == UInt8(ascii: "0"),
        [UInt8(ascii: "b"), UInt8(ascii: "o"), UInt8(ascii: "x")].contains(lower(s[i + 1]))
    {
        hex = lower(s[i + 1]) == UInt8(ascii: "x")
        i += 2
        saw = UInt8(ascii: "0")
    }
    while i < s.endIndex {
        let c = s[i]
        i += 1
        if (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || (hex && lower(c) >= UInt8(ascii: "a") && lower(c) <= UInt8(ascii: "f")) {
            saw = UInt8(ascii: "0")
            continue
        }
        if c == UInt8(ascii: "_") {
            if saw != UInt8(ascii: "0") { return false }
            saw = UInt8(ascii: "_")
            continue
        }
        if saw == UInt8(ascii: "_") { return false }
        saw = UInt8(ascii: "!")
    }
    return saw != UInt8(ascii: "_")
}

/// `strconv.UnquoteChar`: decodes one character or escape at the start of `s` inside a literal
/// quoted with `quote`; returns the rune (as a code point, or a raw byte value for `\x`/octal)
/// and the rest, or nil when the escape is invalid.
func unquoteChar(_ s: ArraySlice<UInt8>, quote: UInt8) -> (UInt32, ArraySlice<UInt8>)? {
    guard let c = s.first else { return nil }
    if c == quote, quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") { return nil }
    if c >= 0x80 {
        var iterator = s.makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else {
            return (0xFFFD, s.dropFirst())
        }
        return (scalar.value, s.dropFirst(UTF8.width(scalar)))
    }
    if c != UInt8(ascii: "\\") { return (UInt32(c), s.dropFirst()) }
    guard s.count > 1 else { return nil }
    let escape = s[s.startIndex + 1]
    var rest = s.dropFirst(2)
    switch escape {
    case UInt8(ascii: "a"): return (0x07, rest)
    case UInt8(ascii: "b"): return (0x08, rest)
    case UInt8(ascii: "f"): return (0x0C, rest)
    case UInt8(ascii: "n"): return (0x0A, rest)
    case UInt8(ascii: "r"): return (0x0D, rest)
    case UInt8(ascii: "t"): return (0x09, rest)
    case UInt8(ascii: "v"): return (0x0B, rest)
    case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
        let count = escape == UInt8(ascii: "x") ? 2 : escape == UInt8(ascii: "u") ? 4 : 8
        guard rest.count >= count else { return nil }
        var value: UInt32 = 0
        for byte in rest.prefix(count) {
            guard let digit = digitValue(byte), digit < 16 else { return nil }
            value = value << 4 | UInt32(digit)
        }
        rest = rest.dropFirst(count)
        if escape == UInt8(ascii: "x") { return (value, rest) }
        guard Unicode.Scalar(value) != nil else { return nil }
        return (value, rest)
    case UInt8(ascii: "0")...UInt8(ascii: "7"):
        var value = UInt32(escape - UInt8(ascii: "0"))
        guard rest.count >= 2 else { return nil }
        for byte in rest.prefix(2) {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "7") else { return nil }
            value = value << 3 | UInt32(byte - UInt8(ascii: "0"))
        }
        guard value <= 255 else { return nil }
        return (value, rest.dropFirst(2))
    case UInt8(ascii: "\\"): return (UInt32(escape), rest)
    case UInt8(ascii: "'"), UInt8(ascii: "\""):
        guard escape == quote else { return nil }
        return (UInt32(escape), rest)
    default:
        return nil
    }
}

/// `strconv.Unquote` of a `"…"`, `` `…` `` or `'…'` literal; nil when it is malformed.
/// Bytes from `\x` and octal escapes that do not form valid UTF-8 are replaced by U+FFFD.
func goUnquote(_ literal: String) -> String? {
    let s = Array(literal.utf8)
    guard s.count >= 2, let quote = s.first, s.last == quote else { return nil }
    let body = s[1..<(s.count - 1)]
    switch quote {
    case UInt8(ascii: "`"):
        guard !body.contains(UInt8(ascii: "`")) else { return nil }
        return String(decoding: body.filter { $0 != UInt8(ascii: "\r") }, as: UTF8.self)
    case UInt8(ascii: "\""), UInt8(ascii: "'"):
        if quote == UInt8(ascii: "\"") && !body.contains(UInt8(ascii: "\\")) && !body.contains(UInt8(ascii: "\n")) && !body.contains(quote) {
            return String(decoding: body, as: UTF8.self)
        }
        var output: [UInt8] = []
        var rest = body
        var runes = 0
        while !rest.isEmpty {
            if rest.first == UInt8(ascii: "\n") { return nil }
            let isByteEscape = rest.count > 1 && rest.first == UInt8(ascii: "\\")
                && (rest[rest.startIndex + 1] == UInt8(ascii: "x") || (rest[rest.startIndex + 1] >= UInt8(ascii: "0") && rest[rest.startIndex + 1] <= UInt8(ascii: "7")))
            guard let (value, remaining) = unquoteChar(rest, quote: quote) else { return nil }
            rest = remaining
            runes += 1
            if isByteEscape || value < 0x80 {
                output.append(UInt8(truncatingIfNeeded: value))
            } else if let scalar = Unicode.Scalar(value) {
                output.append(contentsOf: String(scalar).utf8)
            }
            if quote == UInt8(ascii: "'") && !rest.isEmpty { return nil }
        }
        if quote == UInt8(ascii: "'") && runes != 1 { return nil }
        return String(decoding: output, as: UTF8.self)
    default:
        return nil
    }
}
