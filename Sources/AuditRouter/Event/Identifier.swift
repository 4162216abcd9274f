#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Time-ordered unique identifiers (ULID layout: 48-bit milliseconds, 80 random bits, Crockford
/// base32), with a prefix naming what they identify: `evt_01J…` for events, `dlv_01J…` for
/// deliveries. Sorting ids sorts by creation time.
public enum Identifier {
    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    /// A new identifier with the given prefix.
    public static func make(_ prefix: String, milliseconds: UInt64 = currentMilliseconds()) -> String {
        var generator = SystemRandomNumberGenerator()
        let high = UInt64.random(in: 0...UInt64.max, using: &generator) & 0xFFFF  // 16 random bits
        let low = UInt64.random(in: 0...UInt64.max, using: &generator)  // 64 random bits
        // 128 bits: time (48) | random (80), written as 26 base32 digits.
        let upper = (milliseconds << 16) | high
        var digits = [UInt8](repeating: 0, count: 26)
        var lowBits = low
        var upperBits = upper
        for i in stride(from: 25, through: 0, by: -1) {
            let digit = Int(lowBits & 31)
            digits[i] = alphabet[digit]
            lowBits = (lowBits >> 5) | ((upperBits & 31) << 59)
            upperBits >>= 5
        }
        return prefix + "_" + String(decoding: digits, as: UTF8.self)
    }

    /// Milliseconds since the Unix epoch.
    public static func currentMilliseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return UInt64(time.tv_sec) * 1000 + UInt64(time.tv_nsec) / 1_000_000
    }
}
