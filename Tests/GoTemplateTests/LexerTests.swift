// Token streams of Go 1.19's text/template lexer (`parse/lex.go`, run without comment emission as
// `template.Parse` does). Every expected stream was produced by Go's own lexer source compiled
// into a dumper: kind, text, byte position, line.

import Testing
@testable import GoTemplate

struct LexedToken: Equatable, Sendable, CustomStringConvertible {
    let kind: TokenKind
    let value: String
    let position: Int
    let line: Int

    var description: String { "\(kind)(\(value.debugDescription)@\(position):\(line))" }
}

private func t(_ kind: TokenKind, _ value: String, _ position: Int, _ line: Int) -> LexedToken {
    LexedToken(kind: kind, value: value, position: position, line: line)
}

struct LexCase: Sendable, CustomTestStringConvertible {
    let name: String
    let input: String
    let tokens: [LexedToken]

    init(_ name: String, _ input: String, _ tokens: [LexedToken]) {
        self.name = name
        self.input = input
        self.tokens = tokens
    }

    var testDescription: String { name }
}

private func lex(_ input: String) -> [LexedToken] {
    Lexer.tokenize(input).map { LexedToken(kind: $0.kind, value: $0.value, position: $0.position, line: $0.line) }
}

@Suite("Lexer")
struct LexerTests {
    @Test("text outside actions and comments", arguments: textAndCommentCases)
    func textAndComments(_ c: LexCase) {
        #expect(lex(c.input) == c.tokens)
    }

    @Test("trim markers {{- and -}}", arguments: trimMarkerCases)
    func trimMarkers(_ c: LexCase) {
        #expect(lex(c.input) == c.tokens)
    }

    @Test("quoted strings, raw strings and character constants", arguments: quotedCases)
    func quoted(_ c: LexCase) {
        #expect(lex(c.input) == c.tokens)
    }

    @Test("numbers in every Go syntax", arguments: numberCases)
    func numbers(_ c: LexCase) {
        #expect(lex(c.input) == c.tokens)
    }

    @Test("identifiers, keywords, fields, variables and punctuation", arguments: actionCases)
    func actions(_ c: LexCase) {
        #expect(lex(c.input) == c.tokens)
    }

    @Test("line numbers across text, spaces and raw strings", arguments: lineNumberCases)
    func lineNumbers(_ c: LexCase) {
        #expect(lex(c.input) == c.tokens)
    }

    @Test("error tokens end the stream", arguments: errorCases)
    func errors(_ c: LexCase) {
        #expect(lex(c.input) == c.tokens)
    }

    @Test("every stream ends with exactly one eof or error token")
    func streamTermination() {
        for input in ["", "a", "{{.}}", "{{", "{{3k}}", "x{{/* c */}}y"] {
            let kinds = Lexer.tokenize(input).map(\.kind)
            let terminators = kinds.filter { $0 == .eof || $0 == .error }
            #expect(terminators.count == 1, "\(input)")
            #expect(kinds.last == .eof || kinds.last == .error, "\(input)")
        }
    }
}

private let textAndCommentCases: [LexCase] = [
    LexCase("empty", "", [
        t(.eof, "", 0, 1)]),
    LexCase("spaces", " \t\n", [
        t(.text, " \t\n", 0, 1), t(.eof, "", 3, 2)]),
    LexCase("text", "now is the time", [
        t(.text, "now is the time", 0, 1), t(.eof, "", 15, 1)]),
    LexCase("sample", "0123{{hello}}xyz", [
        t(.text, "0123", 0, 1), t(.leftDelim, "{{", 4, 1), t(.identifier, "hello", 6, 1),
        t(.rightDelim, "}}", 11, 1), t(.text, "xyz", 13, 1), t(.eof, "", 16, 1)]),
    LexCase("comment", "hello-{{/* this is a comment */}}-world", [
        t(.text, "hello-", 0, 1), t(.text, "-world", 33, 1), t(.eof, "", 39, 1)]),
    LexCase("trimmedComment", "hello- {{- /* hello */ -}} -world", [
        t(.text, "hello-", 0, 1), t(.text, "-world", 27, 1), t(.eof, "", 33, 1)]),
    LexCase("commentWithNewlines", "a{{/* x\ny */}}\nb{{.}}", [
        t(.text, "a", 0, 1), t(.text, "\nb", 14, 2), t(.leftDelim, "{{", 16, 3), t(.dot, ".", 18, 3),
        t(.rightDelim, "}}", 19, 3), t(.eof, "", 21, 3)]),
    LexCase("trimMarkerInsideComment", "x {{- /* a */}} y", [
        t(.text, "x", 0, 1), t(.text, " y", 15, 1), t(.eof, "", 17, 1)]),
    LexCase("commentTrimRight", "x {{/* a */ -}} \n y", [
        t(.text, "x ", 0, 1), t(.text, "y", 18, 2), t(.eof, "", 19, 2)]),
    LexCase("unmatchedRightDelim", "hello-{.}}-world", [
        t(.text, "hello-{.}}-world", 0, 1), t(.eof, "", 16, 1)]),
]

private let trimMarkerCases: [LexCase] = [
    LexCase("trimBoth", "hello- {{- 3 -}} -world", [
        t(.text, "hello-", 0, 1), t(.leftDelim, "{{", 7, 1), t(.number, "3", 11, 1), t(.rightDelim, "}}", 14, 1),
        t(.text, "-world", 17, 1), t(.eof, "", 23, 1)]),
    LexCase("trimAfterNewline", "{{x -}}\n{{y}}", [
        t(.leftDelim, "{{", 0, 1), t(.identifier, "x", 2, 1), t(.rightDelim, "}}", 5, 1), t(.leftDelim, "{{", 8, 2),
        t(.identifier, "y", 10, 2), t(.rightDelim, "}}", 11, 2), t(.eof, "", 13, 2)]),
    LexCase("trimBeforeNewline", "{{x}}\n{{- y}}", [
        t(.leftDelim, "{{", 0, 1), t(.identifier, "x", 2, 1), t(.rightDelim, "}}", 3, 1), t(.leftDelim, "{{", 6, 2),
        t(.identifier, "y", 10, 2), t(.rightDelim, "}}", 11, 2), t(.eof, "", 13, 2)]),
    LexCase("trimTabsAndCR", "a \t\r\n{{- 1 -}}\r\n\t b", [
        t(.text, "a", 0, 1), t(.leftDelim, "{{", 5, 2), t(.number, "1", 9, 2), t(.rightDelim, "}}", 12, 2),
        t(.text, "b", 18, 3), t(.eof, "", 19, 3)]),
    LexCase("minusWithoutSpaceIsNumber", "a {{-3}} b", [
        t(.text, "a ", 0, 1), t(.leftDelim, "{{", 2, 1), t(.number, "-3", 4, 1), t(.rightDelim, "}}", 6, 1),
        t(.text, " b", 8, 1), t(.eof, "", 10, 1)]),
    LexCase("minusBeforeCloseWithoutSpace", "a {{3 -}}b", [
        t(.text, "a ", 0, 1), t(.leftDelim, "{{", 2, 1), t(.number, "3", 4, 1), t(.rightDelim, "}}", 7, 1),
        t(.text, "b", 9, 1), t(.eof, "", 10, 1)]),
    LexCase("spaceBeforeTrimOnlyAtEnd", "{{.x  -}} y", [
        t(.leftDelim, "{{", 0, 1), t(.field, ".x", 2, 1), t(.space, " ", 4, 1), t(.rightDelim, "}}", 7, 1),
        t(.text, "y", 10, 1), t(.eof, "", 11, 1)]),
    LexCase("trimWithoutSpaceIsNotTrim", "a {{-.x}}", [
        t(.text, "a ", 0, 1), t(.leftDelim, "{{", 2, 1), t(.error, "bad number syntax: \"-.x\"", 4, 1)]),
]

private let quotedCases: [LexCase] = [
    LexCase("quote", "{{\"abc \\n\\t\\\" \"}}", [
        t(.leftDelim, "{{", 0, 1), t(.string, "\"abc \\n\\t\\\" \"", 2, 1), t(.rightDelim, "}}", 15, 1),
        t(.eof, "", 17, 1)]),
    LexCase("rawQuote", "{{`abc\\n\\t\\\" `}}", [
        t(.leftDelim, "{{", 0, 1), t(.rawString, "`abc\\n\\t\\\" `", 2, 1), t(.rightDelim, "}}", 14, 1),
        t(.eof, "", 16, 1)]),
    LexCase("rawQuoteWithNewline", "{{`now is{{\n}}the time`}}", [
        t(.leftDelim, "{{", 0, 1), t(.rawString, "`now is{{\n}}the time`", 2, 1), t(.rightDelim, "}}", 23, 2),
        t(.eof, "", 25, 2)]),
    LexCase("rawStringWithTrimMarkers", "{{`a -}}`}}", [
        t(.leftDelim, "{{", 0, 1), t(.rawString, "`a -}}`", 2, 1), t(.rightDelim, "}}", 9, 1), t(.eof, "", 11, 1)]),
    LexCase("characters", "{{'a' '\\n' '\\'' '\\\\' '\\u00FF' '\\xFF' '本'}}", [
        t(.leftDelim, "{{", 0, 1), t(.charConstant, "'a'", 2, 1), t(.space, " ", 5, 1),
        t(.charConstant, "'\\n'", 6, 1), t(.space, " ", 10, 1), t(.charConstant, "'\\''", 11, 1),
        t(.space, " ", 15, 1), t(.charConstant, "'\\\\'", 16, 1), t(.space, " ", 20, 1),
        t(.charConstant, "'\\u00FF'", 21, 1), t(.space, " ", 29, 1), t(.charConstant, "'\\xFF'", 30, 1),
        t(.space, " ", 36, 1), t(.charConstant, "'本'", 37, 1), t(.rightDelim, "}}", 42, 1), t(.eof, "", 44, 1)]),
    LexCase("emptyCharConstant", "{{''}}", [
        t(.leftDelim, "{{", 0, 1), t(.charConstant, "''", 2, 1), t(.rightDelim, "}}", 4, 1), t(.eof, "", 6, 1)]),
    LexCase("rightDelimInsideString", "{{\"}}\"}}", [
        t(.leftDelim, "{{", 0, 1), t(.string, "\"}}\"", 2, 1), t(.rightDelim, "}}", 6, 1), t(.eof, "", 8, 1)]),
]

private let numberCases: [LexCase] = [
    LexCase("numbers", "{{1 02 0x14 0X14 -7.2i 1e3 1E3 +1.2e-4 4.2i 1+2i 1_2 0x1.e_fp4 0X1.E_FP4}}", [
        t(.leftDelim, "{{", 0, 1), t(.number, "1", 2, 1), t(.space, " ", 3, 1), t(.number, "02", 4, 1),
        t(.space, " ", 6, 1), t(.number, "0x14", 7, 1), t(.space, " ", 11, 1), t(.number, "0X14", 12, 1),
        t(.space, " ", 16, 1), t(.number, "-7.2i", 17, 1), t(.space, " ", 22, 1), t(.number, "1e3", 23, 1),
        t(.space, " ", 26, 1), t(.number, "1E3", 27, 1), t(.space, " ", 30, 1), t(.number, "+1.2e-4", 31, 1),
        t(.space, " ", 38, 1), t(.number, "4.2i", 39, 1), t(.space, " ", 43, 1), t(.complex, "1+2i", 44, 1),
        t(.space, " ", 48, 1), t(.number, "1_2", 49, 1), t(.space, " ", 52, 1), t(.number, "0x1.e_fp4", 53, 1),
        t(.space, " ", 62, 1), t(.number, "0X1.E_FP4", 63, 1), t(.rightDelim, "}}", 72, 1), t(.eof, "", 74, 1)]),
    LexCase("moreNumbers", "{{0b101 0o17 0O17 017 .5 -.5e-3 1_000_000 0x_1F 1.}}", [
        t(.leftDelim, "{{", 0, 1), t(.number, "0b101", 2, 1), t(.space, " ", 7, 1), t(.number, "0o17", 8, 1),
        t(.space, " ", 12, 1), t(.number, "0O17", 13, 1), t(.space, " ", 17, 1), t(.number, "017", 18, 1),
        t(.space, " ", 21, 1), t(.number, ".5", 22, 1), t(.space, " ", 24, 1), t(.number, "-.5e-3", 25, 1),
        t(.space, " ", 31, 1), t(.number, "1_000_000", 32, 1), t(.space, " ", 41, 1), t(.number, "0x_1F", 42, 1),
        t(.space, " ", 47, 1), t(.number, "1.", 48, 1), t(.rightDelim, "}}", 50, 1), t(.eof, "", 52, 1)]),
    LexCase("complexLiteral", "{{1i -2.5+3i 0x1p-2}}", [
        t(.leftDelim, "{{", 0, 1), t(.number, "1i", 2, 1), t(.space, " ", 4, 1), t(.complex, "-2.5+3i", 5, 1),
        t(.space, " ", 12, 1), t(.number, "0x1p-2", 13, 1), t(.rightDelim, "}}", 19, 1), t(.eof, "", 21, 1)]),
]

private let actionCases: [LexCase] = [
    LexCase("punctuation", "{{,@% }}", [
        t(.leftDelim, "{{", 0, 1), t(.char, ",", 2, 1), t(.char, "@", 3, 1), t(.char, "%", 4, 1),
        t(.space, " ", 5, 1), t(.rightDelim, "}}", 6, 1), t(.eof, "", 8, 1)]),
    LexCase("parens", "{{((3))}}", [
        t(.leftDelim, "{{", 0, 1), t(.leftParen, "(", 2, 1), t(.leftParen, "(", 3, 1), t(.number, "3", 4, 1),
        t(.rightParen, ")", 5, 1), t(.rightParen, ")", 6, 1), t(.rightDelim, "}}", 7, 1), t(.eof, "", 9, 1)]),
    LexCase("emptyAction", "{{}}", [
        t(.leftDelim, "{{", 0, 1), t(.rightDelim, "}}", 2, 1), t(.eof, "", 4, 1)]),
    LexCase("block", "{{block \"foo\" .}}", [
        t(.leftDelim, "{{", 0, 1), t(.block, "block", 2, 1), t(.space, " ", 7, 1), t(.string, "\"foo\"", 8, 1),
        t(.space, " ", 13, 1), t(.dot, ".", 14, 1), t(.rightDelim, "}}", 15, 1), t(.eof, "", 17, 1)]),
    LexCase("bools", "{{true false}}", [
        t(.leftDelim, "{{", 0, 1), t(.bool, "true", 2, 1), t(.space, " ", 6, 1), t(.bool, "false", 7, 1),
        t(.rightDelim, "}}", 12, 1), t(.eof, "", 14, 1)]),
    LexCase("dot", "{{.}}", [
        t(.leftDelim, "{{", 0, 1), t(.dot, ".", 2, 1), t(.rightDelim, "}}", 3, 1), t(.eof, "", 5, 1)]),
    LexCase("nil", "{{nil}}", [
        t(.leftDelim, "{{", 0, 1), t(.nil, "nil", 2, 1), t(.rightDelim, "}}", 5, 1), t(.eof, "", 7, 1)]),
    LexCase("dots", "{{.x . .2 .x.y.z}}", [
        t(.leftDelim, "{{", 0, 1), t(.field, ".x", 2, 1), t(.space, " ", 4, 1), t(.dot, ".", 5, 1),
        t(.space, " ", 6, 1), t(.number, ".2", 7, 1), t(.space, " ", 9, 1), t(.field, ".x", 10, 1),
        t(.field, ".y", 12, 1), t(.field, ".z", 14, 1), t(.rightDelim, "}}", 16, 1), t(.eof, "", 18, 1)]),
    LexCase("keywords", "{{range if else end with}}", [
        t(.leftDelim, "{{", 0, 1), t(.range, "range", 2, 1), t(.space, " ", 7, 1), t(.if, "if", 8, 1),
        t(.space, " ", 10, 1), t(.else, "else", 11, 1), t(.space, " ", 15, 1), t(.end, "end", 16, 1),
        t(.space, " ", 19, 1), t(.with, "with", 20, 1), t(.rightDelim, "}}", 24, 1), t(.eof, "", 26, 1)]),
    LexCase("moreKeywords", "{{break continue define template block}}", [
        t(.leftDelim, "{{", 0, 1), t(.break, "break", 2, 1), t(.space, " ", 7, 1), t(.continue, "continue", 8, 1),
        t(.space, " ", 16, 1), t(.define, "define", 17, 1), t(.space, " ", 23, 1), t(.template, "template", 24, 1),
        t(.space, " ", 32, 1), t(.block, "block", 33, 1), t(.rightDelim, "}}", 38, 1), t(.eof, "", 40, 1)]),
    LexCase("variables", "{{$c := printf $ $hello $23 $ $var.Field .Method}}", [
        t(.leftDelim, "{{", 0, 1), t(.variable, "$c", 2, 1), t(.space, " ", 4, 1), t(.declare, ":=", 5, 1),
        t(.space, " ", 7, 1), t(.identifier, "printf", 8, 1), t(.space, " ", 14, 1), t(.variable, "$", 15, 1),
        t(.space, " ", 16, 1), t(.variable, "$hello", 17, 1), t(.space, " ", 23, 1), t(.variable, "$23", 24, 1),
        t(.space, " ", 27, 1), t(.variable, "$", 28, 1), t(.space, " ", 29, 1), t(.variable, "$var", 30, 1),
        t(.field, ".Field", 34, 1), t(.space, " ", 40, 1), t(.field, ".Method", 41, 1), t(.rightDelim, "}}", 48, 1),
        t(.eof, "", 50, 1)]),
    LexCase("variableInvocation", "{{$x 23}}", [
        t(.leftDelim, "{{", 0, 1), t(.variable, "$x", 2, 1), t(.space, " ", 4, 1), t(.number, "23", 5, 1),
        t(.rightDelim, "}}", 7, 1), t(.eof, "", 9, 1)]),
    LexCase("pipeline", "intro {{echo hi 1.2 |noargs|args 1 \"hi\"}} outro", [
        t(.text, "intro ", 0, 1), t(.leftDelim, "{{", 6, 1), t(.identifier, "echo", 8, 1), t(.space, " ", 12, 1),
        t(.identifier, "hi", 13, 1), t(.space, " ", 15, 1), t(.number, "1.2", 16, 1), t(.space, " ", 19, 1),
        t(.pipe, "|", 20, 1), t(.identifier, "noargs", 21, 1), t(.pipe, "|", 27, 1), t(.identifier, "args", 28, 1),
        t(.space, " ", 32, 1), t(.number, "1", 33, 1), t(.space, " ", 34, 1), t(.string, "\"hi\"", 35, 1),
        t(.rightDelim, "}}", 39, 1), t(.text, " outro", 41, 1), t(.eof, "", 47, 1)]),
    LexCase("declaration", "{{$v := 3}}", [
        t(.leftDelim, "{{", 0, 1), t(.variable, "$v", 2, 1), t(.space, " ", 4, 1), t(.declare, ":=", 5, 1),
        t(.space, " ", 7, 1), t(.number, "3", 8, 1), t(.rightDelim, "}}", 9, 1), t(.eof, "", 11, 1)]),
    LexCase("assignment", "{{$v = 3}}", [
        t(.leftDelim, "{{", 0, 1), t(.variable, "$v", 2, 1), t(.space, " ", 4, 1), t(.assign, "=", 5, 1),
        t(.space, " ", 6, 1), t(.number, "3", 7, 1), t(.rightDelim, "}}", 8, 1), t(.eof, "", 10, 1)]),
    LexCase("twoDeclarations", "{{$v , $w := 3}}", [
        t(.leftDelim, "{{", 0, 1), t(.variable, "$v", 2, 1), t(.space, " ", 4, 1), t(.char, ",", 5, 1),
        t(.space, " ", 6, 1), t(.variable, "$w", 7, 1), t(.space, " ", 9, 1), t(.declare, ":=", 10, 1),
        t(.space, " ", 12, 1), t(.number, "3", 13, 1), t(.rightDelim, "}}", 14, 1), t(.eof, "", 16, 1)]),
    LexCase("fieldOfParenthesized", "{{(.X).Y}}", [
        t(.leftDelim, "{{", 0, 1), t(.leftParen, "(", 2, 1), t(.field, ".X", 3, 1), t(.rightParen, ")", 5, 1),
        t(.field, ".Y", 6, 1), t(.rightDelim, "}}", 8, 1), t(.eof, "", 10, 1)]),
    LexCase("unicodeIdentifier", "{{.héllo $ü}}", [
        t(.leftDelim, "{{", 0, 1), t(.field, ".héllo", 2, 1), t(.space, " ", 9, 1), t(.variable, "$ü", 10, 1),
        t(.rightDelim, "}}", 13, 1), t(.eof, "", 15, 1)]),
    LexCase("rightDelimAfterIdentifier", "{{hub .host hub}}", [
        t(.leftDelim, "{{", 0, 1), t(.identifier, "hub", 2, 1), t(.space, " ", 5, 1), t(.field, ".host", 6, 1),
        t(.space, " ", 11, 1), t(.identifier, "hub", 12, 1), t(.rightDelim, "}}", 15, 1), t(.eof, "", 17, 1)]),
    LexCase("fieldOnVariableChain", "{{$x.a.b}}", [
        t(.leftDelim, "{{", 0, 1), t(.variable, "$x", 2, 1), t(.field, ".a", 4, 1), t(.field, ".b", 6, 1),
        t(.rightDelim, "}}", 8, 1), t(.eof, "", 10, 1)]),
    LexCase("fieldAfterParenChain", "{{(index . 0).a}}", [
        t(.leftDelim, "{{", 0, 1), t(.leftParen, "(", 2, 1), t(.identifier, "index", 3, 1), t(.space, " ", 8, 1),
        t(.dot, ".", 9, 1), t(.space, " ", 10, 1), t(.number, "0", 11, 1), t(.rightParen, ")", 12, 1),
        t(.field, ".a", 13, 1), t(.rightDelim, "}}", 15, 1), t(.eof, "", 17, 1)]),
    LexCase("longPipeline", "{{|||||}}", [
        t(.leftDelim, "{{", 0, 1), t(.pipe, "|", 2, 1), t(.pipe, "|", 3, 1), t(.pipe, "|", 4, 1),
        t(.pipe, "|", 5, 1), t(.pipe, "|", 6, 1), t(.rightDelim, "}}", 7, 1), t(.eof, "", 9, 1)]),
]

private let lineNumberCases: [LexCase] = [
    LexCase("lineNumbers", "a\nb{{.x\n.y}}\nc{{`\n`}}d", [
        t(.text, "a\nb", 0, 1), t(.leftDelim, "{{", 3, 2), t(.field, ".x", 5, 2), t(.space, "\n", 7, 2),
        t(.field, ".y", 8, 3), t(.rightDelim, "}}", 10, 3), t(.text, "\nc", 12, 3), t(.leftDelim, "{{", 14, 4),
        t(.rawString, "`\n`", 16, 4), t(.rightDelim, "}}", 19, 5), t(.text, "d", 21, 5), t(.eof, "", 22, 5)]),
]

private let errorCases: [LexCase] = [
    LexCase("badChar", "#{{\u{1}}}", [
        t(.text, "#", 0, 1), t(.leftDelim, "{{", 1, 1), t(.error, "unrecognized character in action: U+0001", 3, 1)]),
    LexCase("unclosedAction", "{{", [
        t(.leftDelim, "{{", 0, 1), t(.error, "unclosed action", 2, 1)]),
    LexCase("eofInAction", "{{range", [
        t(.leftDelim, "{{", 0, 1), t(.range, "range", 2, 1), t(.error, "unclosed action", 7, 1)]),
    LexCase("unclosedActionNewline", "{{.x\n", [
        t(.leftDelim, "{{", 0, 1), t(.field, ".x", 2, 1), t(.space, "\n", 4, 1), t(.error, "unclosed action", 5, 2)]),
    LexCase("unclosedQuote", "{{\"\n\"}}", [
        t(.leftDelim, "{{", 0, 1), t(.error, "unterminated quoted string", 2, 1)]),
    LexCase("quoteWithEscapedNewline", "{{\"a\\\nb\"}}", [
        t(.leftDelim, "{{", 0, 1), t(.error, "unterminated quoted string", 2, 1)]),
    LexCase("unclosedRawQuote", "{{`xx}}", [
        t(.leftDelim, "{{", 0, 1), t(.error, "unterminated raw quoted string", 2, 1)]),
    LexCase("unclosedCharConstant", "{{'\n}}", [
        t(.leftDelim, "{{", 0, 1), t(.error, "unterminated character constant", 2, 1)]),
    LexCase("badNumber", "{{3k}}", [
        t(.leftDelim, "{{", 0, 1), t(.error, "bad number syntax: \"3k\"", 2, 1)]),
    LexCase("badNumberHex", "{{0x1g}}", [
        t(.leftDelim, "{{", 0, 1), t(.error, "bad number syntax: \"0x1g\"", 2, 1)]),
    LexCase("badComplex", "{{1+2}}", [
        t(.leftDelim, "{{", 0, 1), t(.error, "bad number syntax: \"1+2\"", 2, 1)]),
    LexCase("unclosedParen", "{{(3}}", [
        t(.leftDelim, "{{", 0, 1), t(.leftParen, "(", 2, 1), t(.number, "3", 3, 1),
        t(.error, "unclosed left paren", 4, 1)]),
    LexCase("extraRightParen", "{{3)}}", [
        t(.leftDelim, "{{", 0, 1), t(.number, "3", 2, 1), t(.rightParen, ")", 3, 1),
        t(.error, "unexpected right paren U+0029 ')'", 4, 1)]),
    LexCase("badComment", "hello-{{/*/}}-world", [
        t(.text, "hello-", 0, 1), t(.error, "unclosed comment", 8, 1)]),
    LexCase("commentCloseSeparated", "hello-{{/* */ }}-world", [
        t(.text, "hello-", 0, 1), t(.error, "comment ends before closing delimiter", 8, 1)]),
    LexCase("colonWithoutEquals", "{{$x :3}}", [
        t(.leftDelim, "{{", 0, 1), t(.variable, "$x", 2, 1), t(.space, " ", 4, 1), t(.error, "expected :=", 5, 1)]),
    LexCase("badCharAfterField", "{{.x#}}", [
        t(.leftDelim, "{{", 0, 1), t(.error, "bad character U+0023 '#'", 2, 1)]),
    LexCase("unrecognizedUnicode", "{{é}}", [
        t(.leftDelim, "{{", 0, 1), t(.identifier, "é", 2, 1), t(.rightDelim, "}}", 4, 1), t(.eof, "", 6, 1)]),
    LexCase("unrecognizedNonASCII", "{{\u{2028}}}", [
        t(.leftDelim, "{{", 0, 1), t(.error, "unrecognized character in action: U+2028", 2, 1)]),
    LexCase("unrecognizedNBSP", "{{\u{A0}}}", [
        t(.leftDelim, "{{", 0, 1), t(.error, "unrecognized character in action: U+00A0", 2, 1)]),
    LexCase("unrecognizedEuroSign", "{{€}}", [
        t(.leftDelim, "{{", 0, 1), t(.error, "unrecognized character in action: U+20AC '€'", 2, 1)]),
]
