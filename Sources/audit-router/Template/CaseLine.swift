import GoTemplate

/// One case line of the batch protocol, split into its top-level members without decoding their
/// values, as Go's oracle reads it: the envelope first, the data (with the engine's data model)
/// on its own, so that data the model rejects is a `data` error naming the case, and members
/// the protocol does not use are never decoded.
struct CaseLine {
    /// Each member's value, as the bytes of its JSON text.
    private(set) var members: [String: ArraySlice<UInt8>] = [:]

    /// Nil when the line is not one JSON object (the caller reports an `input` error).
    init?(_ line: [UInt8]) {
        var scanner = Scanner(bytes: line)
        guard scanner.take(UInt8(ascii: "{")) else { return nil }
        if scanner.take(UInt8(ascii: "}")) { guard scanner.atEnd() else { return nil }; return }
        repeat {
            guard let keyText = scanner.string(), case .string(let key)? = try? Value(json: Array(keyText)),
                scanner.take(UInt8(ascii: ":")), let value = scanner.value()
            else { return nil }
            members[key] = value
        } while scanner.take(UInt8(ascii: ","))
        guard scanner.take(UInt8(ascii: "}")), scanner.atEnd() else { return nil }
    }

    /// The member `key` decoded with the data model; nil when absent.
    func decoded(_ key: String) throws -> Value? {
        try members[key].map { try Value(json: Array($0)) }
    }

    /// Finds the extent of JSON values; the decoder checks what is inside them.
    private struct Scanner {
        let bytes: [UInt8]
        var position = 0

        /// Whether only blanks are left.
        mutating func atEnd() -> Bool {
            skipBlanks()
            return position == bytes.count
        }

        mutating func skipBlanks() {
            while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        }

        /// Consumes `byte` (after blanks) when it comes next.
        mutating func take(_ byte: UInt8) -> Bool {
            skipBlanks()
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
            return true
        }

        /// A string token, quotes included.
        mutating func string() -> ArraySlice<UInt8>? {
            skipBlanks()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
            let start = position
            position += 1
            while position < bytes.count {
                switch bytes[position] {
                case UInt8(ascii: "\\"): position += 2
                case UInt8(ascii: "\""):
                    position += 1
                    return bytes[start..<position]
                default: position += 1
                }
            }
            return nil
        }

        /// A whole value: a string, an object or array with everything nested in it, or a
        /// literal (number, true, false, null) up to the next delimiter.
        mutating func value() -> ArraySlice<UInt8>? {
            skipBlanks()
            guard position < bytes.count else { return nil }
            let start = position
            switch bytes[position] {
            case UInt8(ascii: "\""):
                return string()
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                while position < bytes.count {
                    switch bytes[position] {
                    case UInt8(ascii: "\""):
                        guard string() != nil else { return nil }
                        continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
                    default: break
                    }
                    position += 1
                    if depth == 0 { return bytes[start..<position] }
                }
                return nil
            default:
                while position < bytes.count, ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) {
                    position += 1
                }
                return position > start ? bytes[start..<position] : nil
            }
        }
    }
}
