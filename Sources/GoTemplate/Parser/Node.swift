/// A node of a parsed template body (Go's `parse.Node` for lists' members).
enum Node: Sendable {
    case text(TextNode)
    case action(ActionNode)
    case branch(BranchNode)
    case template(TemplateNode)
    case `break`(ControlNode)
    case `continue`(ControlNode)
    case comment(position: Int, text: String)
}

/// A sequence of nodes.
final class ListNode: Sendable {
    let position: Int
    let nodes: [Node]

    init(position: Int, nodes: [Node]) {
        self.position = position
        self.nodes = nodes
    }

    /// Go's `IsEmptyTree`: only blank text and comments.
    var isEmptyTree: Bool {
        nodes.allSatisfy { node in
            switch node {
            case .comment: return true
            case .text(let text): return String(decoding: text.bytes, as: UTF8.self).unicodeScalars.allSatisfy(\.properties.isWhitespace)
            default: return false
            }
        }
    }
}

/// Plain text copied to the output.
final class TextNode: Sendable {
    let position: Int
    let bytes: [UInt8]

    init(position: Int, bytes: [UInt8]) {
        self.position = position
        self.bytes = bytes
    }
}

/// `{{pipeline}}`: evaluated and, unless it declares variables, printed.
final class ActionNode: Sendable {
    let position: Int
    let line: Int
    let pipe: PipeNode

    init(position: Int, line: Int, pipe: PipeNode) {
        self.position = position
        self.line = line
        self.pipe = pipe
    }
}

/// `if`, `range` or `with`, with its body and optional else branch.
final class BranchNode: Sendable {
    enum Kind: Sendable { case `if`, range, with }
    let kind: Kind
    let position: Int
    let line: Int
    let pipe: PipeNode
    let list: ListNode
    let elseList: ListNode?

    init(kind: Kind, position: Int, line: Int, pipe: PipeNode, list: ListNode, elseList: ListNode?) {
        self.kind = kind
        self.position = position
        self.line = line
        self.pipe = pipe
        self.list = list
        self.elseList = elseList
    }
}

/// `{{template "name" pipeline}}` (also what `{{block}}` leaves in place).
final class TemplateNode: Sendable {
    let position: Int
    let line: Int
    let name: String
    let pipe: PipeNode?

    init(position: Int, line: Int, name: String, pipe: PipeNode?) {
        self.position = position
        self.line = line
        self.name = name
        self.pipe = pipe
    }
}

/// `{{break}}` or `{{continue}}`.
struct ControlNode: Sendable {
    let position: Int
    let line: Int
}

/// A pipeline: optional variable declarations and a chain of commands joined by `|`.
final class PipeNode: Sendable {
    let position: Int
    let line: Int
    /// Whether the declarations assign (`=`) rather than declare (`:=`).
    let isAssign: Bool
    /// Declared or assigned variables, such as `$x` (at most two, in `range`).
    let declarations: [VariableNode]
    let commands: [CommandNode]

    init(position: Int, line: Int, isAssign: Bool, declarations: [VariableNode], commands: [CommandNode]) {
        self.position = position
        self.line = line
        self.isAssign = isAssign
        self.declarations = declarations
        self.commands = commands
    }
}

/// One command of a pipeline: an operand, or a function or method with arguments.
final class CommandNode: Sendable {
    let position: Int
    let arguments: [Argument]

    init(position: Int, arguments: [Argument]) {
        self.position = position
        self.arguments = arguments
    }
}

/// An operand of a command.
indirect enum Argument: Sendable {
    /// A function name, resolved at parse time.
    case function(FunctionNode)
    case dot(position: Int)
    case `nil`(position: Int)
    case field(FieldNode)
    case variable(VariableNode)
    /// Fields selected from a parenthesized pipeline or a function result: `(.X).Y`.
    case chain(ChainNode)
    case bool(Bool, position: Int)
    case number(NumberNode)
    case string(StringNode)
    case pipe(PipeNode)
}

/// A function name in a command, with the function it names.
final class FunctionNode: Sendable {
    let position: Int
    let name: String
    let function: TemplateFunction

    init(position: Int, name: String, function: TemplateFunction) {
        self.position = position
        self.name = name
        self.function = function
    }
}

/// `.A.B.C`: a chain of field names starting from dot.
final class FieldNode: Sendable {
    let position: Int
    let names: [String]

    init(position: Int, names: [String]) {
        self.position = position
        self.names = names
    }
}

/// `$x.A.B`: a variable, possibly followed by field names (`names[0]` is the variable).
final class VariableNode: Sendable {
    let position: Int
    let names: [String]

    init(position: Int, names: [String]) {
        self.position = position
        self.names = names
    }
}

/// A term followed by field names: `(pipeline).A.B`.
final class ChainNode: Sendable {
    let position: Int
    let base: Argument
    let fields: [String]

    init(position: Int, base: Argument, fields: [String]) {
        self.position = position
        self.base = base
        self.fields = fields
    }
}

/// A string constant, with its quoted source text.
final class StringNode: Sendable {
    let position: Int
    let quoted: String
    let text: String

    init(position: Int, quoted: String, text: String) {
        self.position = position
        self.quoted = quoted
        self.text = text
    }
}
