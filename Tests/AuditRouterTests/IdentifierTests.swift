import Foundation
import Testing

@testable import AuditRouter

/// Time-ordered identifiers: `PREFIX_` and a 26-character ULID.
@Suite struct IdentifierTests {
    static let crockford = Set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// The milliseconds the first 10 characters of an identifier's ULID encode.
    static func milliseconds(_ id: String) -> UInt64? {
        guard let ulid = id.split(separator: "_").last else { return nil }
        var value: UInt64 = 0
        for c in ulid.prefix(10) {
            guard let digit = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ").firstIndex(of: c) else { return nil }
            value = value << 5 | UInt64(digit)
        }
        return value
    }

    @Test func startsWithThePrefixAndAnUnderscore() {
        #expect(Identifier.make("evt").hasPrefix("evt_"))
        #expect(Identifier.make("dlv").hasPrefix("dlv_"))
    }

    @Test func hasTwentySixCrockfordBase32Characters() {
        for _ in 0..<1000 {
            let ulid = Identifier.make("evt").dropFirst(4)
            #expect(ulid.count == 26)
            #expect(ulid.allSatisfy(Self.crockford.contains))
        }
    }

    @Test func theFirstCharacterIsAtMostSeven() {
        // 128 bits in 26 base32 digits: the first digit carries 3 bits.
        let id = Identifier.make("x", milliseconds: (1 << 48) - 1)
        #expect(id.dropFirst(2).hasPrefix("7ZZZZZZZZZ"))
    }

    @Test func uniqueAcross100kCalls() {
        var seen = Set<String>()
        seen.reserveCapacity(100_000)
        for _ in 0..<100_000 { seen.insert(Identifier.make("evt")) }
        #expect(seen.count == 100_000)
    }

    @Test func uniqueWithinOneMillisecond() {
        let ids = (0..<10_000).map { _ in Identifier.make("evt", milliseconds: 1_714_557_600_000) }
        #expect(Set(ids).count == 10_000)
    }

    @Test("unique when made on many threads at once, across refills of the random pool")
    func uniqueAcrossThreads() async {
        let batches = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<8 { group.addTask { (0..<5_000).map { _ in Identifier.make("dlv", milliseconds: 1_714_557_600_000) } } }
            return await group.reduce(into: [[String]]()) { batches, batch in batches.append(batch) }
        }
        #expect(Set(batches.joined()).count == 40_000)
    }

    @Test("every random character varies between identifiers of the same millisecond")
    func everyRandomCharacterVaries() {
        let ids = (0..<1_000).map { _ in Array(Identifier.make("x", milliseconds: 1_714_557_600_000).utf8.suffix(16)) }
        for position in 0..<16 {
            #expect(Set(ids.map { $0[position] }).count > 1, "random character \(position) never changes")
        }
    }

    /// The ULID specification's example: 1469918176385 ms is `01ARYZ6S41`.
    @Test func timeIsEncodedAsInTheULIDSpec() {
        #expect(Identifier.make("x", milliseconds: 1_469_918_176_385).hasPrefix("x_01ARYZ6S41"))
    }

    @Test func theTimeDecodesBack() {
        for ms: UInt64 in [0, 1, 31, 32, 1_000, 1_714_557_600_123, (1 << 48) - 1] {
            #expect(Self.milliseconds(Identifier.make("evt", milliseconds: ms)) == ms)
        }
    }

    @Test func idsOfIncreasingMillisecondsSortInOrder() {
        var ms: UInt64 = 1_700_000_000_000
        var ids: [String] = []
        for step: UInt64 in [1, 1, 2, 31, 32, 33, 1_000, 1, 86_400_000, 1, 1 << 20, 1 << 30] {
            for _ in 0..<50 {
                ms += step
                ids.append(Identifier.make("evt", milliseconds: ms))
            }
        }
        #expect(ids.sorted() == ids)
    }

    @Test func idsMadeLaterSortAfterIdsMadeEarlier() throws {
        let first = Identifier.make("evt")
        let start = Identifier.currentMilliseconds()
        while Identifier.currentMilliseconds() <= start + 1 { usleep(200) }
        let second = Identifier.make("evt")
        #expect(first < second)
    }

    @Test func theDefaultTimeIsNow() throws {
        let before = UInt64(Date().timeIntervalSince1970 * 1000)
        let id = Identifier.make("evt")
        let after = UInt64(Date().timeIntervalSince1970 * 1000) + 1
        let ms = try #require(Self.milliseconds(id))
        #expect(ms >= before && ms <= after)
    }
}
