/// The tokens of one template text, shared by the parsers of its top-level tree and of the
/// templates it defines (Go's shared lexer).
final class TokenStream {
    let tokens: [Token]
    var index = 0

    init(_ tokens: [Token]) {
        self.tokens = tokens
    }

    func next() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }
}

/// A parsed template body and the name it was defined under.
struct Tree: Sendable {
    let name: String
    let root: ListNode
}

/// A recursive-descent parser for one tree, ported from Go's `text/template/parse/parse.go`:
/// same grammar, same three-token lookahead, same error messages and line numbers.
struct Parser: StackBounded {
    var name: String
    let parseName: String
    let stream: TokenStream
    let functions: FunctionLookup
    var treeSet: TreeSet
    let sites: SiteTable
    var token: [Token]
    var peekCount = 0
    var variables: [String] = ["$"]
    var actionLine = 0
    var rangeDepth = 0
    /// Nested parenthesized pipelines and blocks being parsed.
    var nesting = 0
    /// Deeper nesting is a parse error (Go has no limit; this one keeps recursion bounded).
    static let maxNesting = 10_000
    var stackLimit: UInt = 0
    var stackHops = 0

    /// Parses `text` as the template `name`, adding it and every template it defines to `treeSet`.
    static func parse(name: String, text: String, functions: FunctionLookup, into treeSet: TreeSet, sites: SiteTable) throws(TemplateError) {
        let stream = TokenStream(Lexer.tokenize(text))
        var parser = Parser(name: name, parseName: name, stream: stream, functions: functions, treeSet: treeSet, sites: sites)
        parser.startStackBudget()
        let root = try parser.parseTopLevel()
        try parser.add(root)
    }

    private init(name: String, parseName: String, stream: TokenStream, functions: FunctionLookup, treeSet: TreeSet, sites: SiteTable) {
        self.sites = sites
        self.name = name
        self.parseName = parseName
        self.stream = stream
        self.functions = functions
        self.treeSet = treeSet
        let placeholder = Token(kind: .eof, position: 0, value: "", line: 1)
        self.token = [placeholder, placeholder, placeholder]
    }

    /// A parser for a template defined inside this one, reading the same tokens.
    func subParser(named name: String) -> Parser {
        var parser = Parser(name: name, parseName: parseName, stream: stream, functions: functions, treeSet: treeSet, sites: sites)
        parser.stackLimit = stackLimit
        return parser
    }

    /// Whether the parse must go on on a large stack; if so, the tree is deep (see `TreeSet.isDeep`).
    mutating func mustHopMarkingDeep() -> Bool {
        guard mustHop else { return false }
        treeSet.isDeep = true
        return true
    }

    // MARK: Token lookahead

    mutating func next() -> Token {
        if peekCount > 0 {
            peekCount -= 1
        } else {
            token[0] = stream.next()
        }
        return token[peekCount]
    }

    mutating func backup() { peekCount += 1 }

    mutating func backup2(_ t1: Token) {
        token[1] = t1
        peekCount = 2
    }

    mutating func backup3(_ t2: Token, _ t1: Token) {
        token[1] = t1
        token[2] = t2
        peekCount = 3
    }

    mutating func peek() -> Token {
        if peekCount > 0 { return token[peekCount - 1] }
        peekCount = 1
        token[0] = stream.next()
        return token[0]
    }

    mutating func nextNonSpace() -> Token {
        var t: Token
        repeat { t = next() } while t.kind == .space
        return t
    }

    mutating func peekNonSpace() -> Token {
        let t = nextNonSpace()
        backup()
        return t
    }

    // MARK: Errors

    func error(_ message: String) -> TemplateError {
        TemplateError(phase: .parse, message: "template: \(parseName):\(token[0].line): \(message)")
    }

    mutating func expect(_ expected: TokenKind, _ context: String) throws(TemplateError) -> Token {
        let t = nextNonSpace()
        if t.kind != expected { throw unexpected(t, context) }
        return t
    }

    mutating func expectOneOf(_ first: TokenKind, _ second: TokenKind, _ context: String) throws(TemplateError) -> Token {
        let t = nextNonSpace()
        if t.kind != first && t.kind != second { throw unexpected(t, context) }
        return t
    }

    func unexpected(_ t: Token, _ context: String) -> TemplateError {
        if t.kind == .error {
            var extra = ""
            if actionLine != 0 && actionLine != t.line {
                extra = " in action started at \(parseName):\(actionLine)"
                if t.value.hasSuffix(" action") { extra = String(extra.dropFirst(" in action".count)) }
            }
            return error("\(t)\(extra)")
        }
        return error("unexpected \(t) in \(context)")
    }

    // MARK: Trees

    /// Go's `Tree.add`: a non-empty redefinition of a template is an error.
    mutating func add(_ root: ListNode) throws(TemplateError) {
        if let existing = treeSet.trees[name], !existing.root.isEmptyTree {
            if !root.isEmptyTree { throw error("template: multiple definition of template \(goQuote(name))") }
            return
        }
        treeSet.trees[name] = Tree(name: name, root: root)
    }

    mutating func parseTopLevel() throws(TemplateError) -> ListNode {
        let position = peek().position
        var nodes: [Node] = []
        while peek().kind != .eof {
            if peek().kind == .leftDelim {
                let delim = next()
                if nextNonSpace().kind == .define {
                    var definition = subParser(named: "definition")
                    try definition.parseDefinition()
                    continue
                }
                backup2(delim)
            }
            switch try textOrAction() {
            case .node(let node): nodes.append(node)
            case .end: throw error("unexpected {{end}}")
            case .else: throw error("unexpected {{else}}")
            }
        }
        return ListNode(position: position, nodes: nodes)
    }

    mutating func parseDefinition() throws(TemplateError) {
        let context = "define clause"
        let nameToken = try expectOneOf(.string, .rawString, context)
        guard let definedName = goUnquote(nameToken.value) else { throw error("invalid syntax") }
        name = definedName
        _ = try expect(.rightDelim, context)
        let (root, end) = try itemList()
        guard case .end = end else { throw error("unexpected \(end) in \(context)") }
        try add(root)
    }

    /// What ended an item list.
    enum Terminator: CustomStringConvertible {
        case end(position: Int)
        case `else`(position: Int, line: Int)
        var description: String {
            switch self {
            case .end: return "{{end}}"
            case .else: return "{{else}}"
            }
        }
    }

    enum Item {
        case node(Node)
        case end(position: Int)
        case `else`(position: Int, line: Int)
    }

    mutating func itemList() throws(TemplateError) -> (ListNode, Terminator) {
        if mustHopMarkingDeep() { return try continueOnLargeStack { parser throws(TemplateError) in try parser.itemList() } }
        let position = peekNonSpace().position
        var nodes: [Node] = []
        while peekNonSpace().kind != .eof {
            switch try textOrAction() {
            case .node(let node): nodes.append(node)
            case .end(let p): return (ListNode(position: position, nodes: nodes), .end(position: p))
            case .else(let p, let l): return (ListNode(position: position, nodes: nodes), .else(position: p, line: l))
            }
        }
        throw error("unexpected EOF")
    }

    mutating func textOrAction() throws(TemplateError) -> Item {
        let t = nextNonSpace()
        switch t.kind {
        case .text:
            return .node(.text(TextNode(position: t.position, bytes: Array(t.value.utf8))))
        case .leftDelim:
            actionLine = t.line
            defer { actionLine = 0 }
            return try action()
        case .comment:
            return .node(.comment(position: t.position, text: t.value))
        default:
            throw unexpected(t, "input")
        }
    }

    // MARK: Actions

    mutating func action() throws(TemplateError) -> Item {
        let t = nextNonSpace()
        switch t.kind {
        case .block: return .node(try blockControl())
        case .break: return .node(.break(try loopControl(t, "{{break}}")))
        case .continue: return .node(.continue(try loopControl(t, "{{continue}}")))
        case .else: return try elseControl()
        case .end: return .end(position: try expect(.rightDelim, "end").position)
        case .if: return .node(.branch(try branchControl(.if, "if")))
        case .range: return .node(.branch(try branchControl(.range, "range")))
        case .template: return .node(try templateControl())
        case .with: return .node(.branch(try branchControl(.with, "with")))
        default:
            backup()
            let start = peek()
            let pipe = try pipeline("command", end: .rightDelim)
            return .node(registered { .action(ActionNode(site: $0, position: start.position, line: start.line, pipe: pipe)) })
        }
    }

    mutating func loopControl(_ keyword: Token, _ context: String) throws(TemplateError) -> ControlNode {
        let t = nextNonSpace()
        if t.kind != .rightDelim { throw unexpected(t, context) }
        if rangeDepth == 0 { throw error("\(context) outside {{range}}") }
        return ControlNode(position: keyword.position, line: keyword.line)
    }

    mutating func elseControl() throws(TemplateError) -> Item {
        let peeked = peekNonSpace()
        // `{{else if …}}` and `{{else with …}}` leave the keyword for the enclosing branch.
        if peeked.kind == .if || peeked.kind == .with { return .else(position: peeked.position, line: peeked.line) }
        let t = try expect(.rightDelim, "else")
        return .else(position: t.position, line: t.line)
    }

    /// `if`, `range` and `with` (Go's `parseControl`), including `else if` and `else with` chains.
    mutating func branchControl(_ kind: BranchNode.Kind, _ context: String) throws(TemplateError) -> BranchNode {
        let savedVariables = variables.count
        defer { variables.removeSubrange(savedVariables...) }
        let pipe = try pipeline(context, end: .rightDelim)
        if kind == .range { rangeDepth += 1 }
        let (list, terminator) = try itemList()
        if kind == .range { rangeDepth -= 1 }
        var elseList: ListNode?
        if case .else(let position, _) = terminator {
            if kind == .if, peek().kind == .if {
                _ = next()
                elseList = ListNode(position: position, nodes: [.branch(try branchControl(.if, "if"))])
            } else if kind == .with, peek().kind == .with {
                _ = next()
                elseList = ListNode(position: position, nodes: [.branch(try branchControl(.with, "with"))])
            } else {
                let (list, next) = try itemList()
                guard case .end = next else { throw error("expected end; found \(next)") }
                elseList = list
            }
        }
        let id = sites.reserve()
        let branch = BranchNode(site: id, kind: kind, position: pipe.position, line: pipe.line, pipe: pipe, list: list, elseList: elseList)
        sites.fill(id, .node(.branch(branch)))
        return branch
    }

    mutating func blockControl() throws(TemplateError) -> Node {
        let context = "block clause"
        let t = nextNonSpace()
        let blockName = try templateName(t, context)
        let pipe = try pipeline(context, end: .rightDelim)
        var block = subParser(named: blockName)
        let (root, end) = try block.itemList()
        guard case .end = end else { throw error("unexpected \(end) in \(context)") }
        try block.add(root)
        return registered { .template(TemplateNode(site: $0, position: t.position, line: t.line, name: blockName, pipe: pipe)) }
    }

    mutating func templateControl() throws(TemplateError) -> Node {
        let context = "template clause"
        let t = nextNonSpace()
        let calledName = try templateName(t, context)
        var pipe: PipeNode?
        if nextNonSpace().kind != .rightDelim {
            backup()
            pipe = try pipeline(context, end: .rightDelim)
        }
        return registered { .template(TemplateNode(site: $0, position: t.position, line: t.line, name: calledName, pipe: pipe)) }
    }

    /// Parsing nested past `LargeStack.maxHops` large stacks.
    func stackExhausted() -> TemplateError {
        error("exceeded the maximum stack size: actions nested too deep")
    }

    /// Counts one more level of nesting; throws past `maxNesting`.
    mutating func enterNesting() throws(TemplateError) {
        nesting += 1
        if nesting > Parser.maxNesting { throw error("nesting deeper than \(Parser.maxNesting) levels") }
    }

    /// A node built with a new site, recorded in the site table.
    func registered(_ build: (SiteID) -> Node) -> Node {
        let id = sites.reserve()
        let node = build(id)
        sites.fill(id, .node(node))
        return node
    }

    /// An operand built with a new site, recorded in the site table.
    func registered(_ build: (SiteID) throws(TemplateError) -> Argument) throws(TemplateError) -> Argument {
        let id = sites.reserve()
        let argument = try build(id)
        sites.fill(id, .argument(argument))
        return argument
    }

    func templateName(_ t: Token, _ context: String) throws(TemplateError) -> String {
        switch t.kind {
        case .string, .rawString:
            guard let unquoted = goUnquote(t.value) else { throw error("invalid syntax") }
            return unquoted
        default:
            throw unexpected(t, context)
        }
    }
}
