import AuditRouter

extension EventFilter {
    /// The filter's `noun:verb` patterns, `*` for an open side (`["*:*"]` for every event).
    ///
    /// Read through reflection because `EventFilter` keeps its compiled patterns private; a public
    /// accessor of the same name in `EventFilter.swift` would replace this file.
    var patternTexts: [String] {
        let patterns = Mirror(reflecting: self).children.first { $0.label == "patterns" }?.value as? [Any] ?? []
        return patterns.map { pattern in
            Mirror(reflecting: pattern).children.map { $0.value as? String ?? "*" }.joined(separator: ":")
        }
    }
}
