// JSON number parsing under the data model: `.int64` when Go's `strconv.ParseInt(text, 10, 64)`
// accepts the text, else the correctly rounded `.float64`.

/// The powers of ten that a `Double` holds exactly.
private let exactPowersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]

@inline(__always)
private func isDigit(_ c: UInt8) -> Bool { c &- UInt8(ascii: "0") < 10 }

/// Parses the JSON number that starts at `pos` (a `-` or a digit) and leaves `pos` after it.
/// A number beyond float64's range gives an infinity, for the caller to reject.
func parseJSONNumber(_ input: UnsafeBufferPointer<UInt8>, _ pos: inout Int) throws(JSONDecodingError) -> Value {
    let p = input.baseAddress!
    let end = input.count
    let start = pos
    // The value is mantissa × 10^exponent unless more than 19 significant digits were seen.
    var mantissa: UInt64 = 0
    var significantDigits = 0
    var truncated = false
    var exponent = 0
    var isInteger = true

    @inline(__always) func addDigit(_ c: UInt8, inFraction: Bool) {
        guard significantDigits < 19 else {
            truncated = true
            return
        }
        if mantissa != 0 || c != UInt8(ascii: "0") {
            mantissa = mantissa * 10 + UInt64(c - UInt8(ascii: "0"))
            significantDigits += 1
        }
        if inFraction { exponent -= 1 }
    }
    func invalid(_ context: String) -> JSONDecodingError {
        .invalidCharacter(p[pos], context, at: pos, in: input)
    }

    let negative = p[pos] == UInt8(ascii: "-")
    if negative { pos += 1 }
    guard pos < end else { throw .unexpectedEnd(in: input) }
    if p[pos] == UInt8(ascii: "0") {
        pos += 1
    } else if isDigit(p[pos]) {
        while pos < end && isDigit(p[pos]) {
            addDigit(p[pos], inFraction: false)
            pos += 1
        }
    } else {
        throw invalid("in numeric literal")
    }
    if pos < end && p[pos] == UInt8(ascii: ".") {
        isInteger = false
        pos += 1
        guard pos < end else { throw .unexpectedEnd(in: input) }
        guard isDigit(p[pos]) else { throw invalid("after decimal point in numeric literal") }
        while pos < end && isDigit(p[pos]) {
            addDigit(p[pos], inFraction: true)
            pos += 1
        }
    }
    if pos < end && (p[pos] == UInt8(ascii: "e") || p[pos] == UInt8(ascii: "E")) {
        isInteger = false
        pos += 1
        guard pos < end else { throw .unexpectedEnd(in: input) }
        let negativeExponent = p[pos] == UInt8(ascii: "-")
        if negativeExponent || p[pos] == UInt8(ascii: "+") {
            pos += 1
            guard pos < end else { throw .unexpectedEnd(in: input) }
        }
        guard isDigit(p[pos]) else { throw invalid("in exponent of numeric literal") }
        var written = 0
        while pos < end && isDigit(p[pos]) {
            if written < 1_000_000 { written = written * 10 + Int(p[pos] - UInt8(ascii: "0")) }
            pos += 1
        }
        exponent += negativeExponent ? -written : written
    }

    if isInteger && !truncated {
        if negative && mantissa <= UInt64(1) << 63 { return .int64(Int64(truncatingIfNeeded: 0 &- mantissa)) }
        if !negative && mantissa <= UInt64(Int64.max) { return .int64(Int64(mantissa)) }
    }
    // Exact operands give a correctly rounded result (Clinger's fast path).
    if !truncated && mantissa <= UInt64(1) << 53 && (-22...22).contains(exponent) {
        var value = Double(mantissa)
        value = exponent < 0 ? value / exactPowersOfTen[-exponent] : value * exactPowersOfTen[exponent]
        return .float64(negative ? -value : value)
    }
    // Double's parser is correctly rounded; out of range it gives ±infinity, which the caller
    // reports unless the number is dropped (a duplicated key's earlier value, as in Go).
    return .float64(Double(String(decoding: UnsafeBufferPointer(start: p + start, count: pos - start), as: UTF8.self))!)
}

extension JSONDecodingError {
    /// The oracle's error for the number `input[range]`, which is beyond float64's range.
    static func numberOutOfRange(_ range: Range<Int>, in input: UnsafeBufferPointer<UInt8>) -> JSONDecodingError {
        let text = String(decoding: UnsafeBufferPointer(rebasing: input[range]), as: UTF8.self)
        return JSONDecodingError(
            "number \(text) does not fit a float64: strconv.ParseFloat: parsing \"\(text)\": value out of range",
            at: range.lowerBound, in: input)
    }
}
