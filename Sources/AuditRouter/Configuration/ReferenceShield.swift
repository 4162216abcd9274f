import Yams

/// Lets `${VAR}` references stand unquoted inside flow collections (`{ secret: ${SECRET} }`),
/// where YAML would end the plain scalar at the `{`. Before parsing, the braces of each reference
/// are swapped for two private-use characters, one for one so that line and column marks stay
/// right; after parsing, every scalar gets its braces back.
enum ReferenceShield {
    private static let open: Character = "\u{E000}"
    private static let close: Character = "\u{E001}"

    /// `yaml` with the braces of every `${...}` (closed on the same line) swapped, or nil when
    /// there is none, or when the text already holds the stand-in characters.
    static func shield(_ yaml: String) -> String? {
        guard yaml.contains("${"), !yaml.contains(open), !yaml.contains(close) else { return nil }
        var chars = Array(yaml)
        var shielded = false
        var i = 0
        while i + 1 < chars.count {
            guard chars[i] == "$", chars[i + 1] == "{", let end = closingBrace(chars, after: i + 1) else {
                i += 1
                continue
            }
            for j in (i + 1)...end where chars[j] == "{" || chars[j] == "}" {
                chars[j] = chars[j] == "{" ? open : close
            }
            shielded = true
            i = end + 1
        }
        return shielded ? String(chars) : nil
    }

    /// The `}` matching the `{` at `start`, on the same line.
    private static func closingBrace(_ chars: [Character], after start: Int) -> Int? {
        var depth = 0
        for j in start..<chars.count {
            switch chars[j] {
            case "{": depth += 1
            case "}":
                depth -= 1
                if depth == 0 { return j }
            case "\n", "\r\n": return nil
            default: break
            }
        }
        return nil
    }

    /// `node` with the braces given back in every scalar, keys included; tags, styles and marks kept.
    static func unshield(_ node: Node) -> Node {
        switch node {
        case .scalar(let scalar):
            let text = String(scalar.string.map { $0 == open ? "{" : $0 == close ? "}" : $0 })
            return .scalar(Node.Scalar(text, scalar.tag, scalar.style, scalar.mark))
        case .mapping(let mapping):
            let pairs = mapping.map { (unshield($0.key), unshield($0.value)) }
            return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark))
        case .sequence(let sequence):
            return .sequence(Node.Sequence(sequence.map(unshield), sequence.tag, sequence.style, sequence.mark))
        case .alias:
            return node
        }
    }
}
