import Testing

@testable import AuditRouter

/// Flipt's `noun:verb` event filter.
@Suite struct EventFilterTests {
    static let events = [
        ("flag", "created"), ("flag", "deleted"), ("segment", "created"), ("segment", "deleted"),
        ("variant", "updated"), ("rollout", "restored"),
    ]

    /// The `type:action`s of `events` that `patterns` let through.
    static func passing(_ patterns: [String]) throws -> [String] {
        let filter = try EventFilter(patterns)
        return events.filter { filter.matches(type: $0.0, action: $0.1) }.map { "\($0.0):\($0.1)" }
    }

    static let everything = events.map { "\($0.0):\($0.1)" }

    @Test func starStarMatchesEverything() throws {
        #expect(try Self.passing(["*:*"]) == Self.everything)
    }

    @Test func theDefaultFilterMatchesEverything() {
        #expect(Self.events.allSatisfy { EventFilter.all.matches(type: $0.0, action: $0.1) })
        #expect(EventFilter.all.matches(type: "anything", action: "at-all"))
    }

    @Test func nounStarMatchesEveryActionOfThatType() throws {
        #expect(try Self.passing(["flag:*"]) == ["flag:created", "flag:deleted"])
    }

    @Test func starVerbMatchesThatActionOfEveryType() throws {
        #expect(try Self.passing(["*:deleted"]) == ["flag:deleted", "segment:deleted"])
    }

    @Test func anExactPairMatchesOnlyItself() throws {
        #expect(try Self.passing(["segment:created"]) == ["segment:created"])
    }

    @Test func matchingIsCaseSensitive() throws {
        #expect(try Self.passing(["Flag:created", "flag:CREATED"]) == [])
    }

    @Test func severalPatternsMatchTheirUnion() throws {
        #expect(try Self.passing(["flag:created", "*:deleted", "variant:*"]) == [
            "flag:created", "flag:deleted", "segment:deleted", "variant:updated",
        ])
    }

    @Test func namesMayHoldDigitsDashesUnderscoresAndDots() throws {
        let filter = try EventFilter(["feature_flag-v2.x:rollout_percent.updated"])
        #expect(filter.matches(type: "feature_flag-v2.x", action: "rollout_percent.updated"))
        #expect(!filter.matches(type: "feature_flag-v2", action: "rollout_percent.updated"))
    }

    @Test func noPatternsMatchNothing() throws {
        #expect(try Self.passing([]) == [])
    }

    @Test(arguments: ["flag", ":x", "x:", ":", "a:b:c", "fl ag:x", "flag: created", "", "*", "**:x", "fl*:x", "flag:*d", " flag:created"])
    func malformedPatternsAreRejected(pattern: String) {
        #expect(throws: EventFilterError.self) { try EventFilter([pattern]) }
    }

    @Test func theErrorNamesTheFirstMalformedPattern() {
        do {
            _ = try EventFilter(["flag:*", "a:b:c", "fl ag:x"])
            Issue.record("a:b:c was accepted")
        } catch {
            #expect(error.pattern == "a:b:c")
            #expect(error.description == #"invalid event filter "a:b:c": expected noun:verb, each a name or *"#)
        }
    }
}
