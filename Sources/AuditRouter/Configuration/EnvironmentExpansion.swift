/// A scalar after `${VAR}` expansion, with the variables that were unset or empty, so that a
/// value left empty can say which variable to set.
struct ExpandedText {
    /// The text with every reference replaced.
    var text: String
    /// The variables referenced that were unset or empty, in order, without repeats.
    var unsetVariables: [String]

    /// ` (SLACK_WEBHOOK_URL is not set)`, or empty when no variable was missing.
    var unsetNote: String {
        switch unsetVariables.count {
        case 0: return ""
        case 1: return " (\(unsetVariables[0]) is not set)"
        default: return " (\(unsetVariables.joined(separator: ", ")) are not set)"
        }
    }
}

/// Expands environment references the way shells and Docker Compose do:
///
/// - `${VAR}`: the variable's value, empty when unset;
/// - `${VAR:-default}`: the value, or `default` when unset or empty;
/// - `${VAR:+alternative}`: `alternative` when set and not empty, else empty;
/// - `$$`: a single `$`. Any other `$` is kept, so `{{ $x := 1 }}` in templates is untouched.
///
/// `default` and `alternative` may themselves hold references. Throws a message for an
/// unterminated `${` or a malformed reference.
func expandEnvironment(_ text: String, environment: [String: String]) throws(ExpansionError) -> ExpandedText {
    guard text.contains("$") else { return ExpandedText(text: text, unsetVariables: []) }
    var result = ExpandedText(text: "", unsetVariables: [])
    try expand(Array(text)[...], environment: environment, into: &result)
    return result
}

/// A malformed `${...}` reference.
struct ExpansionError: Error {
    let message: String
}

private func expand(_ chars: ArraySlice<Character>, environment: [String: String], into result: inout ExpandedText) throws(ExpansionError) {
    var i = chars.startIndex
    while i < chars.endIndex {
        let c = chars[i]
        let next = i + 1 < chars.endIndex ? chars[i + 1] : nil
        if c == "$", next == "$" {
            result.text.append("$")
            i += 2
        } else if c == "$", next == "{" {
            guard let close = closingBrace(in: chars, from: i + 2) else {
                throw ExpansionError(message: "unterminated \"${\" (write $$ for a literal $)")
            }
            try substitute(chars[(i + 2)..<close], environment: environment, into: &result)
            i = close + 1
        } else {
            result.text.append(c)
            i += 1
        }
    }
}

/// The index of the `}` that closes a `${` whose contents start at `start`, counting nested braces.
private func closingBrace(in chars: ArraySlice<Character>, from start: Int) -> Int? {
    var depth = 1
    for j in start..<chars.endIndex {
        if chars[j] == "{" { depth += 1 }
        if chars[j] == "}" {
            depth -= 1
            if depth == 0 { return j }
        }
    }
    return nil
}

/// Replaces one reference, given what is between `${` and `}`.
private func substitute(_ inner: ArraySlice<Character>, environment: [String: String], into result: inout ExpandedText) throws(ExpansionError) {
    var nameEnd = inner.startIndex
    while nameEnd < inner.endIndex, isNameCharacter(inner[nameEnd], first: nameEnd == inner.startIndex) { nameEnd += 1 }
    let name = String(inner[inner.startIndex..<nameEnd])
    let rest = inner[nameEnd...]
    guard !name.isEmpty, rest.isEmpty || rest.starts(with: [":", "-"]) || rest.starts(with: [":", "+"]) else {
        throw ExpansionError(message: "invalid reference \"${\(String(inner))}\" (use ${VAR}, ${VAR:-default} or ${VAR:+value})")
    }
    let value = environment[name] ?? ""
    if value.isEmpty, !result.unsetVariables.contains(name) { result.unsetVariables.append(name) }
    if rest.isEmpty {
        result.text += value
    } else if rest.starts(with: [":", "-"]) {
        if value.isEmpty {
            try expand(rest.dropFirst(2), environment: environment, into: &result)
        } else {
            result.text += value
        }
    } else if !value.isEmpty {
        try expand(rest.dropFirst(2), environment: environment, into: &result)
    }
}

/// `[A-Za-z_][A-Za-z0-9_]*`, as POSIX shells name variables.
private func isNameCharacter(_ c: Character, first: Bool) -> Bool {
    guard c.isASCII else { return false }
    return c.isLetter || c == "_" || (!first && c.isNumber)
}
