/// The escapers behind the `html`, `js` and `urlquery` builtins, byte for byte as in Go 1.19.

/// Upper-case hexadecimal digits, as `text/template` and `net/url` write them.
private let upperHexDigits: StaticString = "0123456789ABCDEF"

/// Rewrites the UTF-8 bytes of `s`: `replace` writes the replacement for the bytes at an index
/// into its buffer and returns how many bytes it replaced, or returns nil (writing nothing) to
/// keep the byte. Returns `s` itself when nothing is replaced.
@inline(__always)
private func rewriteBytes(
    of s: String, _ replace: (UnsafeBufferPointer<UInt8>, Int, inout [UInt8]) -> Int?
) -> String {
    withUTF8Bytes(of: s) { bytes in
        var out: [UInt8] = []
        var replacement: [UInt8] = []
        var start = 0
        var i = 0
        while i < bytes.count {
            guard let consumed = replace(bytes, i, &replacement) else {
                i += 1
                continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
            out.append(contentsOf: replacement)
            replacement.removeAll(keepingCapacity: true)
            i += consumed
            start = i
        }
        if start == 0 { return s }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        return String(decoding: out, as: UTF8.self)
    }
}

/// Go's `template.HTMLEscapeString`: `"` `'` `&` `<` `>` become `&#34;` `&#39;` `&amp;` `&lt;`
/// `&gt;`, and NUL becomes U+FFFD.
func htmlEscapeString(_ s: String) -> String {
    rewriteBytes(of: s) { bytes, i, out in
        switch bytes[i] {
        case 0x00: out.append(contentsOf: "\u{FFFD}".utf8)
        case UInt8(ascii: "\""): out.append(contentsOf: "&#34;".utf8)
        case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
        case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
        case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
        case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
        default: return nil
        }
        return 1
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
    rewriteBytes(of: s) { bytes, i, out in
        let c = bytes[i]
        switch c {
        case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
        case UInt8(ascii: "'"): out.append(contentsOf: #"\'"#.utf8)
        case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
        case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "="), 0x00..<0x20:
            appendJSUnicodeEscape(UInt32(c), to: &out)
        case 0x80...:
            let (rune, size) = decodeGoRune(bytes.baseAddress!, i, bytes.count)
            if goIsPrint(rune) { return nil }
            appendJSUnicodeEscape(rune, to: &out)
            return size
        default:
            return nil
        }
        return 1
    }
}

/// Go's `url.QueryEscape`: ASCII letters, digits and `-_.~` are kept, space becomes `+`, and
/// every other byte becomes `%XX` (upper-case hex).
func queryEscape(_ s: String) -> String {
    let hex = upperHexDigits.utf8Start
    return rewriteBytes(of: s) { bytes, i, out in
        let c = bytes[i]
        switch c {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
            UInt8(ascii: "~"):
            return nil
        case UInt8(ascii: " "):
            out.append(UInt8(ascii: "+"))
        default:
            out.append(UInt8(ascii: "%"))
            out.append(hex[Int(c >> 4)])
            out.append(hex[Int(c & 0xF)])
        }
        return 1
    }
}
