/// Finds bytes that are not UTF-8. JSON exchanged between systems must be UTF-8 (RFC 8259 §8.1);
/// Go's decoder (and so the JSON parser here) would turn such bytes into U+FFFD, silently
/// changing what an audit record says, so bodies are checked before they are parsed.
public enum UTF8Validation {
    /// The offset of the first byte that does not belong to a well-formed UTF-8 sequence
    /// (overlong forms, surrogates and code points past U+10FFFF included); nil when all do.
    public static func firstInvalidByte(in bytes: [UInt8]) -> Int? {
        guard bytes.contains(where: { $0 >= 0x80 }) else { return nil }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// Where `bytes` stop being UTF-8, for an error message: `byte 0xC3 at line 3, column 16`;
    /// nil when they are UTF-8 throughout. `line` and `column` as `position(of:in:)` gives them.
    public static func problem(in bytes: [UInt8]) -> (description: String, line: Int, column: Int)? {
        guard let offset = firstInvalidByte(in: bytes) else { return nil }
        let (line, column) = position(of: offset, in: bytes)
        return ("byte 0x\(String(bytes[offset], radix: 16, uppercase: true)) at line \(line), column \(column)", line, column)
    }

    /// The 1-based line and column (in bytes) of `offset` in `bytes`.
    public static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        let before = bytes[..<offset]
        let line = before.count(where: { $0 == UInt8(ascii: "\n") }) + 1
        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        return (line, offset - lineStart + 1)
    }
}
