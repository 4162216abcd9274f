// The escapers behind the `html`, `js` and `urlquery` builtins, byte for byte as in Go 1.19.

/// Upper-case hexadecimal digits, as `text/template` and `net/url` write them.
private let upperHexDigits: StaticString = "0123456789ABCDEF"

/// Rewrites the UTF-8 bytes of `s`: bytes for which `isSpecial` holds are handed to `replace`,
/// which appends what they become and returns how many bytes it consumed; other bytes are kept.
/// Returns `s` itself when it has no special byte.
@inline(__always)
private func rewriteBytes(
    of s: String, where isSpecial: (UInt8) -> Bool, _ replace: (UnsafeBufferPointer<UInt8>, Int, inout [UInt8]) -> Int
) -> String {
    withUTF8Bytes(of: s) { bytes in
        var i = 0
        while i < bytes.count && !isSpecial(bytes[i]) { i += 1 }
        if i == bytes.count { return s }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 4 + 16)
        var start = 0
        while i < bytes.count {
            guard isSpecial(bytes[i]) else {
                i += 1
                continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
            i += replace(bytes, i, &out)
            start = i
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        return String(decoding: out, as: UTF8.self)
    }
}

/// Appends the bytes of `text`.
@inline(__always)
private func appendText(_ text: StaticString, to out: inout [UInt8]) {
    out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
}

/// Go's `template.HTMLEscapeString`: `"` `'` `&` `<` `>` become `&#34;` `&#39;` `&amp;` `&lt;`
/// `&gt;`, and NUL becomes U+FFFD.
func htmlEscapeString(_ s: String) -> String {
    rewriteBytes(of: s, where: isHTMLSpecial) { bytes, i, out in
        switch bytes[i] {
        case 0x00: appendText("\u{FFFD}", to: &out)
        case UInt8(ascii: "\""): appendText("&#34;", to: &out)
        case UInt8(ascii: "'"): appendText("&#39;", to: &out)
        case UInt8(ascii: "&"): appendText("&amp;", to: &out)
        case UInt8(ascii: "<"): appendText("&lt;", to: &out)
        default: appendText("&gt;", to: &out)
        }
        return 1
    }
}

/// Whether `template.HTMLEscapeString` rewrites the byte.
@inline(__always)
private func isHTMLSpecial(_ c: UInt8) -> Bool {
    switch c {
    case 0x00, UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"):
        return true
    default:
        return false
    }
}

/// Appends `\u` and `code` in upper-case hex, at least four digits (Go's `\u%04X`).
private func appendJSUnicodeEscape(_ code: UInt32, to out: inout [UInt8]) {
    let hex = upperHexDigits.utf8Start
    out.append(UInt8(ascii: "\\"))
    out.append(UInt8(ascii: "u"))
    var digitCount = 4
    while digitCount < 8 && code >> (4 * UInt32(digitCount)) != 0 { digitCount += 1 }
    for shift in stride(from: 4 * (digitCount - 1), through: 0, by: -4) {
        out.append(hex[Int(code >> UInt32(shift) & 0xF)])
    }
}

/// Go's `template.JSEscapeString`: `\` `'` `"` become `\\` `\'` `\"`; `<` `>` `&` `=` and
/// control characters become `\u003C`-style escapes (upper-case hex); other ASCII is kept;
/// other runes are kept when Go's `unicode.IsPrint` accepts them, else written `\uXXXX`.
func jsEscapeString(_ s: String) -> String {
    rewriteBytes(of: s, where: isJSSpecial) { bytes, i, out in
        let c = bytes[i]
        switch c {
        case UInt8(ascii: "\\"): appendText(#"\\"#, to: &out)
        case UInt8(ascii: "'"): appendText(#"\'"#, to: &out)
        case UInt8(ascii: "\""): appendText(#"\""#, to: &out)
        case 0x80...:
            let (rune, size) = decodeGoRune(bytes.baseAddress!, i, bytes.count)
            if goIsPrint(rune) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<i + size]))
            } else {
                appendJSUnicodeEscape(rune, to: &out)
            }
            return size
        default:
            appendJSUnicodeEscape(UInt32(c), to: &out)
        }
        return 1
    }
}

/// Go's `jsIsSpecial` for a byte: quotes, `\`, `<`, `>`, `&`, `=`, control characters, and the
/// bytes of non-ASCII runes.
@inline(__always)
private func isJSSpecial(_ c: UInt8) -> Bool {
    switch c {
    case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "<"), UInt8(ascii: ">"),
        UInt8(ascii: "&"), UInt8(ascii: "="), 0x00..<0x20, 0x80...:
        return true
    default:
        return false
    }
}

/// Go's `url.QueryEscape`: ASCII letters, digits and `-_.~` are kept, space becomes `+`, and
/// every other byte becomes `%XX` (upper-case hex).
func queryEscape(_ s: String) -> String {
    let hex = upperHexDigits.utf8Start
    return rewriteBytes(of: s, where: isQuerySpecial) { bytes, i, out in
        let c = bytes[i]
        if c == UInt8(ascii: " ") {
            out.append(UInt8(ascii: "+"))
        } else {
            out.append(UInt8(ascii: "%"))
            out.append(hex[Int(c >> 4)])
            out.append(hex[Int(c & 0xF)])
        }
        return 1
    }
}

/// Whether `url.QueryEscape` rewrites the byte: all but ASCII letters, digits and `-_.~`.
@inline(__always)
private func isQuerySpecial(_ c: UInt8) -> Bool {
    switch c {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
        UInt8(ascii: "~"):
        return false
    default:
        return true
    }
}
