/// A JSON document that could not be decoded: malformed, too deeply nested, truncated, or with a
/// number outside float64's range. The message reads as Go's `encoding/json` error would.
public struct JSONDecodingError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Go's message, such as `invalid character 'x' looking for beginning of value`.
    public var message: String
    /// The offset in bytes of the offending byte (the input's length when it ended too early).
    public var offset: Int
    /// The 1-based line of `offset` (lines end with `\n`).
    public var line: Int
    /// The 1-based column of `offset`, counted in bytes.
    public var column: Int
    /// Whether the document is valid as far as it was read but nests deeper than allowed.
    public var exceedsMaxDepth = false

    public var description: String { message }

    /// The message followed by where the error was found, for people reading logs.
    public var locatedDescription: String { "\(message) (line \(line), column \(column), offset \(offset))" }

    /// An error at `offset` of `input`, whose line and column are worked out here.
    init(_ message: String, at offset: Int, in input: UnsafeBufferPointer<UInt8>) {
        self.message = message
        self.offset = offset
        var line = 1
        var lineStart = 0
        for i in 0..<min(offset, input.count) where input[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        self.line = line
        self.column = offset - lineStart + 1
    }

    /// Go's syntax error for the byte `c` met in the given context (`looking for beginning of value`).
    static func invalidCharacter(_ c: UInt8, _ context: String, at offset: Int, in input: UnsafeBufferPointer<UInt8>) -> JSONDecodingError {
        JSONDecodingError("invalid character \(quoteChar(c)) \(context)", at: offset, in: input)
    }

    /// Go's error for input that ends inside a value (`json.Decoder` reports `io.ErrUnexpectedEOF`).
    static func unexpectedEnd(in input: UnsafeBufferPointer<UInt8>) -> JSONDecodingError {
        JSONDecodingError("unexpected EOF", at: input.count, in: input)
    }
}

/// Go's `encoding/json` `quoteChar`: the byte, read as the code point of the same value, quoted
/// between single quotes with `strconv.Quote`'s escapes.
private func quoteChar(_ c: UInt8) -> String {
    switch c {
    case UInt8(ascii: "'"): return #"'\''"#
    case UInt8(ascii: "\""): return #"'"'"#
    case UInt8(ascii: "\\"): return #"'\\'"#
    case 0x07: return #"'\a'"#
    case 0x08: return #"'\b'"#
    case 0x0C: return #"'\f'"#
    case 0x0A: return #"'\n'"#
    case 0x0D: return #"'\r'"#
    case 0x09: return #"'\t'"#
    case 0x0B: return #"'\v'"#
    default: break
    }
    let hex = Array("0123456789abcdef")
    if c < 0x20 || c == 0x7F { return "'\\x\(hex[Int(c >> 4)])\(hex[Int(c & 0xF)])'" }
    // Latin-1 code points that strconv.IsPrint rejects: C1 controls, NBSP and the soft hyphen.
    if (0x80...0xA0).contains(c) || c == 0xAD { return "'\\u00\(hex[Int(c >> 4)])\(hex[Int(c & 0xF)])'" }
    return "'\(Character(Unicode.Scalar(c)))'"
}
