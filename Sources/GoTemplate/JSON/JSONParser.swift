// The JSON parser behind `JSONValueDecoder`: values, containers and literals.

/// An array or object being parsed: where its elements (and keys) start on the parser's stacks.
struct OpenContainer {
    var isObject: Bool
    var valueStart: Int
    var keyStart: Int
}

/// The parser's state over one input. Values of unfinished containers wait on `values` (and their
/// keys on `keys`) until the closing bracket turns them into one `.array` or `.map`.
struct JSONParser {
    let input: UnsafeBufferPointer<UInt8>
    let p: UnsafePointer<UInt8>
    let end: Int
    var pos = 0
    var values: [Value] = []
    var keys: [String] = []
    var containers: [OpenContainer] = []
    /// Reused buffer for strings with escapes or invalid UTF-8.
    var scratch: [UInt8] = []
    /// Where the first number beyond float64's range is.
    var outOfRange: Range<Int>?
    /// The most arrays and objects that may be open at once.
    let maxDepth: Int
    /// Whether containers are built; when not (checking syntax only), each closes into `.null`.
    let buildsContainers: Bool

    init(_ input: UnsafeBufferPointer<UInt8>, maxDepth: Int = JSONValueDecoder.maxDepth, buildsContainers: Bool = true) {
        self.input = input
        p = input.baseAddress!
        end = input.count
        self.maxDepth = maxDepth
        self.buildsContainers = buildsContainers
    }

    func invalid(_ context: String) -> JSONDecodingError {
        .invalidCharacter(p[pos], context, at: pos, in: input)
    }

    var unexpectedEnd: JSONDecodingError { .unexpectedEnd(in: input) }

    /// Go's error for one container too many; a limit other than Go's is named in the message.
    var tooDeep: JSONDecodingError {
        var error = invalid(maxDepth == JSONValueDecoder.maxDepth ? "exceeded max depth" : "exceeded max depth of \(maxDepth)")
        error.exceedsMaxDepth = true
        return error
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while pos < end {
            let c = p[pos]
            guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
            pos += 1
        }
    }

    /// Skips white space and returns the next byte, which must exist.
    @inline(__always)
    mutating func nextByte() throws(JSONDecodingError) -> UInt8 {
        skipWhitespace()
        guard pos < end else { throw unexpectedEnd }
        return p[pos]
    }

    mutating func parseDocument() throws(JSONDecodingError) -> Value {
        let value = try parseValue()
        skipWhitespace()
        if pos < end { throw invalid("after top-level value") }
        // Like the oracle, which converts numbers after decoding, reject a number beyond float64's
        // range only when it is still in the result and the document has no syntax error.
        // Checking syntax only, as Go's `json.Valid`, numbers of any size are valid.
        if buildsContainers, let range = outOfRange, containsInfinity(value) { throw .numberOutOfRange(range, in: input) }
        return value
    }

    /// Whether an infinite float64 is somewhere in `value`.
    func containsInfinity(_ value: Value) -> Bool {
        var pending = [value]
        while let next = pending.popLast() {
            switch next {
            case .float64(let number) where number.isInfinite: return true
            case .array(let elements): pending.append(contentsOf: elements)
            case .map(let map): pending.append(contentsOf: map.values)
            default: break
            }
        }
        return false
    }

    /// Parses one value, looping over nested containers instead of recursing into them.
    mutating func parseValue() throws(JSONDecodingError) -> Value {
        nextValue: while true {
            var value: Value
            let c = try nextByte()
            switch c {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if containers.count >= maxDepth { throw tooDeep }
                let isObject = c == UInt8(ascii: "{")
                pos += 1
                let next = try nextByte()
                if next == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    pos += 1
                    value = isObject ? .map(ValueMap()) : .array([])
                } else {
                    containers.append(OpenContainer(isObject: isObject, valueStart: values.count, keyStart: keys.count))
                    if isObject { try parseKey() }
                    continue nextValue
                }
            case UInt8(ascii: "\""): value = .string(try parseString())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let start = pos
                value = try parseJSONNumber(input, &pos)
                if case .float64(let number) = value, number.isInfinite, outOfRange == nil { outOfRange = start..<pos }
            case UInt8(ascii: "t"): value = try parseLiteral("true", .bool(true))
            case UInt8(ascii: "f"): value = try parseLiteral("false", .bool(false))
            case UInt8(ascii: "n"): value = try parseLiteral("null", .null)
            default: throw invalid("looking for beginning of value")
            }
            // The value is complete: add it to the open container, closing containers that end.
            while let container = containers.last {
                values.append(value)
                let next = try nextByte()
                if next == UInt8(ascii: ",") {
                    pos += 1
                    if container.isObject { try parseKey() }
                    continue nextValue
                }
                if container.isObject {
                    guard next == UInt8(ascii: "}") else { throw invalid("after object key:value pair") }
                    value = buildsContainers ? .map(ValueMap(zip(keys[container.keyStart...], values[container.valueStart...]))) : .null
                    keys.removeSubrange(container.keyStart...)
                } else {
                    guard next == UInt8(ascii: "]") else { throw invalid("after array element") }
                    value = buildsContainers ? .array(Array(values[container.valueStart...])) : .null
                }
                values.removeSubrange(container.valueStart...)
                containers.removeLast()
                pos += 1
            }
            return value
        }
    }

    /// Parses an object key and the colon after it.
    mutating func parseKey() throws(JSONDecodingError) {
        guard try nextByte() == UInt8(ascii: "\"") else { throw invalid("looking for beginning of object key string") }
        keys.append(try parseString())
        guard try nextByte() == UInt8(ascii: ":") else { throw invalid("after object key") }
        pos += 1
    }

    /// Parses the rest of a literal whose first byte is at `pos`.
    mutating func parseLiteral(_ word: StaticString, _ value: Value) throws(JSONDecodingError) -> Value {
        let letters = word.utf8Start
        for k in 1..<word.utf8CodeUnitCount {
            pos += 1
            guard pos < end else { throw unexpectedEnd }
            if p[pos] != letters[k] {
                throw invalid("in literal \(word) (expecting '\(Character(Unicode.Scalar(letters[k])))')")
            }
        }
        pos += 1
        return value
    }
}
