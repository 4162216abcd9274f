/// "00" to "99": the decimal digits of each number below 100.
private let decimalDigitPairs: StaticString = """
00010203040506070809101112131415161718192021222324252627282930313233343536373839\
40414243444546474849505152535455565758596061626364656667686970717273747576777879\
8081828384858687888990919293949596979899
"""

extension GoJSON {
    /// Writes `value` when it is a scalar or an empty array or map, and says whether it did
    /// (it writes nothing for other arrays and maps, and for records).
    @inline(__always)
    static func writeScalar(_ value: Value, escapeHTML: Bool, into out: inout ByteWriter) throws(JSONEncodingError) -> Bool {
        switch value {
        case .missing, .null: out.append("null")
        case .bool(let b): out.append(b ? "true" : "false")
        case .int(let i): appendDecimal(Int64(i), into: &out)
        case .int64(let i): appendDecimal(i, into: &out)
        case .uint8(let i): appendDecimal(Int64(i), into: &out)
        case .float64(let x): try appendJSONFloat(x, into: &out)
        case .string(let s): appendJSONString(s, escapeHTML: escapeHTML, to: &out)
        case .array(let elements):
            guard elements.isEmpty else { return false }
            out.append("[]")
        case .map(let map):
            guard map.isEmpty else { return false }
            out.append("{}")
        case .record:
            return false
        }
        return true
    }

    /// Appends the decimal form of `value`, two digits per division, in place.
    @inline(__always)
    static func appendDecimal(_ value: Int64, into out: inout ByteWriter) {
        appendDecimal(magnitude: value.magnitude, negative: value < 0, into: &out)
    }

    /// Appends the decimal form of `magnitude`, after a minus sign when `negative`.
    @inline(__always)
    static func appendDecimal(magnitude: UInt64, negative: Bool, into out: inout ByteWriter) {
        let pairs = decimalDigitPairs.utf8Start
        var magnitude = magnitude
        var digitCount = 1
        var power: UInt64 = 10
        while digitCount < 20 && magnitude >= power {
            digitCount += 1
            power &*= 10
        }
        let length = digitCount + (negative ? 1 : 0)
        out.write(maximum: 21) { q in
            // Digits are stored straight into the output: a scratch buffer read back as a whole
            // right after its bytes were stored would stall the CPU.
            if negative { q[0] = UInt8(ascii: "-") }
            var end = length
            while magnitude >= 100 {
                let pair = Int(magnitude % 100) * 2
                magnitude /= 100
                end -= 2
                q[end] = pairs[pair]
                q[end + 1] = pairs[pair + 1]
            }
            if magnitude >= 10 {
                q[end - 2] = pairs[Int(magnitude) * 2]
                q[end - 1] = pairs[Int(magnitude) * 2 + 1]
            } else {
                q[end - 1] = UInt8(ascii: "0") + UInt8(magnitude)
            }
            return length
        }
    }

    /// Appends `x` as `encoding/json`'s `floatEncoder` does: shortest digits, in `%f` layout
    /// unless the magnitude is below 1e-6 or at least 1e21, then in `%e` layout with a
    /// two-digit negative exponent cut to one digit (`1e-07` → `1e-7`).
    static func appendJSONFloat(_ x: Double, into out: inout ByteWriter) throws(JSONEncodingError) {
        guard x.isFinite else {
            throw JSONEncodingError(description: "json: unsupported value: " + formatFloat(x, UInt8(ascii: "g"), -1))
        }
        let magnitude = x.magnitude
        // An integer below 2^53 is its own shortest round-trip form: every other number with as
        // few significant digits is an integer at least 1 away, outside its rounding interval.
        if magnitude < 0x1p53 && magnitude.rounded(.towardZero) == magnitude {
            appendDecimal(magnitude: UInt64(magnitude), negative: x.sign == .minus, into: &out)
            return
        }
        var text: [UInt8] = []
        if magnitude < 1e-6 || magnitude >= 1e21 {
            appendFloat(x, UInt8(ascii: "e"), -1, into: &text)
            let n = text.count
            if text[n - 4] == UInt8(ascii: "e") && text[n - 3] == UInt8(ascii: "-") && text[n - 2] == UInt8(ascii: "0") {
                text[n - 2] = text[n - 1]
                text.removeLast()
            }
        } else {
            appendFloat(x, UInt8(ascii: "f"), -1, into: &text)
        }
        out.append(text)
    }
}
