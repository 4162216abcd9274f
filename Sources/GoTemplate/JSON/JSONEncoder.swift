/// A value that Go's `json.Marshal` refuses: a NaN or infinite float64.
public struct JSONEncodingError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Go's message, such as `json: unsupported value: NaN`.
    public var description: String
}

/// Go's `encoding/json` encoding of `Value`s.
enum GoJSON {
    /// Appends `json.Marshal(value)` of the value Go would hold to `out`: keys sorted, no white
    /// space, floats in `encoding/json`'s format, records as structs (fields in declaration
    /// order, under their JSON names, honouring `-`, `omitempty` and unexported fields).
    /// `escapeHTML: false` gives what an encoder with `SetEscapeHTML(false)` writes.
    ///
    /// On error `out` is left as it was. Any depth of nesting is fine.
    static func marshal(_ value: Value, escapeHTML: Bool = true, into out: inout [UInt8]) throws(JSONEncodingError) {
        var writer = ByteWriter(capacity: 1024)
        try write(value, depth: 0, escapeHTML: escapeHTML, into: &writer)
        out.append(contentsOf: writer.bytes)
    }

    /// `json.Marshal(value)` as a string; see `marshal(_:escapeHTML:into:)`.
    static func marshal(_ value: Value, escapeHTML: Bool = true) throws(JSONEncodingError) -> String {
        var writer = ByteWriter(capacity: 1024)
        try write(value, depth: 0, escapeHTML: escapeHTML, into: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// How deep `write` recurses before handing a subtree to `writeIteratively`, which keeps its
    /// own stack: recursion borrows values without reference counting, but must not overflow
    /// a small thread stack on deeply nested data.
    static let recursionLimit = 100

    /// Writes `value`, recursing into containers.
    static func write(_ value: Value, depth: Int, escapeHTML: Bool, into out: inout ByteWriter) throws(JSONEncodingError) {
        guard depth < recursionLimit else {
            try writeIteratively(value, escapeHTML: escapeHTML, into: &out)
            return
        }
        switch value {
        case .array(let elements) where !elements.isEmpty:
            out.append(UInt8(ascii: "["))
            // Elements are read in place (a loop over the array would copy each one out), and
            // scalars are written without a call.
            try elements.withUnsafeBufferPointer { elements throws(JSONEncodingError) in
                for index in elements.indices {
                    if index > 0 { out.append(UInt8(ascii: ",")) }
                    if try !writeScalar(elements[index], escapeHTML: escapeHTML, into: &out) {
                        try write(elements[index], depth: depth + 1, escapeHTML: escapeHTML, into: &out)
                    }
                }
            }
            out.append(UInt8(ascii: "]"))
        case .map(let map) where !map.isEmpty:
            out.append(UInt8(ascii: "{"))
            try map.values.withUnsafeBufferPointer { values throws(JSONEncodingError) in
                for index in values.indices {
                    if index > 0 { out.append(UInt8(ascii: ",")) }
                    appendJSONString(map.keys[index], escapeHTML: escapeHTML, to: &out)
                    out.append(UInt8(ascii: ":"))
                    if try !writeScalar(values[index], escapeHTML: escapeHTML, into: &out) {
                        try write(values[index], depth: depth + 1, escapeHTML: escapeHTML, into: &out)
                    }
                }
            }
            out.append(UInt8(ascii: "}"))
        case .record(let record):
            out.append(UInt8(ascii: "{"))
            var next = nextEncodedField(in: record.fields, from: 0)
            while let index = next {
                let field = record.fields[index]
                appendJSONString(field.jsonName, escapeHTML: escapeHTML, to: &out)
                out.append(UInt8(ascii: ":"))
                try write(field.value, depth: depth + 1, escapeHTML: escapeHTML, into: &out)
                next = nextEncodedField(in: record.fields, from: index + 1)
                if next != nil { out.append(UInt8(ascii: ",")) }
            }
            out.append(UInt8(ascii: "}"))
        default:
            _ = try writeScalar(value, escapeHTML: escapeHTML, into: &out)
        }
    }

    /// The index of the first field at or after `start` that `encoding/json` writes: exported,
    /// not named `-`, and not an empty value under `omitempty`.
    static func nextEncodedField(in fields: [Record.Field], from start: Int) -> Int? {
        var index = start
        while index < fields.count {
            let field = fields[index]
            if field.jsonName != "-" && isExported(field.name) && !(field.omitEmpty && isEmpty(field.value)) {
                return index
            }
            index += 1
        }
        return nil
    }

    /// Go's `token.IsExported`: the name starts with an upper-case letter (Unicode category Lu).
    private static func isExported(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first else { return false }
        if first.isASCII { return ("A"..."Z").contains(first) }
        return first.properties.generalCategory == .uppercaseLetter
    }

    /// `encoding/json`'s `isEmptyValue` for the Go value `value` stands for.
    private static func isEmpty(_ value: Value) -> Bool {
        switch value {
        case .missing, .null: return true
        case .bool(let b): return !b
        case .int(let i): return i == 0
        case .int64(let i): return i == 0
        case .uint8(let i): return i == 0
        case .float64(let x): return x == 0
        case .string(let s): return s.isEmpty
        case .array(let elements): return elements.isEmpty
        case .map(let map): return map.isEmpty
        case .record: return false
        }
    }
}
