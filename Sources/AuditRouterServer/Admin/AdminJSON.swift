import Foundation
import GoTemplate

/// The scalar encodings the admin API answers with: times as RFC 3339 in UTC with milliseconds
/// (`2024-05-01T10:00:00.250Z`), durations as milliseconds and as config text (`1h30m`), and
/// absent values as JSON `null`.
enum AdminJSON {
    /// `date` as RFC 3339, UTC, milliseconds; `null` when nil.
    static func time(_ date: Date?) -> Value {
        guard let date else { return .null }
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let whole = Date(timeIntervalSince1970: Double(millis / 1000)).formatted(Date.ISO8601FormatStyle())  // ...:00Z
        let digits = String(format: "%03d", Int(millis % 1000))
        return .string(whole.dropLast() + "." + digits + "Z")
    }

    /// Parses an RFC 3339 time (`2024-05-01T10:00:00Z`, fractions and offsets allowed).
    static func parseTime(_ text: String) -> Date? {
        let bytes = Array(text.utf8)  // RFC 3339: a year of exactly four digits
        guard bytes.count > 4, bytes[..<4].allSatisfy({ (0x30...0x39).contains($0) }), bytes[4] == UInt8(ascii: "-") else { return nil }
        return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// `text`, or `null` when nil.
    static func string(_ text: String?) -> Value {
        text.map(Value.string) ?? .null
    }

    /// `number`, or `null` when nil.
    static func int(_ number: Int?) -> Value {
        number.map { .int64(Int64($0)) } ?? .null
    }

    /// A duration in milliseconds, to the microsecond.
    static func millis(_ duration: Duration) -> Value {
        let (seconds, attoseconds) = duration.components
        return .float64((Double(seconds) * 1e6 + Double(attoseconds) / 1e12).rounded() / 1000)
    }

    /// A duration as the configuration writes it, and reads it back: `500ms`, `10s`, `1h30m`,
    /// `1s500ms`; `0s` for zero.
    static func durationText(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        var millis = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        guard millis > 0 else { return "0s" }
        var text = ""
        for (unit, size) in [("h", Int64(3_600_000)), ("m", 60_000), ("s", 1000), ("ms", 1)] where millis >= size {
            text += "\(millis / size)\(unit)"
            millis %= size
        }
        return text
    }
}
