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

    /// Parses an RFC 3339 time (`2024-05-01T10:00:00Z`; fractions, offsets, and `t`, `z` or a
    /// space as RFC 3339 allows). A date or time that does not exist (`2024-02-30`, `25:00`) is
    /// nil, not rolled over into another.
    static func parseTime(_ text: String) -> Date? {
        guard let match = text.wholeMatch(of: rfc3339),
            let year = Int(match.1), let month = Int(match.2), let day = Int(match.3),
            let hour = Int(match.4), let minute = Int(match.5), let second = Int(match.6),
            (1...12).contains(month), hour < 24, minute < 60, second < 60
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let firstOfMonth = calendar.date(from: DateComponents(year: year, month: month, day: 1)),
            let days = calendar.range(of: .day, in: .month, for: firstOfMonth), days.contains(day),
            let whole = calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))
        else { return nil }
        let fraction = match.7.flatMap { Double("0" + $0) } ?? 0
        var offset = 0
        if let sign = match.8, let offsetHours = match.9.flatMap({ Int($0) }), let offsetMinutes = match.10.flatMap({ Int($0) }) {
            guard offsetHours < 24, offsetMinutes < 60 else { return nil }
            offset = (sign == "-" ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60)
        }
        return whole.addingTimeInterval(fraction - Double(offset))
    }

    /// `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`, captured in parts.
    private nonisolated(unsafe) static let rfc3339 =
        /([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt ]([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?(?:[Zz]|([+-])([0-9]{2}):([0-9]{2}))/

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
