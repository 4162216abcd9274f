/// The common case of Go's `%.Nf`: appends `mant × 2^exp2` in fixed notation with `precision`
/// decimals when the value scaled by 10^precision fits in 63 bits and `exp2 < 0`, rounding the
/// exact value half to even with 128-bit arithmetic. Returns false (appending nothing) when the
/// case does not apply.
func appendScaledFixed(neg: Bool, mant: UInt64, exp2: Int, precision: Int, into dst: inout [UInt8]) -> Bool {
    guard precision <= 19, exp2 < 0 else { return false }
    var scale: UInt64 = 1
    for _ in 0..<precision { scale *= 10 }
    // mant × 10^precision < 2^117, to be divided by 2^shift.
    let (hi, lo) = mant.multipliedFullWidth(by: scale)
    let shift = -exp2
    var quotient: UInt64 = 0
    var roundUp = false
    if shift < 118 {  // otherwise the quotient is 0 and the remainder below one half
        let remainder: (UInt64, UInt64)
        let half: (UInt64, UInt64)
        if shift >= 64 {
            let s = shift - 64
            quotient = hi >> s
            remainder = (hi & ((1 << s) - 1), lo)
            half = s == 0 ? (0, 1 << 63) : (1 << (s - 1), 0)
        } else {
            guard hi >> shift == 0 else { return false }  // the quotient needs more than 64 bits
            quotient = hi << (64 - shift) | lo >> shift
            remainder = (0, lo & ((1 << shift) - 1))
            half = (0, 1 << (shift - 1))
        }
        roundUp = remainder > half || (remainder == half && quotient & 1 == 1)
    }
    guard quotient < 1 << 63 else { return false }
    if roundUp { quotient += 1 }

    if neg { dst.append(UInt8(ascii: "-")) }
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { digits in
        var i = 24
        repeat {
            i -= 1
            digits[i] = UInt8(ascii: "0") + UInt8(quotient % 10)
            quotient /= 10
        } while quotient != 0
        // At least one integer digit: "0.05" for 5 with precision 2.
        while 24 - i < precision + 1 {
            i -= 1
            digits[i] = UInt8(ascii: "0")
        }
        let pointAt = 24 - precision
        dst.append(contentsOf: UnsafeBufferPointer(rebasing: digits[i..<pointAt]))
        if precision > 0 {
            dst.append(UInt8(ascii: "."))
            dst.append(contentsOf: UnsafeBufferPointer(rebasing: digits[pointAt...]))
        }
    }
    return true
}
