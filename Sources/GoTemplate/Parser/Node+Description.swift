// How nodes print themselves, as Go's `Node.String()` does; used in error messages.

extension Argument: CustomStringConvertible {
    var description: String {
        switch self {
        case .function(let node): return node.name
        case .dot: return "."
        case .nil: return "nil"
        case .field(let node): return node.names.map { "." + $0 }.joined()
        case .variable(let node): return node.names.joined(separator: ".")
        case .chain(let node):
            let base: String
            if case .pipe = node.base { base = "(\(node.base))" } else { base = node.base.description }
            return base + node.fields.map { "." + $0 }.joined()
        case .bool(let value, _, _): return value ? "true" : "false"
        case .number(let node): return node.text
        case .string(let node): return node.quoted
        case .pipe(let node): return node.description
        }
    }

    /// The byte offset where the operand starts.
    var position: Int {
        switch self {
        case .function(let node): return node.position
        case .dot(let position, _), .nil(let position, _), .bool(_, let position, _): return position
        case .field(let node): return node.position
        case .variable(let node): return node.position
        case .chain(let node): return node.position
        case .number(let node): return node.position
        case .string(let node): return node.position
        case .pipe(let node): return node.position
        }
    }
}

extension PipeNode: CustomStringConvertible {
    var description: String {
        var text = ""
        if !declarations.isEmpty {
            text += declarations.map { $0.names.joined(separator: ".") }.joined(separator: ", ")
            text += " := "
        }
        text += commands.map(\.description).joined(separator: " | ")
        return text
    }
}

extension CommandNode: CustomStringConvertible {
    var description: String {
        arguments.map { argument in
            if case .pipe = argument { return "(\(argument))" }
            return argument.description
        }.joined(separator: " ")
    }
}

extension ListNode: CustomStringConvertible {
    var description: String { nodes.map(\.description).joined() }
}

extension Node: CustomStringConvertible {
    var description: String {
        switch self {
        case .text(let node): return String(decoding: node.bytes, as: UTF8.self)
        case .action(let node): return "{{\(node.pipe)}}"
        case .branch(let node):
            let keyword: String
            switch node.kind {
            case .if: keyword = "if"
            case .range: keyword = "range"
            case .with: keyword = "with"
            }
            var text = "{{\(keyword) \(node.pipe)}}\(node.list)"
            if let elseList = node.elseList { text += "{{else}}\(elseList)" }
            return text + "{{end}}"
        case .template(let node):
            var text = "{{template \(goQuote(node.name))"
            if let pipe = node.pipe { text += " \(pipe)" }
            return text + "}}"
        case .break: return "{{break}}"
        case .continue: return "{{continue}}"
        case .comment(_, let text): return "{{\(text)}}"
        }
    }

    /// The byte offset where the node starts.
    var position: Int {
        switch self {
        case .text(let node): return node.position
        case .action(let node): return node.position
        case .branch(let node): return node.position
        case .template(let node): return node.position
        case .break(let node), .continue(let node): return node.position
        case .comment(let position, _): return position
        }
    }
}

extension Argument {
    /// The operand's entry in the site table.
    var site: SiteID {
        switch self {
        case .function(let node): return node.site
        case .dot(_, let site), .nil(_, let site), .bool(_, _, let site): return site
        case .field(let node): return node.site
        case .variable(let node): return node.site
        case .chain(let node): return node.site
        case .number(let node): return node.site
        case .string(let node): return node.site
        case .pipe(let node): return node.site
        }
    }
}
