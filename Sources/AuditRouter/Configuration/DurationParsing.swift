/// How a duration must be written, for messages.
let durationHint = "use 500ms, 10s, 5m, 24h"

/// Parses a duration as Go's `time.ParseDuration` writes the units the router needs: one or more
/// numbers, each followed by `ms`, `s`, `m` or `h` (`500ms`, `10s`, `1.5s`, `5m`, `24h`,
/// `1h30m`). Nil for anything else, spaces and signs included.
func parseDuration(_ text: String) -> Duration? {
    let units: [String: Int64] = ["ms": 1_000_000, "s": 1_000_000_000, "m": 60_000_000_000, "h": 3_600_000_000_000]
    var rest = Substring(text)
    var total: Int64 = 0
    guard !rest.isEmpty else { return nil }
    while !rest.isEmpty {
        let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        rest = rest.dropFirst(number.count)
        let unitName = rest.prefix { $0.isASCII && $0.isLetter }
        rest = rest.dropFirst(unitName.count)
        guard let unit = units[String(unitName)], let nanoseconds = nanoseconds(number, unit: unit) else { return nil }
        let (sum, overflow) = total.addingReportingOverflow(nanoseconds)
        guard !overflow else { return nil }
        total = sum
    }
    return .nanoseconds(total)
}

/// `number` (digits with at most one `.`, a digit on at least one side) times `unit`.
private func nanoseconds(_ number: Substring, unit: Int64) -> Int64? {
    let parts = number.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    let whole = parts[0]
    let fraction = parts.count > 1 ? parts[1] : ""
    guard !(whole.isEmpty && fraction.isEmpty), !fraction.contains("."),
        let wholeValue = whole.isEmpty ? 0 : Int64(whole)
    else { return nil }
    let (scaled, overflow) = wholeValue.multipliedReportingOverflow(by: unit)
    guard !overflow else { return nil }
    let fractionValue = fraction.isEmpty ? 0 : Int64((Double("0." + fraction)! * Double(unit)).rounded())
    let (sum, sumOverflow) = scaled.addingReportingOverflow(fractionValue)
    return sumOverflow ? nil : sum
}
