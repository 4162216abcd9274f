import Foundation

/// Typed scalars. Types are read from the text after `${VAR}` expansion, whatever its YAML
/// quoting, so that `enabled: "${SLACK_ENABLED:-false}"` is a boolean.
extension ConfigurationDecoder {
    /// Any scalar, as text.
    mutating func string(_ node: ConfigNode) -> String? {
        scalar(node)?.text
    }

    /// A scalar whose empty value means "not set": nil when empty.
    mutating func optionalString(_ node: ConfigNode) -> String? {
        guard let text = string(node), !text.isEmpty else { return nil }
        return text
    }

    /// `true`/`false` (also `yes`/`no`, `on`/`off`, `1`/`0`, any case). Empty, as an unset
    /// variable expands, is false, and so is null (`key:` with nothing after it, or `~`).
    mutating func bool(_ node: ConfigNode) -> Bool? {
        if node.isNull { return false }
        guard let value = scalar(node) else { return nil }
        switch value.text.lowercased() {
        case "true", "yes", "on", "1": return true
        case "false", "no", "off", "0", "": return false
        default:
            report("expected true or false, got \"\(value.text)\"\(value.unsetNote)", at: node)
            return nil
        }
    }

    /// One of `Choice`'s raw values; `what` names the setting in the error (`sink type`).
    mutating func choice<Choice: RawRepresentable & CaseIterable>(_ node: ConfigNode, _ what: String) -> Choice? where Choice.RawValue == String {
        guard let value = scalar(node) else { return nil }
        guard let choice = Choice(rawValue: value.text) else {
            let names = Choice.allCases.map(\.rawValue).joined(separator: ", ")
            report("unknown \(what) \"\(value.text)\" (expected one of: \(names))\(value.unsetNote)", at: node)
            return nil
        }
        return choice
    }

    /// A decimal integer no smaller than `minimum`.
    mutating func integer(_ node: ConfigNode, minimum: Int) -> Int? {
        guard let value = scalar(node) else { return nil }
        guard let number = Int(value.text) else {
            report("expected an integer, got \"\(value.text)\"\(value.unsetNote)", at: node)
            return nil
        }
        guard number >= minimum else {
            report("must be at least \(minimum), got \(number)", at: node)
            return nil
        }
        return number
    }

    /// A finite number within `range`.
    mutating func number(_ node: ConfigNode, in range: ClosedRange<Double>) -> Double? {
        guard let value = scalar(node) else { return nil }
        guard let number = Double(value.text), number.isFinite else {
            report("expected a number, got \"\(value.text)\"\(value.unsetNote)", at: node)
            return nil
        }
        guard range.contains(number) else {
            let upper = range.upperBound == .infinity ? "" : " and at most \(plain(range.upperBound))"
            report("must be at least \(plain(range.lowerBound))\(upper), got \(value.text)", at: node)
            return nil
        }
        return number
    }

    /// `1` rather than `1.0` for whole numbers.
    private func plain(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }

    /// A positive duration: `500ms`, `10s`, `5m`, `24h`, `1h30m`.
    mutating func duration(_ node: ConfigNode) -> Duration? {
        guard let value = scalar(node) else { return nil }
        guard let duration = parseDuration(value.text) else {
            report("invalid duration \"\(value.text)\" (\(durationHint))\(value.unsetNote)", at: node)
            return nil
        }
        guard duration > .zero else {
            report("must be longer than 0", at: node)
            return nil
        }
        return duration
    }

    /// A list of scalars, each with its node (for messages about one element); empty only when
    /// `allowingEmpty`.
    mutating func strings(_ node: ConfigNode, allowingEmpty: Bool = false) -> [(text: String, node: ConfigNode)]? {
        guard let elements = elements(of: node) else { return nil }
        guard !elements.isEmpty || allowingEmpty else {
            report("empty list (leave the key out instead)", at: node)
            return nil
        }
        var strings: [(text: String, node: ConfigNode)] = []
        for element in elements {
            if let text = string(element) { strings.append((text, element)) }
        }
        return strings.count == elements.count ? strings : nil
    }

    /// A file path, made absolute against the config file's folder.
    mutating func path(_ node: ConfigNode) -> String? {
        guard let value = scalar(node) else { return nil }
        guard !value.text.isEmpty else {
            report("empty path\(value.unsetNote)", at: node)
            return nil
        }
        return resolvePath(value.text)
    }

    /// `path` made absolute against the config file's folder, `.` and `..` removed.
    func resolvePath(_ path: String) -> String {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: directory, isDirectory: true)).standardizedFileURL.path
    }
}
