#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A Go `map[string]interface {}`: keys kept sorted in byte order, as Go's template `range`,
/// `fmt` and `encoding/json` visit them.
public struct ValueMap: Sendable {
    /// Both arrays behind one reference, so that copying a map (and a `Value` holding one)
    /// costs a single retain.
    private final class Storage: Sendable {
        let keys: [String]
        let values: [Value]

        init(keys: [String], values: [Value]) {
            self.keys = keys
            self.values = values
        }
    }

    private let storage: Storage

    /// The keys, sorted by their UTF-8 bytes, without duplicates.
    public var keys: [String] { storage.keys }
    /// The values, `values[i]` belonging to `keys[i]`.
    public var values: [Value] { storage.values }

    /// An empty map.
    public init() {
        storage = Storage(keys: [], values: [])
    }

    /// A map of the given entries; for a duplicated key the last entry wins, as in JSON decoding.
    public init<S: Sequence>(_ entries: S) where S.Element == (String, Value) {
        var keys: [String] = []
        var values: [Value] = []
        keys.reserveCapacity(entries.underestimatedCount)
        values.reserveCapacity(entries.underestimatedCount)
        // Entries already in strictly increasing key order (maps rebuilt from a map, objects
        // written sorted) need no sorting.
        var sorted = true
        for (key, value) in entries {
            if sorted, let last = keys.last, utf8Compare(last, key) >= 0 { sorted = false }
            keys.append(key)
            values.append(value)
        }
        if !sorted {
            // A stable sort keeps duplicates in input order, so that the last one wins below.
            let order = keys.indices.sorted { lhs, rhs in
                let comparison = utf8Compare(keys[lhs], keys[rhs])
                return comparison != 0 ? comparison < 0 : lhs < rhs
            }
            var uniqueKeys: [String] = []
            var uniqueValues: [Value] = []
            uniqueKeys.reserveCapacity(order.count)
            uniqueValues.reserveCapacity(order.count)
            for index in order {
                if let last = uniqueKeys.last, utf8Compare(last, keys[index]) == 0 {
                    uniqueValues[uniqueValues.count - 1] = values[index]
                } else {
                    uniqueKeys.append(keys[index])
                    uniqueValues.append(values[index])
                }
            }
            (keys, values) = (uniqueKeys, uniqueValues)
        }
        storage = Storage(keys: keys, values: values)
    }

    /// The number of entries.
    public var count: Int { keys.count }
    /// Whether the map has no entries.
    public var isEmpty: Bool { keys.isEmpty }

    /// The value stored under `key`, or nil when the key is absent.
    public subscript(key: String) -> Value? {
        guard let index = index(of: key) else { return nil }
        return storage.values[index]
    }

    /// The key and value at `index` (in key order).
    public subscript(entryAt index: Int) -> (key: String, value: Value) {
        (storage.keys[index], storage.values[index])
    }

    /// The position of `key` in `keys`, found by byte comparison.
    public func index(of key: String) -> Int? {
        let keys = storage.keys
        if keys.count <= 16 {
            for i in keys.indices where utf8Equal(keys[i], key) { return i }
            return nil
        }
        var low = 0
        var high = keys.count
        while low < high {
            let mid = (low + high) / 2
            let order = utf8Compare(keys[mid], key)
            if order == 0 { return mid }
            if order < 0 { low = mid + 1 } else { high = mid }
        }
        return nil
    }
}

/// Byte-wise equality of two strings (Go compares strings by bytes, not by Unicode equivalence).
@inline(__always)
func utf8Equal(_ a: String, _ b: String) -> Bool {
    let count = a.utf8.count
    guard count == b.utf8.count else { return false }
    return a.utf8.withContiguousStorageIfAvailable { pa in
        b.utf8.withContiguousStorageIfAvailable { pb in
            count == 0 || memcmp(pa.baseAddress!, pb.baseAddress!, count) == 0
        }
    }.flatMap { $0 } ?? a.utf8.elementsEqual(b.utf8)
}

/// Byte-wise three-way comparison of two strings: negative, zero or positive.
func utf8Compare(_ a: String, _ b: String) -> Int {
    var a = a
    var b = b
    return a.withUTF8 { pa in
        b.withUTF8 { pb in
            let common = min(pa.count, pb.count)
            if common > 0 {
                let order = memcmp(pa.baseAddress!, pb.baseAddress!, common)
                if order != 0 { return Int(order) }
            }
            return pa.count - pb.count
        }
    }
}
