/// Decodes JSON text into `Value` the way the conformance oracle does: Go's `json.Decoder` with
/// `UseNumber()`, each number then made an `int64` when `strconv.ParseInt(text, 10, 64)` accepts
/// it and a `float64` otherwise. Objects become `.map` (duplicate keys: the last wins), arrays
/// `.array`, `null` `.null`; invalid UTF-8 in strings becomes U+FFFD byte by byte, as in Go.
///
/// The grammar is strict RFC 8259 and nesting is limited to Go's 10000 levels. The parser is
/// iterative (no recursion), so deep input can never overflow the stack.
enum JSONValueDecoder {
    /// Go's `maxNestingDepth`: the most arrays and objects that may be open at once.
    static let maxDepth = 10000

    /// Decodes the one JSON value that `input` holds (surrounding whitespace allowed).
    static func decode(_ input: UnsafeBufferPointer<UInt8>) throws(JSONDecodingError) -> Value {
        guard input.baseAddress != nil, !input.isEmpty else { throw .unexpectedEnd(in: input) }
        var parser = JSONParser(input)
        return try parser.parseDocument()
    }

    /// Decodes the one JSON value that `bytes` holds.
    static func decode(_ bytes: [UInt8]) throws(JSONDecodingError) -> Value {
        try bytes.withUnsafeBufferPointer { buffer throws(JSONDecodingError) in try decode(buffer) }
    }

    /// Decodes the one JSON value that `text` holds.
    static func decode(_ text: String) throws(JSONDecodingError) -> Value {
        var text = text
        // `withUTF8` only rethrows untyped errors, so the result crosses it as a `Result`.
        return try text.withUTF8 { buffer in Result { () throws(JSONDecodingError) in try decode(buffer) } }.get()
    }

    /// Decodes template data as the oracle does: input that is empty or only white space (by Go's
    /// `bytes.TrimSpace`, which includes Unicode spaces) means nil data and gives `nil`.
    static func decodeData(_ input: UnsafeBufferPointer<UInt8>) throws(JSONDecodingError) -> Value? {
        if isGoBlank(input) { return nil }
        return try decode(input)
    }

    /// Decodes template data held in `bytes`; see the `UnsafeBufferPointer` form.
    static func decodeData(_ bytes: [UInt8]) throws(JSONDecodingError) -> Value? {
        try bytes.withUnsafeBufferPointer { buffer throws(JSONDecodingError) in try decodeData(buffer) }
    }

    /// Whether `input` holds nothing but white space as Go's `unicode.IsSpace` defines it.
    private static func isGoBlank(_ input: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let p = input.baseAddress else { return true }
        var i = 0
        while i < input.count {
            let (rune, size) = decodeGoRune(p, i, input.count)
            switch rune {
            case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
                i += size
            default:
                return false
            }
        }
        return true
    }
}

/// An array or object being parsed: where its elements (and keys) start on the parser's stacks.
private struct OpenContainer {
    var isObject: Bool
    var valueStart: Int
    var keyStart: Int
}

/// The parser's state over one input. Values of unfinished containers wait on `values` (and their
/// keys on `keys`) until the closing bracket turns them into one `.array` or `.map`.
private struct JSONParser {
    let input: UnsafeBufferPointer<UInt8>
    let p: UnsafePointer<UInt8>
    let end: Int
    var pos = 0
    var values: [Value] = []
    var keys: [String] = []
    var containers: [OpenContainer] = []
    /// Reused buffer for strings with escapes or invalid UTF-8.
    var scratch: [UInt8] = []
    /// Where the first number beyond float64's range is.
    var outOfRange: Range<Int>?

    init(_ input: UnsafeBufferPointer<UInt8>) {
        self.input = input
        p = input.baseAddress!
        end = input.count
    }

    func invalid(_ context: String) -> JSONDecodingError {
        .invalidCharacter(p[pos], context, at: pos, in: input)
    }

    var unexpectedEnd: JSONDecodingError { .unexpectedEnd(in: input) }

    @inline(__always)
    mutating func skipWhitespace() {
        while pos < end {
            let c = p[pos]
            guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
            pos += 1
        }
    }

    /// Skips white space and returns the next byte, which must exist.
    @inline(__always)
    mutating func nextByte() throws(JSONDecodingError) -> UInt8 {
        skipWhitespace()
        guard pos < end else { throw unexpectedEnd }
        return p[pos]
    }

    mutating func parseDocument() throws(JSONDecodingError) -> Value {
        let value = try parseValue()
        skipWhitespace()
        if pos < end { throw invalid("after top-level value") }
        // Like the oracle, which converts numbers after decoding, reject a number beyond float64's
        // range only when it is still in the result and the document has no syntax error.
        if let range = outOfRange, containsInfinity(value) { throw .numberOutOfRange(range, in: input) }
        return value
    }

    /// Whether an infinite float64 is somewhere in `value`.
    func containsInfinity(_ value: Value) -> Bool {
        var pending = [value]
        while let next = pending.popLast() {
            switch next {
            case .float64(let number) where number.isInfinite: return true
            case .array(let elements): pending.append(contentsOf: elements)
            case .map(let map): pending.append(contentsOf: map.values)
            default: break
            }
        }
        return false
    }

    /// Parses one value, looping over nested containers instead of recursing into them.
    mutating func parseValue() throws(JSONDecodingError) -> Value {
        nextValue: while true {
            var value: Value
            let c = try nextByte()
            switch c {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if containers.count >= JSONValueDecoder.maxDepth { throw invalid("exceeded max depth") }
                let isObject = c == UInt8(ascii: "{")
                pos += 1
                let next = try nextByte()
                if next == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    pos += 1
                    value = isObject ? .map(ValueMap()) : .array([])
                } else {
                    containers.append(OpenContainer(isObject: isObject, valueStart: values.count, keyStart: keys.count))
                    if isObject { try parseKey() }
                    continue nextValue
                }
            case UInt8(ascii: "\""): value = .string(try parseString())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let start = pos
                value = try parseJSONNumber(input, &pos)
                if case .float64(let number) = value, number.isInfinite, outOfRange == nil { outOfRange = start..<pos }
            case UInt8(ascii: "t"): value = try parseLiteral("true", .bool(true))
            case UInt8(ascii: "f"): value = try parseLiteral("false", .bool(false))
            case UInt8(ascii: "n"): value = try parseLiteral("null", .null)
            default: throw invalid("looking for beginning of value")
            }
            // The value is complete: add it to the open container, closing containers that end.
            while let container = containers.last {
                values.append(value)
                let next = try nextByte()
                if next == UInt8(ascii: ",") {
                    pos += 1
                    if container.isObject { try parseKey() }
                    continue nextValue
                }
                if container.isObject {
                    guard next == UInt8(ascii: "}") else { throw invalid("after object key:value pair") }
                    value = .map(ValueMap(zip(keys[container.keyStart...], values[container.valueStart...])))
                    keys.removeSubrange(container.keyStart...)
                } else {
                    guard next == UInt8(ascii: "]") else { throw invalid("after array element") }
                    value = .array(Array(values[container.valueStart...]))
                }
                values.removeSubrange(container.valueStart...)
                containers.removeLast()
                pos += 1
            }
            return value
        }
    }

    /// Parses an object key and the colon after it.
    mutating func parseKey() throws(JSONDecodingError) {
        guard try nextByte() == UInt8(ascii: "\"") else { throw invalid("looking for beginning of object key string") }
        keys.append(try parseString())
        guard try nextByte() == UInt8(ascii: ":") else { throw invalid("after object key") }
        pos += 1
    }

    /// Parses the rest of a literal whose first byte is at `pos`.
    mutating func parseLiteral(_ word: StaticString, _ value: Value) throws(JSONDecodingError) -> Value {
        let letters = word.utf8Start
        for k in 1..<word.utf8CodeUnitCount {
            pos += 1
            guard pos < end else { throw unexpectedEnd }
            if p[pos] != letters[k] {
                throw invalid("in literal \(word) (expecting '\(Character(Unicode.Scalar(letters[k])))')")
            }
        }
        pos += 1
        return value
    }

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

    func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(c - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(c - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }
}
