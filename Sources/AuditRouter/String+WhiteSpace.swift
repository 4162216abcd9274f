extension String {
    /// The string without leading and trailing white space (Unicode's White_Space: spaces, tabs,
    /// line breaks), as Foundation's `trimmingCharacters(in: .whitespacesAndNewlines)` without
    /// its bridging cost; a string with none is returned as is.
    func trimmingWhiteSpace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last,
            first.properties.isWhitespace || last.properties.isWhitespace
        else { return self }
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[start...end])
    }
}
