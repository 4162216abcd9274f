import Foundation

/// The `Retry-After` response header (RFC 9110 §10.2.3): delay-seconds, or an HTTP-date in any of
/// the three forms a recipient must accept (IMF-fixdate, RFC 850, asctime).
enum RetryAfter {
    /// The wait the header asks for, in seconds from `now`: zero for a date in the past, nil when
    /// the value is neither form.
    static func seconds(_ header: String, now: Date) -> TimeInterval? {
        let value = header.trimmingCharacters(in: .whitespaces)
        if !value.isEmpty, value.allSatisfy({ $0.isASCII && $0.isNumber }) {
            return Double(value)
        }
        guard let date = httpDate(value) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Parses `Sun, 06 Nov 1994 08:49:37 GMT`, `Sunday, 06-Nov-94 08:49:37 GMT` and
    /// `Sun Nov  6 08:49:37 1994`. The weekday is not checked.
    static func httpDate(_ value: String) -> Date? {
        let tokens = value.split(whereSeparator: { " ,-:".contains($0) }).map(String.init)
        let day: Int?, month: Int?, year: Int?, clock: ArraySlice<String>
        switch tokens.count {
        case 8 where tokens[7] == "GMT":  // IMF-fixdate or RFC 850
            day = Int(tokens[1])
            month = months.firstIndex(of: tokens[2].lowercased()).map { $0 + 1 }
            year = Int(tokens[3]).map { tokens[3].count == 2 ? ($0 < 70 ? 2000 + $0 : 1900 + $0) : $0 }
            clock = tokens[4...6]
        case 7:  // asctime
            month = months.firstIndex(of: tokens[1].lowercased()).map { $0 + 1 }
            day = Int(tokens[2])
            year = Int(tokens[6])
            clock = tokens[3...5]
        default:
            return nil
        }
        let time = clock.compactMap { Int($0) }
        // A year outside 1...9999 is no HTTP-date (and would overflow the arithmetic below).
        guard let day, let month, let year, (1...9999).contains(year), (1...31).contains(day), time.count == 3,
            (0...23).contains(time[0]), (0...59).contains(time[1]), (0...60).contains(time[2])
        else { return nil }
        let seconds = daysSinceEpoch(year: year, month: month, day: day) * 86_400 + time[0] * 3600 + time[1] * 60 + time[2]
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
