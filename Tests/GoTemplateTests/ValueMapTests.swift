import Testing

@testable import GoTemplate

/// `ValueMap` keeps its keys sorted by UTF-8 bytes and unique, the last duplicate winning.
@Suite struct ValueMapTests {
    @Test("entries in any order end sorted by UTF-8 bytes, the last duplicate winning")
    func sortingAndDuplicates() {
        let cases: [([(String, Value)], [String], [Value])] = [
            ([], [], []),
            ([("a", 1), ("b", 2), ("c", 3)], ["a", "b", "c"], [1, 2, 3]),  // already sorted: kept as is
            ([("c", 3), ("a", 1), ("b", 2)], ["a", "b", "c"], [1, 2, 3]),
            ([("a", 1), ("a", 2)], ["a"], [2]),
            ([("b", 1), ("a", 2), ("b", 3), ("a", 4)], ["a", "b"], [4, 3]),
            ([("é", 1), ("z", 2), ("Z", 3), ("a", 4)], ["Z", "a", "z", "é"], [3, 4, 2, 1]),
        ]
        for (entries, keys, values) in cases {
            let map = ValueMap(entries)
            #expect(map.keys == keys, "\(entries)")
            #expect(map.values == values, "\(entries)")
        }
    }
}
