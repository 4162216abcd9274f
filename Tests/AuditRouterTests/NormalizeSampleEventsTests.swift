// The sample bodies: every one normalizes, and together they cover every type and action of
// every source, with user text that needs escaping.

import GoTemplate
import Testing
@testable import AuditRouter

@Suite struct NormalizeSampleEventsTests {
    @Test func everyBodyNormalizesAndAllHoldsTheirEvents() throws {
        var expected: [Event] = []
        for body in SampleEvents.bodies {
            let events = try SourceFormat.normalize(source: body.source, body: body.bytes, receivedAt: SampleEvents.receivedAt) { "" }
            #expect(!events.isEmpty, "\(body.source) \(body.name) gives no events")
            expected += events
        }
        #expect(SampleEvents.all.count == expected.count)
        #expect(SampleEvents.all.map(\.id) == (1...expected.count).map { "sample-\($0)" })
        #expect(zip(SampleEvents.all, expected).allSatisfy { all, single in all.nounVerb == single.nounVerb && all.payload == single.payload })
    }

    @Test func fliptCoversEveryTypeAndActionAndADeniedEvent() {
        let flipt = SampleEvents.all.filter { $0.source == .flipt }
        let types = ["flag", "variant", "segment", "constraint", "rule", "distribution", "namespace", "rollout", "token"]
        for type in types {
            for action in ["created", "updated", "deleted"] {
                #expect(flipt.contains { $0.nounVerb == "\(type):\(action)" && $0.status == "success" }, "no \(type):\(action)")
            }
        }
        #expect(flipt.contains { $0.status == "denied" && $0.payload == .null })
    }

    @Test func flagrCoversEveryOperationAndEveryDocumentedEvent() {
        let flagr = Set(SampleEvents.all.filter { $0.source == .flagr }.map(\.nounVerb))
        for action in ["created", "updated", "deleted", "restored"] { #expect(flagr.contains("flag:\(action)")) }
        for type in ["segment", "variant", "constraint"] {
            for action in ["created", "updated", "deleted"] { #expect(flagr.contains("\(type):\(action)")) }
        }
        #expect(flagr.isSuperset(of: ["distribution:updated", "tag:created", "tag:deleted"]))
        #expect(SampleEvents.bodies(for: .flagr).filter { $0.name.hasSuffix("(webhook docs)") }.count == 17)
    }

    @Test func goflagshipAndGoFeatureFlagCoverTheirEvents() {
        let goflagship = SampleEvents.all.filter { $0.source == .goflagship }.map(\.nounVerb)
        #expect(goflagship == ["flag:created", "flag:updated", "flag:deleted", "webhook:test"])
        let goff = Set(SampleEvents.all.filter { $0.source == .gofeatureflag }.map(\.nounVerb))
        #expect(goff == ["flag:created", "flag:updated", "flag:deleted"])
    }

    @Test func beforeStatesAndChangesAppearWhereSourcesHaveThem() {
        for source in [EventSource.flagr, .goflagship, .gofeatureflag] {
            let events = SampleEvents.all.filter { $0.source == source }
            #expect(events.contains { !$0.before.isNil && $0.changes.isTrue }, "\(source) has no sample with before and changes")
        }
        #expect(SampleEvents.all.contains { $0.namespace == "production" && $0.source == .gofeatureflag })
    }

    @Test(arguments: EventSource.allCases)
    func userTextNeedsEscaping(source: EventSource) {
        let text = SampleEvents.all.filter { $0.source == source }
            .flatMap { strings(in: $0.payload) + [$0.actor.name, $0.actor.email] }
            .joined()
        for needle in ["\"", "\n", "<", ">", "&"] {
            #expect(text.contains(needle), "\(source) samples have no \(needle.debugDescription)")
        }
        #expect(text.unicodeScalars.contains { !$0.isASCII }, "\(source) samples have no non-ASCII text")
    }

    /// Every string in `value`, nested ones included.
    private func strings(in value: Value) -> [String] {
        switch value {
        case .string(let text): return [text]
        case .array(let items): return items.flatMap(strings(in:))
        case .map(let map): return map.values.flatMap(strings(in:))
        default: return []
        }
    }
}
