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

extension Node {
    /// The site an execution error about walking this node names: the action or template call,
    /// a branch's pipeline (not the whole branch, body included); -1 for nodes without one
    /// (text, comments, `break`, `continue`).
    var walkSite: SiteID {
        switch self {
        case .action(let node): node.site
        case .branch(let node): node.pipe.site
        case .template(let node): node.site
        case .text, .break, .continue, .comment: -1
        }
    }
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
    /// The node's entry in the template's site table, for error messages.
    let site: SiteID
    let line: Int
    let pipe: PipeNode

    init(site: SiteID, position: Int, line: Int, pipe: PipeNode) {
        self.site = site
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
    /// The node's entry in the template's site table, for error messages.
    let site: SiteID
    let line: Int
    let pipe: PipeNode
    let list: ListNode
    let elseList: ListNode?

    init(site: SiteID, kind: Kind, position: Int, line: Int, pipe: PipeNode, list: ListNode, elseList: ListNode?) {
        self.site = site
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
    /// The node's entry in the template's site table, for error messages.
    let site: SiteID
    let line: Int
    let name: String
    let pipe: PipeNode?

    init(site: SiteID, position: Int, line: Int, name: String, pipe: PipeNode?) {
        self.site = site
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
    /// The node's entry in the template's site table, for error messages.
    let site: SiteID
    let line: Int
    /// Whether the declarations assign (`=`) rather than declare (`:=`).
    let isAssign: Bool
    /// Declared or assigned variables, such as `$x` (at most two, in `range`).
    let declarations: [VariableNode]
    let commands: [CommandNode]

    init(site: SiteID, position: Int, line: Int, isAssign: Bool, declarations: [VariableNode], commands: [CommandNode]) {
        self.site = site
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
    /// The node's entry in the template's site table, for error messages.
    let site: SiteID
    let arguments: [Argument]

    init(site: SiteID, position: Int, arguments: [Argument]) {
        self.site = site
        self.position = position
        self.arguments = arguments
    }
}

/// An operand of a command.
indirect enum Argument: Sendable {
    /// A function name, resolved at parse time.
    case function(FunctionNode)
    case dot(position: Int, site: SiteID)
    case `nil`(position: Int, site: SiteID)
    case field(FieldNode)
    case variable(VariableNode)
    /// Fields selected from a parenthesized pipeline or a function result: `(.X).Y`.
    case chain(ChainNode)
    case bool(Bool, position: Int, site: SiteID)
    case number(NumberNode)
    case string(StringNode)
    case pipe(PipeNode)
}

/// A function name in a command, with the function it names.
final class FunctionNode: Sendable {
    let position: Int
    /// The node's entry in the template's site table, for error messages.
    let site: SiteID
    let name: String
    let function: TemplateFunction

    init(site: SiteID, position: Int, name: String, function: TemplateFunction) {
        self.site = site
        self.position = position
        self.name = name
        self.function = function
    }
}

/// `.A.B.C`: a chain of field names starting from dot.
final class FieldNode: Sendable {
    let position: Int
    /// The node's entry in the template's site table, for error messages.
    let site: SiteID
    let names: [String]

    init(site: SiteID, position: Int, names: [String]) {
        self.site = site
        self.position = position
        self.names = names
    }
}

/// `$x.A.B`: a variable, possibly followed by field names (`names[0]` is the variable).
final class VariableNode: Sendable {
    let position: Int
    /// The node's entry in the template's site table, for error messages.
    let site: SiteID
    let names: [String]

    init(site: SiteID, position: Int, names: [String]) {
        self.site = site
        self.position = position
        self.names = names
    }
}

/// A term followed by field names: `(pipeline).A.B`.
final class ChainNode: Sendable {
    let position: Int
    /// The node's entry in the template's site table, for error messages.
    let site: SiteID
    let base: Argument
    let fields: [String]

    init(site: SiteID, position: Int, base: Argument, fields: [String]) {
        self.site = site
        self.position = position
        self.base = base
        self.fields = fields
    }
}

/// A string constant, with its quoted source text.
final class StringNode: Sendable {
    let position: Int
    /// The node's entry in the template's site table, for error messages.
    let site: SiteID
    let quoted: String
    let text: String

    init(site: SiteID, position: Int, quoted: String, text: String) {
        self.site = site
        self.position = position
        self.quoted = quoted
        self.text = text
    }
}

/// An index into a template's table of error sites.
typealias SiteID = Int32

/// The nodes errors can be reported at, by ``SiteID``, filled in by the parser. Execution keeps
/// the current site as a plain integer, as cheap to update as Go's `state.at(node)`.
final class SiteTable {
    private(set) var sites: [ErrorSite] = []

    /// A new site to be filled in once its node exists.
    func reserve() -> SiteID {
        sites.append(.none)
        return SiteID(sites.count - 1)
    }

    /// Records the node a reserved site stands for.
    func fill(_ id: SiteID, _ site: ErrorSite) {
        sites[Int(id)] = site
    }
}
