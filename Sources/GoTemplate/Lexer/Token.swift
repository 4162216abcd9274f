/// The kinds of token the lexer produces (Go's `itemType`).
enum TokenKind: UInt8, Sendable {
    case error, bool, char, charConstant, comment, complex, assign, declare, eof, field, identifier
    case leftDelim, leftParen, number, pipe, rawString, rightDelim, rightParen, space, string, text, variable
    // Keywords.
    case block, `break`, `continue`, dot, define, `else`, end, `if`, `nil`, range, template, with

    /// Whether the kind is a keyword (printed `<name>` in error messages).
    var isKeyword: Bool { rawValue >= TokenKind.block.rawValue }

    /// The keyword spelled `word`, if any.
    static func keyword(_ word: ArraySlice<UInt8>) -> TokenKind? {
        switch String(decoding: word, as: UTF8.self) {
        case ".": return .dot
        case "block": return .block
        case "break": return .break
        case "continue": return .continue
        case "define": return .define
        case "else": return .else
        case "end": return .end
        case "if": return .if
        case "range": return .range
        case "nil": return .nil
        case "template": return .template
        case "with": return .with
        default: return nil
        }
    }
}

/// One lexical token: its kind, its text, and where it starts.
struct Token: Sendable, CustomStringConvertible {
    var kind: TokenKind
    /// Byte offset of the token's start in the template text.
    var position: Int
    /// The token's text (for `.error`, the error message).
    var value: String
    /// The line number at the start of the token.
    var line: Int

    /// The token as Go's parse errors print it.
    var description: String {
        switch kind {
        case .eof: return "EOF"
        case .error: return value
        case _ where kind.isKeyword: return "<\(value)>"
        default:
            if value.unicodeScalars.count > 10 {
                let prefix = String(String.UnicodeScalarView(value.unicodeScalars.prefix(10)))
                return goQuote(prefix) + "..."
            }
            return goQuote(value)
        }
    }
}
