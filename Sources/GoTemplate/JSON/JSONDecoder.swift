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

    /// Decodes the one JSON value that `input` holds (surrounding whitespace allowed), with at
    /// most `maxDepth` arrays and objects open at once.
    static func decode(_ input: UnsafeBufferPointer<UInt8>, maxDepth: Int = maxDepth) throws(JSONDecodingError) -> Value {
        try parse(input, maxDepth: maxDepth, buildsContainers: true)
    }

    private static func parse(_ input: UnsafeBufferPointer<UInt8>, maxDepth: Int, buildsContainers: Bool) throws(JSONDecodingError) -> Value {
        guard input.baseAddress != nil, !input.isEmpty else { throw .unexpectedEnd(in: input) }
        var parser = JSONParser(input, maxDepth: maxDepth, buildsContainers: buildsContainers)
        return try parser.parseDocument()
    }

    /// Decodes the one JSON value that `bytes` holds.
    static func decode(_ bytes: [UInt8], maxDepth: Int = maxDepth) throws(JSONDecodingError) -> Value {
        try bytes.withUnsafeBufferPointer { buffer throws(JSONDecodingError) in try decode(buffer, maxDepth: maxDepth) }
    }

    /// Checks that `bytes` hold one JSON document, as Go's `json.Valid` does (numbers of any
    /// size, nesting to Go's limit), without building its values.
    static func validate(_ bytes: [UInt8]) throws(JSONDecodingError) {
        _ = try bytes.withUnsafeBufferPointer { input throws(JSONDecodingError) in
            try parse(input, maxDepth: maxDepth, buildsContainers: false)
        }
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
