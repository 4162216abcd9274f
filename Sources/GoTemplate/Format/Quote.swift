// Go's strconv quoting (quote.go): Quote, QuoteToASCII, QuoteRune, QuoteRuneToASCII,
// CanBackquote and IsPrint.

/// Go's `strconv.Quote`: a double-quoted Go string literal, escaping non-printable runes.
func goQuote(_ s: String) -> String {
    var out: [UInt8] = []
    appendGoQuote(s, asciiOnly: false, into: &out)
    return String(decoding: out, as: UTF8.self)
}

/// Go's `strconv.QuoteToASCII`: like `goQuote`, but escapes every non-ASCII rune too.
func goQuoteToASCII(_ s: String) -> String {
    var out: [UInt8] = []
    appendGoQuote(s, asciiOnly: true, into: &out)
    return String(decoding: out, as: UTF8.self)
}

/// Go's `strconv.QuoteRune`: a single-quoted Go character literal. Invalid code points
/// (surrogates, values above U+10FFFF) are quoted as U+FFFD.
func goQuoteRune(_ rune: UInt32) -> String {
    var out: [UInt8] = []
    appendGoQuoteRune(rune, asciiOnly: false, into: &out)
    return String(decoding: out, as: UTF8.self)
}

/// Go's `strconv.QuoteRuneToASCII`: like `goQuoteRune`, but escapes a non-ASCII rune too.
func goQuoteRuneToASCII(_ rune: UInt32) -> String {
    var out: [UInt8] = []
    appendGoQuoteRune(rune, asciiOnly: true, into: &out)
    return String(decoding: out, as: UTF8.self)
}

/// Go's `strconv.AppendQuote` (or `AppendQuoteToASCII` when `asciiOnly`).
func appendGoQuote(_ s: String, asciiOnly: Bool, into out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    for scalar in s.unicodeScalars {
        appendEscapedRune(scalar.value, quote: UInt8(ascii: "\""), asciiOnly: asciiOnly, into: &out)
    }
    out.append(UInt8(ascii: "\""))
}

/// Go's `strconv.AppendQuoteRune` (or `AppendQuoteRuneToASCII` when `asciiOnly`).
func appendGoQuoteRune(_ rune: UInt32, asciiOnly: Bool, into out: inout [UInt8]) {
    let rune = Unicode.Scalar(rune)?.value ?? 0xFFFD
    out.append(UInt8(ascii: "'"))
    appendEscapedRune(rune, quote: UInt8(ascii: "'"), asciiOnly: asciiOnly, into: &out)
    out.append(UInt8(ascii: "'"))
}

/// Go's `strconv.CanBackquote`: whether `s` can be a raw string literal without change.
func goCanBackquote(_ s: String) -> Bool {
    for scalar in s.unicodeScalars {
        let r = scalar.value
        if r >= 0x80 {
            if r == 0xFEFF { return false }  // BOMs are invisible and should not be quoted.
            continue
        }
        if (r < 0x20 && r != 0x09) || r == 0x60 || r == 0x7F { return false }
    }
    return true
}

/// Go's `strconv.IsPrint` (`unicode.IsPrint`): letters, marks, numbers, punctuation, symbols
/// and the ASCII space, as assigned in Unicode 13.0 (the tables of Go 1.19).
func goIsPrint(_ rune: UInt32) -> Bool {
    if rune <= 0xFF {
        if 0x20 <= rune && rune <= 0x7E { return true }
        if 0xA1 <= rune && rune <= 0xFF { return rune != 0xAD }  // except the soft hyphen
        return false
    }
    guard let scalar = Unicode.Scalar(rune), let age = scalar.properties.age,
        age.major < 13 || (age.major == 13 && age.minor == 0)
    else { return false }
    switch scalar.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
        .nonspacingMark, .spacingMark, .enclosingMark,
        .decimalNumber, .letterNumber, .otherNumber,
        .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
        .initialPunctuation, .finalPunctuation, .otherPunctuation,
        .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
        return true
    default:
        return false
    }
}

private let hexDigits: StaticString = "0123456789abcdef"

/// Go's `appendEscapedRune` for a valid Unicode scalar value.
private func appendEscapedRune(_ r: UInt32, quote: UInt8, asciiOnly: Bool, into out: inout [UInt8]) {
    if r == UInt32(quote) || r == 0x5C {  // always backslashed
        out.append(UInt8(ascii: "\\"))
        out.append(UInt8(r))
        return
    }
    if asciiOnly {
        if r < 0x80 && goIsPrint(r) {
            out.append(UInt8(r))
            return
        }
    } else if goIsPrint(r) {
        appendUTF8(r, into: &out)
        return
    }
    switch r {
    case 0x07: out.append(contentsOf: #"\a"#.utf8)
    case 0x08: out.append(contentsOf: #"\b"#.utf8)
    case 0x0C: out.append(contentsOf: #"\f"#.utf8)
    case 0x0A: out.append(contentsOf: #"\n"#.utf8)
    case 0x0D: out.append(contentsOf: #"\r"#.utf8)
    case 0x09: out.append(contentsOf: #"\t"#.utf8)
    case 0x0B: out.append(contentsOf: #"\v"#.utf8)
    default:
        let digits: Int
        if r < 0x20 || r == 0x7F {
            out.append(contentsOf: #"\x"#.utf8)
            digits = 2
        } else if r < 0x10000 {
            out.append(contentsOf: #"\u"#.utf8)
            digits = 4
        } else {
            out.append(contentsOf: #"\U"#.utf8)
            digits = 8
        }
        for shift in stride(from: (digits - 1) * 4, through: 0, by: -4) {
            out.append(hexDigits.utf8Start[Int((r >> UInt32(shift)) & 0xF)])
        }
    }
}

/// Appends the UTF-8 encoding of a valid Unicode scalar value.
@inline(__always)
func appendUTF8(_ r: UInt32, into out: inout [UInt8]) {
    switch r {
    case 0..<0x80:
        out.append(UInt8(r))
    case 0x80..<0x800:
        out.append(UInt8(0xC0 | r >> 6))
        out.append(UInt8(0x80 | r & 0x3F))
    case 0x800..<0x10000:
        out.append(UInt8(0xE0 | r >> 12))
        out.append(UInt8(0x80 | (r >> 6) & 0x3F))
        out.append(UInt8(0x80 | r & 0x3F))
    default:
        out.append(UInt8(0xF0 | r >> 18))
        out.append(UInt8(0x80 | (r >> 12) & 0x3F))
        out.append(UInt8(0x80 | (r >> 6) & 0x3F))
        out.append(UInt8(0x80 | r & 0x3F))
    }
}
