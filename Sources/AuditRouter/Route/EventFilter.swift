/// Flipt's `noun:verb` event filter (`flag:*`, `*:deleted`, `*:*`), compiled once at load.
public struct EventFilter: Sendable, Equatable {
    private struct Pattern: Sendable, Equatable {
        let noun: String?
        let verb: String?
    }

    private let patterns: [Pattern]

    /// Every event.
    public static let all = EventFilter(uncheckedPatterns: [Pattern(noun: nil, verb: nil)])
    /// No event.
    public static let none = EventFilter(uncheckedPatterns: [])

    /// Compiles `noun:verb` patterns; `*` on either side matches anything.
    /// Throws a message naming the first malformed pattern.
    public init(_ patterns: [String]) throws(EventFilterError) {
        var compiled: [Pattern] = []
        for text in patterns {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && ($0 == "*" || $0.allSatisfy(Self.isNameCharacter)) }) else {
                throw EventFilterError(pattern: text)
            }
            compiled.append(Pattern(noun: parts[0] == "*" ? nil : String(parts[0]), verb: parts[1] == "*" ? nil : String(parts[1])))
        }
        self.patterns = compiled
    }

    private init(uncheckedPatterns: [Pattern]) {
        self.patterns = uncheckedPatterns
    }

    private static func isNameCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "_" || c == "-" || c == "."
    }

    /// The patterns as written in configuration (`flag:*`).
    public var patternTexts: [String] { patterns.map { "\($0.noun ?? "*"):\($0.verb ?? "*")" } }

    /// Whether an event of this type and action passes.
    public func matches(type: String, action: String) -> Bool {
        patterns.contains { ($0.noun == nil || $0.noun == type) && ($0.verb == nil || $0.verb == action) }
    }
}

/// A filter pattern that is not `noun:verb`.
public struct EventFilterError: Error, Sendable, CustomStringConvertible {
    public let pattern: String
    public var description: String {
        "invalid event filter \"\(pattern)\": expected noun:verb, each a name or *"
    }
}
