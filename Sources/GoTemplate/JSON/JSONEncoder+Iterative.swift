extension GoJSON {
    /// A non-empty container whose opening bracket is written.
    private enum Container {
        case array([Value])
        case map(ValueMap)
        case record(Record)
    }

    /// Writes `value` as `write` does, keeping the open containers on a stack of its own rather
    /// than on the thread's, for subtrees nested deeper than `recursionLimit`.
    static func writeIteratively(_ value: Value, escapeHTML: Bool, into out: inout ByteWriter) throws(JSONEncodingError) {
        guard var container = try open(value, escapeHTML: escapeHTML, into: &out) else { return }
        var next = 0
        var parents: [(container: Container, next: Int)] = []
        while true {
            let child: Container?
            switch container {
            case .array(let elements):
                (next, child) = try writeElements(elements, keys: nil, from: next, escapeHTML: escapeHTML, into: &out)
            case .map(let map):
                (next, child) = try writeElements(map.values, keys: map.keys, from: next, escapeHTML: escapeHTML, into: &out)
            case .record(let record):
                (next, child) = try writeField(of: record, from: next, escapeHTML: escapeHTML, into: &out)
            }
            if let child {
                parents.append((container, next))
                container = child
                next = 0
                continue
            }
            if case .array = container {
                out.append(UInt8(ascii: "]"))
            } else {
                out.append(UInt8(ascii: "}"))
            }
            guard let parent = parents.popLast() else { return }
            (container, next) = parent
        }
    }

    /// Writes the elements of an array, or the entries of a map with `keys`, from `start` on,
    /// up to the first that opens a container. Returns the index after the last one written and
    /// the container opened, if any.
    private static func writeElements(
        _ values: [Value], keys: [String]?, from start: Int, escapeHTML: Bool, into out: inout ByteWriter
    ) throws(JSONEncodingError) -> (next: Int, child: Container?) {
        var index = start
        while index < values.count {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            if let keys {
                appendJSONString(keys[index], escapeHTML: escapeHTML, to: &out)
                out.append(UInt8(ascii: ":"))
            }
            index += 1
            if let child = try open(values[index - 1], escapeHTML: escapeHTML, into: &out) {
                return (index, child)
            }
        }
        return (index, nil)
    }

    /// Writes the first field of `record` at or after `start` that `encoding/json` writes, if
    /// any. Returns the index after it (or the field count) and the container it opened, if any.
    private static func writeField(
        of record: Record, from start: Int, escapeHTML: Bool, into out: inout ByteWriter
    ) throws(JSONEncodingError) -> (next: Int, child: Container?) {
        guard let index = nextEncodedField(in: record.fields, from: start) else { return (record.fields.count, nil) }
        if nextEncodedField(in: record.fields, from: 0) != index { out.append(UInt8(ascii: ",")) }
        appendJSONString(record.fields[index].jsonName, escapeHTML: escapeHTML, to: &out)
        out.append(UInt8(ascii: ":"))
        return (index + 1, try open(record.fields[index].value, escapeHTML: escapeHTML, into: &out))
    }

    /// Writes a scalar or an empty container, or the opening bracket of a container, which it
    /// returns.
    private static func open(_ value: Value, escapeHTML: Bool, into out: inout ByteWriter) throws(JSONEncodingError) -> Container? {
        switch value {
        case .array(let elements) where !elements.isEmpty:
            out.append(UInt8(ascii: "["))
            return .array(elements)
        case .map(let map) where !map.isEmpty:
            out.append(UInt8(ascii: "{"))
            return .map(map)
        case .record(let record):
            out.append(UInt8(ascii: "{"))
            return .record(record)
        default:
            _ = try writeScalar(value, escapeHTML: escapeHTML, into: &out)
            return nil
        }
    }
}
