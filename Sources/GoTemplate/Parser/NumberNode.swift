/// A numeric constant with every interpretation Go's parser gives it (`parse.NumberNode`).
final class NumberNode: Sendable {
    let position: Int
    /// The node's entry in the template's site table.
    let site: SiteID
    /// The source text, as written.
    let text: String
    let isInt: Bool
    let isUint: Bool
    let isFloat: Bool
    let isComplex: Bool
    let int64: Int64
    let uint64: UInt64
    let float64: Double
    /// The real and imaginary parts when `isComplex`.
    let complex: (real: Double, imaginary: Double)

    /// Parses `text` as Go does for a number, character or complex token; the error is Go's message.
    init(position: Int, site: SiteID, text: String, kind: TokenKind) throws(TemplateSyntaxError) {
        self.position = position
        self.site = site
        self.text = text
        var isInt = false, isUint = false, isFloat = false, isComplex = false
        var int64: Int64 = 0, uint64: UInt64 = 0, float64: Double = 0
        var complex: (Double, Double) = (0, 0)

        func simplifyComplex() {
            isFloat = complex.1 == 0
            if isFloat {
                float64 = complex.0
                if let i = exactInt64(float64) { isInt = true; int64 = i }
                if let u = exactUInt64(float64) { isUint = true; uint64 = u }
            }
        }

        switch kind {
        case .charConstant:
            let bytes = Array(text.utf8)
            guard let (rune, rest) = unquoteChar(bytes[1...], quote: bytes[0]) else {
                throw TemplateSyntaxError("invalid syntax")
            }
            guard rest.elementsEqual([UInt8(ascii: "'")]) else {
                throw TemplateSyntaxError("malformed character constant: \(text)")
            }
            int64 = Int64(rune); isInt = true
            uint64 = UInt64(rune); isUint = true
            float64 = Double(rune); isFloat = true
        case .complex:
            guard let parsed = parseGoComplex(text) else {
                throw TemplateSyntaxError("expected integer")
            }
            complex = parsed
            isComplex = true
            simplifyComplex()
        default:
            if text.hasSuffix("i"), let imaginary = parseGoFloat(String(text.dropLast())) {
                isComplex = true
                complex = (0, imaginary)
                simplifyComplex()
                break
            }
            if let u = parseGoUInt(text) {
                isUint = true
                uint64 = u
            }
            if let i = parseGoInt(text) {
                isInt = true
                int64 = i
                if i == 0 {
                    isUint = true
                    uint64 = 0
                }
            }
            if isInt {
                isFloat = true
                float64 = Double(int64)
            } else if isUint {
                isFloat = true
                float64 = Double(uint64)
            } else if let f = parseGoFloat(text) {
                if !text.contains(where: { ".eEpP".contains($0) }) {
                    throw TemplateSyntaxError("integer overflow: \(goQuote(text))")
                }
                isFloat = true
                float64 = f
                if let i = exactInt64(f) { isInt = true; int64 = i }
                if let u = exactUInt64(f) { isUint = true; uint64 = u }
            }
            if !isInt && !isUint && !isFloat {
                throw TemplateSyntaxError("illegal number syntax: \(goQuote(text))")
            }
        }
        self.isInt = isInt
        self.isUint = isUint
        self.isFloat = isFloat
        self.isComplex = isComplex
        self.int64 = int64
        self.uint64 = uint64
        self.float64 = float64
        self.complex = complex
    }
}

/// `f` as an Int64 when the conversion is exact (Go's `float64(int64(f)) == f`).
private func exactInt64(_ f: Double) -> Int64? {
    guard f >= -9.223372036854775808e18, f < 9.223372036854775808e18 else { return nil }
    let i = Int64(f)
    return Double(i) == f ? i : nil
}

/// `f` as a UInt64 when the conversion is exact.
private func exactUInt64(_ f: Double) -> UInt64? {
    guard f >= 0, f < 1.8446744073709551616e19 else { return nil }
    let u = UInt64(f)
    return Double(u) == f ? u : nil
}

/// Go's `fmt.Sscan` of a complex literal such as `1+2i`: real part and imaginary part.
private func parseGoComplex(_ text: String) -> (Double, Double)? {
    let bytes = Array(text.utf8)
    guard bytes.last == UInt8(ascii: "i") else { return nil }
    // Split at the last sign that does not follow an exponent marker.
    var split = bytes.count - 2
    while split > 0 {
        let c = bytes[split]
        if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
            let before = bytes[split - 1]
            if before != UInt8(ascii: "e") && before != UInt8(ascii: "E") && before != UInt8(ascii: "p") && before != UInt8(ascii: "P") { break }
        }
        split -= 1
    }
    guard split > 0,
        let real = parseGoFloat(String(decoding: bytes[..<split], as: UTF8.self)),
        let imaginary = parseGoFloat(String(decoding: bytes[split..<(bytes.count - 1)], as: UTF8.self))
    else { return nil }
    return (real, imaginary)
}
