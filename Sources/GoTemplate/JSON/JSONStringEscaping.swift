// JSON string literals written the way Go's `encoding/json` writes them, and Go's UTF-8 decoding
// rule (`utf8.DecodeRune`), shared by the JSON encoder, the JSON decoder and protocol writers.

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

/// Non-zero when one of the eight bytes of `x` must be escaped or starts a multi-byte sequence
/// (bytes as for class 1 to 3 of `jsonByteClasses`); its lowest set bit is in the first such byte.
@inline(__always)
private func specialByteMask(_ x: UInt64, escapeHTML: Bool) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highBits: UInt64 = 0x8080_8080_8080_8080
    // A set high bit where a byte of `v` is zero, and only above a zero byte by mistake.
    @inline(__always) func zeroBytes(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & highBits }
    var mask = x & highBits | (x &- ones &* 0x20) & ~x & highBits | zeroBytes(x ^ (ones &* 0x5C))
    if escapeHTML {
        mask |= zeroBytes((x | ones &* 0x04) ^ (ones &* 0x26))  // `"` or `&`
        mask |= zeroBytes((x | ones &* 0x02) ^ (ones &* 0x3E))  // `<` or `>`
    } else {
        mask |= zeroBytes(x ^ (ones &* 0x22))
    }
    return mask
}

/// The eight bytes `p[i..<i + 8]` as a little-endian word; when fewer than eight remain before
/// `end`, the missing ones read as spaces (which need no escaping).
@inline(__always)
private func loadWord(_ p: UnsafePointer<UInt8>, from i: Int, end: Int) -> UInt64 {
    let spaces: UInt64 = 0x2020_2020_2020_2020
    let remaining = end - i
    if remaining >= 8 { return UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)) }
    // Gather the last few bytes with overlapping loads within them (a load reaching back across
    // `i` could straddle the two halves of a small string just stored to the stack, and stall).
    let raw = UnsafeRawPointer(p + i)
    var word: UInt64
    if remaining >= 4 {
        let head = UInt64(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)))
        let tail = UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: remaining - 4, as: UInt32.self)))
        word = head | tail << UInt64(8 * (remaining - 4))
    } else {
        let middle = remaining / 2
        word = UInt64(p[i]) | UInt64(p[i + middle]) << UInt64(8 * middle)
        word |= UInt64(p[i + remaining - 1]) << UInt64(8 * (remaining - 1))
    }
    let kept: UInt64 = (1 << UInt64(8 * remaining)) &- 1
    return word & kept | spaces & ~kept
}

/// The most bytes that the JSON string literal of `count` bytes of text can take: two quotes,
/// and six bytes (`\u00XX`, `\ufffd`) for any byte of text.
@inline(__always)
func maximumJSONStringLength(_ count: Int) -> Int { 2 + 6 * count }

/// Writes `bytes` as a JSON string literal exactly as Go's `encoding/json` does: `"` and `\`
/// escaped, `\n`, `\r`, `\t`, other control characters as `\u00XX`, U+2028 and U+2029 as
/// `\u2028`/`\u2029`, each invalid UTF-8 byte as `\ufffd`, other text raw; with `escapeHTML`
/// (as `json.Marshal`) also `<`, `>`, `&` as `\u003c`, `\u003e`, `\u0026`.
///
/// `q` must have room for `maximumJSONStringLength(bytes.count)` bytes; returns how many it wrote.
func writeJSONString(_ bytes: UnsafeBufferPointer<UInt8>, escapeHTML: Bool, to q: UnsafeMutablePointer<UInt8>) -> Int {
    q[0] = 0x22
    var written = 1
    guard let p = bytes.baseAddress else {
        q[1] = 0x22
        return 2
    }
    let classes = jsonByteClasses.utf8Start
    let firstEscaped = escapeHTML ? UInt8(ascii: "1") : UInt8(ascii: "2")
    let end = bytes.count
    var start = 0
    var i = 0
    while i < end {
        // Skip eight plain bytes at a time, then look at the first byte that may need work.
        let mask = specialByteMask(loadWord(p, from: i, end: end), escapeHTML: escapeHTML)
        if mask == 0 {
            i = min(i + 8, end)
            continue
        }
        i += mask.trailingZeroBitCount >> 3
        let byte = p[i]
        let byteClass = classes[Int(byte)]
        if byteClass < firstEscaped {
            i += 1
            continue
        }
        var rune = UInt32(byte)
        var size = 1
        if byteClass == UInt8(ascii: "3") {
            (rune, size) = decodeGoRune(p, i, end)
            let isSeparator = rune == 0x2028 || rune == 0x2029
            if !isSeparator && !(rune == 0xFFFD && size == 1) {
                i += size
                continue
            }
        }
        copyBytes(from: p + start, to: q + written, count: i - start)
        written += i - start
        q[written] = 0x5C
        switch byte {
        case 0x22, 0x5C: q[written + 1] = byte
        case 0x0A: q[written + 1] = UInt8(ascii: "n")
        case 0x0D: q[written + 1] = UInt8(ascii: "r")
        case 0x09: q[written + 1] = UInt8(ascii: "t")
        default:
            q[written + 1] = UInt8(ascii: "u")
            q[written + 2] = lowerHexDigit(rune >> 12)
            q[written + 3] = lowerHexDigit(rune >> 8)
            q[written + 4] = lowerHexDigit(rune >> 4)
            q[written + 5] = lowerHexDigit(rune)
            written += 4
        }
        written += 2
        i += size
        start = i
    }
    copyBytes(from: p + start, to: q + written, count: end - start)
    written += end - start
    q[written] = 0x22
    return written + 1
}

/// Appends `bytes` as a JSON string literal; see `writeJSONString`.
func appendJSONString(_ bytes: UnsafeBufferPointer<UInt8>, escapeHTML: Bool, to out: inout ByteWriter) {
    out.write(maximum: maximumJSONStringLength(bytes.count)) { q in
        writeJSONString(bytes, escapeHTML: escapeHTML, to: q)
    }
}

/// Appends `string` as a JSON string literal; see `writeJSONString`.
@inline(__always)
func appendJSONString(_ string: String, escapeHTML: Bool, to out: inout ByteWriter) {
    // Room is made first, so that the bytes are then written through a bare pointer.
    out.write(maximum: maximumJSONStringLength(string.utf8.count)) { q in
        withUTF8Bytes(of: string) { writeJSONString($0, escapeHTML: escapeHTML, to: q) }
    }
}

/// Appends `string` as a JSON string literal to an array, for writers of protocol lines;
/// see the `UnsafeBufferPointer` form.
func appendJSONString(_ string: String, escapeHTML: Bool, to out: inout [UInt8]) {
    var writer = ByteWriter(capacity: string.utf8.count + 16)
    appendJSONString(string, escapeHTML: escapeHTML, to: &writer)
    out.append(contentsOf: writer.bytes)
}

/// Calls `body` with the UTF-8 bytes of `string`, without copying a native string.
@inline(__always)
func withUTF8Bytes<R>(of string: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    if let result = string.utf8.withContiguousStorageIfAvailable(body) { return result }
    var string = string
    return string.withUTF8(body)
}
