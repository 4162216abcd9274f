/// Splits template text into tokens, following Go's `text/template/parse/lex.go` state by state so
/// that positions, line numbers, trim markers and error messages match Go's.
struct Lexer {
    private let input: [UInt8]
    private var position = 0
    private var start = 0
    private var atEOF = false
    private var lastWidth = 1
    private var parenDepth = 0
    private var line = 1
    private var startLine = 1
    private var tokens: [Token] = []

    private static let leftDelim: [UInt8] = Array("{{".utf8)
    private static let rightDelim: [UInt8] = Array("}}".utf8)
    private static let leftComment: [UInt8] = Array("/*".utf8)
    private static let rightComment: [UInt8] = Array("*/".utf8)
    private static let trimMarkerLength = 2

    private enum State { case text, leftDelim, comment, rightDelim, insideAction, space, identifier, field, variable, char, number, quote, rawQuote }

    /// Lexes the whole text; the last token is `.eof` or `.error`.
    static func tokenize(_ text: String) -> [Token] {
        var lexer = Lexer(input: Array(text.utf8))
        lexer.run()
        return lexer.tokens
    }

    private init(input: [UInt8]) {
        self.input = input
    }

    private mutating func run() {
        var state: State? = .text
        while let current = state {
            switch current {
            case .text: state = lexText()
            case .leftDelim: state = lexLeftDelim()
            case .comment: state = lexComment()
            case .rightDelim: state = lexRightDelim()
            case .insideAction: state = lexInsideAction()
            case .space: state = lexSpace()
            case .identifier: state = lexIdentifier()
            case .field: state = lexFieldOrVariable(.field)
            case .variable: state = lexVariable()
            case .char: state = lexQuoted(.charConstant, closing: UInt8(ascii: "'"), error: "unterminated character constant")
            case .number: state = lexNumber()
            case .quote: state = lexQuoted(.string, closing: UInt8(ascii: "\""), error: "unterminated quoted string")
            case .rawQuote: state = lexRawQuote()
            }
        }
    }

    // MARK: Reading runes

    private static let eof: UInt32 = 0xFFFF_FFFF

    /// Decodes the rune at `index`, returning it and its width (invalid bytes count as U+FFFD, width 1).
    private func rune(at index: Int) -> (UInt32, Int) {
        let b0 = input[index]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        var iterator = input[index...].makeIterator()
        var decoder = UTF8()
        switch decoder.decode(&iterator) {
        case .scalarValue(let scalar):
            return (scalar.value, UTF8.width(scalar))
        default:
            return (0xFFFD, 1)
        }
    }

    private mutating func next() -> UInt32 {
        if position >= input.count {
            atEOF = true
            return Lexer.eof
        }
        let (r, width) = rune(at: position)
        position += width
        lastWidth = width
        if r == 0x0A { line += 1 }
        return r
    }

    private mutating func peek() -> UInt32 {
        let r = next()
        backup()
        return r
    }

    private mutating func backup() {
        guard !atEOF, position > 0 else { return }
        position -= lastWidth
        if input[position] == 0x0A { line -= 1 }
    }

    private mutating func emit(_ kind: TokenKind) {
        let text = String(decoding: input[start..<position], as: UTF8.self)
        tokens.append(Token(kind: kind, position: start, value: text, line: startLine))
        start = position
        startLine = line
    }

    private mutating func ignore() {
        line += countNewlines(start, position)
        start = position
        startLine = line
    }

    private func countNewlines(_ from: Int, _ to: Int) -> Int {
        var count = 0
        var i = from
        while i < to {
            if input[i] == 0x0A { count += 1 }
            i += 1
        }
        return count
    }

    private mutating func accept(_ valid: String) -> Bool {
        let r = next()
        if r != Lexer.eof, valid.unicodeScalars.contains(where: { $0.value == r }) { return true }
        backup()
        return false
    }

    private mutating func acceptRun(_ valid: String) {
        while true {
            let r = next()
            if r == Lexer.eof || !valid.unicodeScalars.contains(where: { $0.value == r }) { break }
        }
        backup()
    }

    private mutating func errorf(_ message: String) -> State? {
        tokens.append(Token(kind: .error, position: start, value: message, line: startLine))
        return nil
    }

    private func hasPrefix(_ prefix: [UInt8], at index: Int) -> Bool {
        guard index >= 0, index + prefix.count <= input.count else { return false }
        for i in 0..<prefix.count where input[index + i] != prefix[i] { return false }
        return true
    }

    private func hasLeftTrimMarker(at index: Int) -> Bool {
        index + 2 <= input.count && input[index] == UInt8(ascii: "-") && isSpace(UInt32(input[index + 1]))
    }

    private func hasRightTrimMarker(at index: Int) -> Bool {
        index + 2 <= input.count && isSpace(UInt32(input[index])) && input[index + 1] == UInt8(ascii: "-")
    }

    // MARK: States

    private mutating func lexText() -> State? {
        if let found = firstIndex(of: Lexer.leftDelim, from: position) {
            let delimLength = Lexer.leftDelim.count
            position = found
            var trimLength = 0
            if hasLeftTrimMarker(at: position + delimLength) {
                var i = position
                while i > start, isSpace(UInt32(input[i - 1])) { i -= 1 }
                trimLength = position - i
            }
            position -= trimLength
            if position > start {
                line += countNewlines(start, position)
                emit(.text)
            }
            position += trimLength
            ignore()
            return .leftDelim
        }
        position = input.count
        if position > start {
            line += countNewlines(start, position)
            emit(.text)
        }
        emit(.eof)
        return nil
    }

    private func firstIndex(of pattern: [UInt8], from: Int) -> Int? {
        guard input.count >= pattern.count else { return nil }
        var i = from
        let last = input.count - pattern.count
        while i <= last {
            if input[i] == pattern[0], hasPrefix(pattern, at: i) { return i }
            i += 1
        }
        return nil
    }

    /// Whether the lexer is at the right delimiter, and whether a trim marker precedes it.
    private func atRightDelim() -> (delim: Bool, trimSpaces: Bool) {
        if hasRightTrimMarker(at: position), hasPrefix(Lexer.rightDelim, at: position + Lexer.trimMarkerLength) {
            return (true, true)
        }
        return (hasPrefix(Lexer.rightDelim, at: position), false)
    }

    private func leftTrimLength(from index: Int) -> Int {
        var i = index
        while i < input.count, isSpace(UInt32(input[i])) { i += 1 }
        return i - index
    }

    private mutating func lexLeftDelim() -> State? {
        position += Lexer.leftDelim.count
        let trimSpace = hasLeftTrimMarker(at: position)
        let afterMarker = trimSpace ? Lexer.trimMarkerLength : 0
        if hasPrefix(Lexer.leftComment, at: position + afterMarker) {
            position += afterMarker
            ignore()
            return .comment
        }
        emit(.leftDelim)
        position += afterMarker
        ignore()
        parenDepth = 0
        return .insideAction
    }

    private mutating func lexComment() -> State? {
        position += Lexer.leftComment.count
        guard let end = firstIndex(of: Lexer.rightComment, from: position) else {
            return errorf("unclosed comment")
        }
        position = end + Lexer.rightComment.count
        let (delim, trimSpace) = atRightDelim()
        if !delim { return errorf("comment ends before closing delimiter") }
        if trimSpace { position += Lexer.trimMarkerLength }
        position += Lexer.rightDelim.count
        if trimSpace { position += leftTrimLength(from: position) }
        ignore()
        return .text
    }

    private mutating func lexRightDelim() -> State? {
        let trimSpace = hasRightTrimMarker(at: position)
        if trimSpace {
            position += Lexer.trimMarkerLength
            ignore()
        }
        position += Lexer.rightDelim.count
        emit(.rightDelim)
        if trimSpace {
            position += leftTrimLength(from: position)
            ignore()
        }
        return .text
    }

    private mutating func lexInsideAction() -> State? {
        if atRightDelim().delim {
            if parenDepth == 0 { return .rightDelim }
            return errorf("unclosed left paren")
        }
        let r = next()
        switch r {
        case Lexer.eof:
            return errorf("unclosed action")
        case _ where isSpace(r):
            backup()
            return .space
        case 0x3D:  // '='
            emit(.assign)
        case 0x3A:  // ':'
            if next() != 0x3D { return errorf("expected :=") }
            emit(.declare)
        case 0x7C:  // '|'
            emit(.pipe)
        case 0x22:  // '"'
            return .quote
        case 0x60:  // '`'
            return .rawQuote
        case 0x24:  // '$'
            return .variable
        case 0x27:  // '\''
            return .char
        case 0x2E where position < input.count && !(input[position] >= 0x30 && input[position] <= 0x39):  // '.'
            return .field
        case 0x2E, 0x2B, 0x2D, 0x30...0x39:  // '.', '+', '-', digits
            backup()
            return .number
        case _ where isAlphaNumeric(r):
            backup()
            return .identifier
        case 0x28:  // '('
            emit(.leftParen)
            parenDepth += 1
        case 0x29:  // ')'
            emit(.rightParen)
            parenDepth -= 1
            if parenDepth < 0 { return errorf("unexpected right paren \(unicodeDescription(r))") }
        case 0x20...0x7E:
            emit(.char)
        default:
            return errorf("unrecognized character in action: \(unicodeDescription(r))")
        }
        return .insideAction
    }

    private mutating func lexSpace() -> State? {
        var spaces = 0
        while isSpace(peek()) {
            _ = next()
            spaces += 1
        }
        if hasRightTrimMarker(at: position - 1), hasPrefix(Lexer.rightDelim, at: position - 1 + Lexer.trimMarkerLength) {
            backup()
            if spaces == 1 { return .rightDelim }
        }
        emit(.space)
        return .insideAction
    }

    private mutating func lexIdentifier() -> State? {
        while true {
            let r = next()
            if isAlphaNumeric(r) { continue }
            backup()
            let word = input[start..<position]
            if !atTerminator() { return errorf("bad character \(unicodeDescription(r))") }
            if let keyword = TokenKind.keyword(word), keyword != .dot {
                emit(keyword)
            } else if word.first == UInt8(ascii: ".") {
                emit(.field)
            } else if word.elementsEqual("true".utf8) || word.elementsEqual("false".utf8) {
                emit(.bool)
            } else {
                emit(.identifier)
            }
            return .insideAction
        }
    }

    private mutating func lexVariable() -> State? {
        if atTerminator() {
            emit(.variable)
            return .insideAction
        }
        return lexFieldOrVariable(.variable)
    }

    private mutating func lexFieldOrVariable(_ kind: TokenKind) -> State? {
        if atTerminator() {
            emit(kind == .variable ? .variable : .dot)
            return .insideAction
        }
        var r: UInt32
        repeat { r = next() } while isAlphaNumeric(r)
        backup()
        if !atTerminator() { return errorf("bad character \(unicodeDescription(r))") }
        emit(kind)
        return .insideAction
    }

    private mutating func atTerminator() -> Bool {
        let r = peek()
        if isSpace(r) { return true }
        switch r {
        case Lexer.eof, 0x2E, 0x2C, 0x7C, 0x3A, 0x29, 0x28: return true
        default: return hasPrefix(Lexer.rightDelim, at: position)
        }
    }

    private mutating func lexQuoted(_ kind: TokenKind, closing: UInt8, error: String) -> State? {
        while true {
            var r = next()
            if r == 0x5C {  // backslash
                r = next()
                if r != Lexer.eof && r != 0x0A { continue }
                return errorf(error)
            }
            if r == Lexer.eof || r == 0x0A { return errorf(error) }
            if r == UInt32(closing) { break }
        }
        emit(kind)
        return .insideAction
    }

    private mutating func lexRawQuote() -> State? {
        while true {
            let r = next()
            if r == Lexer.eof { return errorf("unterminated raw quoted string") }
            if r == 0x60 { break }
        }
        emit(.rawString)
        return .insideAction
    }

    private mutating func lexNumber() -> State? {
        if !scanNumber() { return errorf("bad number syntax: \(goQuote(currentText))") }
        let sign = peek()
        if sign == 0x2B || sign == 0x2D {
            if !scanNumber() || input[position - 1] != UInt8(ascii: "i") {
                return errorf("bad number syntax: \(goQuote(currentText))")
            }
            emit(.complex)
        } else {
            emit(.number)
        }
        return .insideAction
    }

    private var currentText: String { String(decoding: input[start..<position], as: UTF8.self) }

    private mutating func scanNumber() -> Bool {
        _ = accept("+-")
        var digits = "0123456789_"
        if accept("0") {
            if accept("xX") {
                digits = "0123456789abcdefABCDEF_"
            } else if accept("oO") {
                digits = "01234567_"
            } else if accept("bB") {
                digits = "01_"
            }
        }
        acceptRun(digits)
        if accept(".") { acceptRun(digits) }
        if digits.count == 11, accept("eE") {
            _ = accept("+-")
            acceptRun("0123456789_")
        }
        if digits.count == 23, accept("pP") {
            _ = accept("+-")
            acceptRun("0123456789_")
        }
        _ = accept("i")
        if isAlphaNumeric(peek()) {
            _ = next()
            return false
        }
        return true
    }
}

/// Go's space characters inside actions.
@inline(__always)
func isSpace(_ r: UInt32) -> Bool {
    r == 0x20 || r == 0x09 || r == 0x0D || r == 0x0A
}

/// Go's `isAlphaNumeric`: underscore, Unicode letters and decimal digits.
func isAlphaNumeric(_ r: UInt32) -> Bool {
    if r < 0x80 {
        return r == 0x5F || (r >= 0x30 && r <= 0x39) || (r >= 0x41 && r <= 0x5A) || (r >= 0x61 && r <= 0x7A)
    }
    guard let scalar = Unicode.Scalar(r) else { return false }
    switch scalar.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber:
        return true
    default:
        return false
    }
}

/// Go's `%#U` of a rune: `U+0041 'A'`.
func unicodeDescription(_ r: UInt32) -> String {
    var hex = String(r, radix: 16, uppercase: true)
    while hex.count < 4 { hex = "0" + hex }
    if let scalar = Unicode.Scalar(r), goIsPrint(r) {
        return "U+\(hex) '\(Character(scalar))'"
    }
    return "U+\(hex)"
}
