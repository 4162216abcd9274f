/// JSON string literals written the way Go's `encoding/json` writes them, and Go's UTF-8 decoding
/// rule (`utf8.DecodeRune`), shared by the JSON encoder, the JSON decoder and protocol writers.

/// The class of each byte, as an ASCII digit, for JSON string scanning:
/// `0` needs no escape, `1` is escaped only with HTML escaping on (`<`, `>`, `&`),
/// `2` is always escaped (`"`, `\`, control characters), `3` starts a multi-byte sequence.
/// A `StaticString` lives in read-only data, so reading it costs no lazy initialisation.
private let jsonByteClasses: StaticString = """
22222222222222222222222222222222\
00200010000000000000000000001010\
00000000000000000000000000002000\
00000000000000000000000000000000\
33333333333333333333333333333333\
33333333333333333333333333333333\
33333333333333333333333333333333\
33333333333333333333333333333333
"""

/// Whether `byte` may appear unescaped inside a JSON string (with HTML escaping off) and is not
/// the start of a multi-byte UTF-8 sequence: the decoder's fast scan stops at any other byte.
@inline(__always)
func isPlainJSONStringByte(_ byte: UInt8) -> Bool {
    jsonByteClasses.utf8Start[Int(byte)] < UInt8(ascii: "2")
}

/// Go's `utf8.DecodeRune` on `p[i..<end]` (with `i < end`): the rune and its length in bytes,
/// or `(0xFFFD, 1)` when the bytes at `i` do not start a valid, complete, shortest-form sequence.
@inline(__always)
func decodeGoRune(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> (rune: UInt32, size: Int) {
    let b0 = UInt32(p[i])
    if b0 < 0x80 { return (b0, 1) }
    let invalid: (rune: UInt32, size: Int) = (0xFFFD, 1)
    // The allowed range of the second byte depends on the first (no overlongs, no surrogates).
    var low: UInt32 = 0x80
    var high: UInt32 = 0xBF
    let size: Int
    switch b0 {
    case 0xC2...0xDF: size = 2
    case 0xE0: size = 3; low = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: size = 3
    case 0xED: size = 3; high = 0x9F
    case 0xF0: size = 4; low = 0x90
    case 0xF1...0xF3: size = 4
    case 0xF4: size = 4; high = 0x8F
    default: return invalid
    }
    if end - i < size { return invalid }
    let b1 = UInt32(p[i + 1])
    if b1 < low || b1 > high { return invalid }
    if size == 2 { return ((b0 & 0x1F) << 6 | (b1 & 0x3F), 2) }
    let b2 = UInt32(p[i + 2])
    if b2 & 0xC0 != 0x80 { return invalid }
    if size == 3 { return ((b0 & 0x0F) << 12 | (b1 & 0x3F) << 6 | (b2 & 0x3F), 3) }
    let b3 = UInt32(p[i + 3])
    if b3 & 0xC0 != 0x80 { return invalid }
    return ((b0 & 0x07) << 18 | (b1 & 0x3F) << 12 | (b2 & 0x3F) << 6 | (b3 & 0x3F), 4)
}

/// Lower-case hexadecimal digit of the low four bits of `v`, as `encoding/json` writes them.
@inline(__always)
private func lowerHexDigit(_ v: UInt32) -> UInt8 {
    let d = UInt8(truncatingIfNeeded: v & 0xF)
    return d < 10 ? 0x30 + d : 0x57 + d
}

/// Appends `\uXXXX` (lower-case hex) for a code unit below 0x10000.
@inline(__always)
private func appendJSONUnicodeEscape(_ code: UInt32, to out: inout [UInt8]) {
    out.append(0x5C)
    out.append(UInt8(ascii: "u"))
    out.append(lowerHexDigit(code >> 12))
    out.append(lowerHexDigit(code >> 8))
    out.append(lowerHexDigit(code >> 4))
    out.append(lowerHexDigit(code))
}

/// Appends `bytes` as a JSON string literal exactly as Go's `encoding/json` does: `"` and `\`
/// escaped, `\n`, `\r`, `\t`, other control characters as `\u00XX`, U+2028 and U+2029 as
/// `\u2028`/`\u2029`, each invalid UTF-8 byte as `\ufffd`, other text raw; with `escapeHTML`
/// (as `json.Marshal`) also `<`, `>`, `&` as `\u003c`, `\u003e`, `\u0026`.
func appendJSONString(_ bytes: UnsafeBufferPointer<UInt8>, escapeHTML: Bool, to out: inout [UInt8]) {
    out.append(0x22)
    guard let p = bytes.baseAddress, !bytes.isEmpty else {
        out.append(0x22)
        return
    }
    let classes = jsonByteClasses.utf8Start
    let firstEscaped = escapeHTML ? UInt8(ascii: "1") : UInt8(ascii: "2")
    let end = bytes.count
    var start = 0
    var i = 0
    while i < end {
        let byte = p[i]
        let byteClass = classes[Int(byte)]
        if byteClass < firstEscaped {
            i += 1
            continue
        }
        var escape: UInt32 = 0
        var size = 1
        if byteClass == UInt8(ascii: "3") {
            let decoded = decodeGoRune(p, i, end)
            size = decoded.size
            let isSeparator = decoded.rune == 0x2028 || decoded.rune == 0x2029
            if !isSeparator && !(decoded.rune == 0xFFFD && size == 1) {
                i += size
                continue
            }
            escape = decoded.rune
        }
        if start < i { out.append(contentsOf: UnsafeBufferPointer(start: p + start, count: i - start)) }
        switch byte {
        case 0x22, 0x5C:
            out.append(0x5C)
            out.append(byte)
        case 0x0A:
            out.append(0x5C)
            out.append(UInt8(ascii: "n"))
        case 0x0D:
            out.append(0x5C)
            out.append(UInt8(ascii: "r"))
        case 0x09:
            out.append(0x5C)
            out.append(UInt8(ascii: "t"))
        default:
            appendJSONUnicodeEscape(byte < 0x80 ? UInt32(byte) : escape, to: &out)
        }
        i += size
        start = i
    }
    if start < end { out.append(contentsOf: UnsafeBufferPointer(start: p + start, count: end - start)) }
    out.append(0x22)
}

/// Appends `string` as a JSON string literal; see the `UnsafeBufferPointer` form.
@inline(__always)
func appendJSONString(_ string: String, escapeHTML: Bool, to out: inout [UInt8]) {
    var string = string
    string.withUTF8 { appendJSONString($0, escapeHTML: escapeHTML, to: &out) }
}
