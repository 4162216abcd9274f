// Layouts of Go's strconv/ftoa.go: formatDigits, fmtE, fmtF, fmtB and fmtX.

private let lowerHexDigits: StaticString = "0123456789abcdef"
private let upperHexDigits: StaticString = "0123456789ABCDEF"

/// Lays out `digits` in format `fmt` (`e E f g G`), as Go's `formatDigits`.
func formatDigits(_ digits: DecimalDigits, shortest: Bool, neg: Bool, prec: Int, fmt: UInt8, into dst: inout [UInt8]) {
    switch fmt {
    case UInt8(ascii: "e"), UInt8(ascii: "E"):
        appendExponentForm(digits, neg: neg, prec: prec, fmt: fmt, into: &dst)
    case UInt8(ascii: "f"):
        appendFixedForm(digits, neg: neg, prec: prec, into: &dst)
    default:
        // %e is used if the exponent from the conversion is less than -4 or greater than or
        // equal to the precision; the shortest form decides with precision 6.
        var eprec = prec
        if eprec > digits.nd && digits.nd >= digits.dp { eprec = digits.nd }
        if shortest { eprec = 6 }
        let exp = digits.dp - 1
        if exp < -4 || exp >= eprec {
            let prec = min(prec, digits.nd)
            appendExponentForm(digits, neg: neg, prec: prec - 1, fmt: fmt &+ UInt8(ascii: "e") &- UInt8(ascii: "g"), into: &dst)
        } else {
            let prec = prec > digits.dp ? digits.nd : prec
            appendFixedForm(digits, neg: neg, prec: max(prec - digits.dp, 0), into: &dst)
        }
    }
}

/// `-d.dddde±dd` (Go's `fmtE`).
private func appendExponentForm(_ digits: DecimalDigits, neg: Bool, prec: Int, fmt: UInt8, into dst: inout [UInt8]) {
    if neg { dst.append(UInt8(ascii: "-")) }
    dst.append(digits.nd != 0 ? digits[0] : UInt8(ascii: "0"))
    if prec > 0 {
        dst.append(UInt8(ascii: "."))
        let available = min(digits.nd, prec + 1)
        if available > 1 {
            dst.append(contentsOf: UnsafeBufferPointer(start: digits.d + 1, count: available - 1))
        }
        appendZeros(prec + 1 - max(available, 1), into: &dst)
    }
    dst.append(fmt)
    var exp = digits.nd == 0 ? 0 : digits.dp - 1  // zero has exponent 0
    if exp < 0 {
        dst.append(UInt8(ascii: "-"))
        exp = -exp
    } else {
        dst.append(UInt8(ascii: "+"))
    }
    if exp >= 100 { dst.append(UInt8(exp / 100) + UInt8(ascii: "0")) }
    dst.append(UInt8(exp / 10 % 10) + UInt8(ascii: "0"))
    dst.append(UInt8(exp % 10) + UInt8(ascii: "0"))
}

/// `-ddddd.dddd` (Go's `fmtF`).
private func appendFixedForm(_ digits: DecimalDigits, neg: Bool, prec: Int, into dst: inout [UInt8]) {
    if neg { dst.append(UInt8(ascii: "-")) }
    if digits.dp > 0 {
        let available = min(digits.nd, digits.dp)
        dst.append(contentsOf: UnsafeBufferPointer(start: digits.d, count: available))
        appendZeros(digits.dp - available, into: &dst)
    } else {
        dst.append(UInt8(ascii: "0"))
    }
    if prec > 0 {
        dst.append(UInt8(ascii: "."))
        for i in 0..<prec {
            let j = digits.dp + i
            dst.append(j >= 0 && j < digits.nd ? digits[j] : UInt8(ascii: "0"))
        }
    }
}

private func appendZeros(_ count: Int, into dst: inout [UInt8]) {
    if count > 0 { dst.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: count)) }
}

/// `-ddddp±ddd`, a decimal mantissa and binary exponent (Go's `fmtB`).
func appendBinaryFloat(neg: Bool, mant: UInt64, exp: Int, into dst: inout [UInt8]) {
    if neg { dst.append(UInt8(ascii: "-")) }
    dst.append(contentsOf: String(mant).utf8)
    dst.append(UInt8(ascii: "p"))
    let exp = exp - 52
    if exp >= 0 { dst.append(UInt8(ascii: "+")) }
    dst.append(contentsOf: String(exp).utf8)
}

/// `-0x1.yyyyp±dd`, a hexadecimal fraction and binary exponent (Go's `fmtX`).
func appendHexFloat(neg: Bool, mant: UInt64, exp: Int, fmt: UInt8, precision: Int, into dst: inout [UInt8]) {
    var mant = mant
    var exp = mant == 0 ? 0 : exp
    // Shift digits so the leading 1 (if any) is at bit 1<<60.
    mant <<= 60 - 52
    while mant != 0 && mant & (1 << 60) == 0 {
        mant <<= 1
        exp -= 1
    }
    // Round if requested.
    if precision >= 0 && precision < 15 {
        let shift = UInt64(precision * 4)
        let extra = (mant &<< shift) & (1 << 60 - 1)
        mant >>= 60 - shift
        if extra | (mant & 1) > 1 << 59 { mant += 1 }
        mant <<= 60 - shift
        if mant & (1 << 61) != 0 {  // wrapped around
            mant >>= 1
            exp += 1
        }
    }
    let hex = fmt == UInt8(ascii: "X") ? upperHexDigits : lowerHexDigits
    if neg { dst.append(UInt8(ascii: "-")) }
    dst.append(UInt8(ascii: "0"))
    dst.append(fmt)
    dst.append(UInt8(ascii: "0") + UInt8((mant >> 60) & 1))
    mant = mant &<< 4  // remove the leading 0 or 1
    if precision < 0 && mant != 0 {
        dst.append(UInt8(ascii: "."))
        while mant != 0 {
            dst.append(hex.utf8Start[Int((mant >> 60) & 15)])
            mant = mant &<< 4
        }
    } else if precision > 0 {
        dst.append(UInt8(ascii: "."))
        for _ in 0..<precision {
            dst.append(hex.utf8Start[Int((mant >> 60) & 15)])
            mant = mant &<< 4
        }
    }
    dst.append(fmt == UInt8(ascii: "X") ? UInt8(ascii: "P") : UInt8(ascii: "p"))
    if exp < 0 {
        dst.append(UInt8(ascii: "-"))
        exp = -exp
    } else {
        dst.append(UInt8(ascii: "+"))
    }
    if exp >= 1000 { dst.append(UInt8(exp / 1000) + UInt8(ascii: "0")) }
    if exp >= 100 { dst.append(UInt8(exp / 100 % 10) + UInt8(ascii: "0")) }
    dst.append(UInt8(exp / 10 % 10) + UInt8(ascii: "0"))
    dst.append(UInt8(exp % 10) + UInt8(ascii: "0"))
}
