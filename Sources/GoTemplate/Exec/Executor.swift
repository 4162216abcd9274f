/// A value as evaluation carries it: the value, and whether its static Go type is `interface {}`
/// (an element of a JSON map or array, or a record field declared so). Go unwraps interfaces
/// at the end of each pipeline; until then the distinction decides some errors.
struct Operand {
    var value: Value
    var boxed: Bool

    static let missing = Operand(value: .missing, boxed: false)

    /// The Go type name of the operand's static type, as errors print it.
    var staticTypeName: String { boxed ? "interface {}" : value.goTypeName }

    /// Go's `indirectInterface`: the value inside an interface (a nil interface becomes missing).
    var unwrapped: Value {
        if case .null = value { return .missing }
        return value
    }
}

/// Whether a range body finished normally or hit `{{break}}` / `{{continue}}`.
enum Flow {
    case normal, `break`, `continue`
}

/// The state of one execution (Go's `state`): the output, the variable stack and the depth of
/// nested template calls. The template itself is never modified.
struct Executor {
    /// Go's limit on nested `{{template}}` calls.
    static let maxTemplateDepth = 100_000

    let template: Template
    var output: [UInt8]
    /// The name of the template being executed, for error messages.
    var executingName: String
    var variables: [(name: String, operand: Operand)] = []
    var depth = 0
    /// Go's `state.node`: the node errors are reported at.
    var current: ErrorSite = .none

    init(template: Template, output: [UInt8]) {
        self.template = template
        self.output = output
        self.executingName = template.name
    }

    /// Executes `tree` with `data` as dot and `$`.
    mutating func run(tree: Tree, data: Value) throws(TemplateError) {
        executingName = tree.name
        // Go's Execute takes `any`: nil data is no value at all.
        let dot = Operand(value: data.isNil ? .missing : data, boxed: false)
        variables = [("$", dot)]
        _ = try walk(dot, tree.root)
    }

    // MARK: Variables

    mutating func push(_ name: String, _ operand: Operand) {
        variables.append((name, operand))
    }

    var mark: Int { variables.count }

    mutating func pop(to mark: Int) {
        if variables.count > mark { variables.removeSubrange(mark...) }
    }

    mutating func setVariable(_ name: String, _ operand: Operand) throws(TemplateError) {
        for i in variables.indices.reversed() where variables[i].name == name {
            variables[i].operand = operand
            return
        }
        throw error("undefined variable: \(name)")
    }

    func variable(_ name: String) throws(TemplateError) -> Operand {
        for i in variables.indices.reversed() where variables[i].name == name {
            return variables[i].operand
        }
        throw error("undefined variable: \(name)")
    }

    // MARK: Walking the tree

    mutating func walk(_ dot: Operand, _ list: ListNode) throws(TemplateError) -> Flow {
        for node in list.nodes {
            let flow = try walk(dot, node)
            if flow != .normal { return flow }
        }
        return .normal
    }

    mutating func walk(_ dot: Operand, _ node: Node) throws(TemplateError) -> Flow {
        switch node {
        case .text(let text):
            output.append(contentsOf: text.bytes)
        case .action(let action):
            current = .node(node)
            let value = try evalPipeline(dot, action.pipe)
            if action.pipe.declarations.isEmpty { try printValue(node, value) }
        case .branch(let branch):
            current = .node(node)
            switch branch.kind {
            case .if, .with: return try walkIfOrWith(dot, branch)
            case .range: return try walkRange(dot, branch, node)
            }
        case .template(let call):
            current = .node(node)
            try walkTemplate(dot, call)
        case .break:
            return .break
        case .continue:
            return .continue
        case .comment:
            break
        }
        return .normal
    }

    private mutating func walkIfOrWith(_ dot: Operand, _ branch: BranchNode) throws(TemplateError) -> Flow {
        let saved = mark
        defer { pop(to: saved) }
        let value = try evalPipeline(dot, branch.pipe)
        if value.value.isTrue {
            return try walk(branch.kind == .with ? value : dot, branch.list)
        } else if let elseList = branch.elseList {
            return try walk(dot, elseList)
        }
        return .normal
    }

    private mutating func walkRange(_ dot: Operand, _ branch: BranchNode, _ node: Node) throws(TemplateError) -> Flow {
        let saved = mark
        defer { pop(to: saved) }
        let value = try evalPipeline(dot, branch.pipe)
        let loopMark = mark
        let declared = branch.pipe.declarations.count

        // Runs the body once; returns false when the loop must stop.
        func iterate(_ executor: inout Executor, index: Operand, element: Operand) throws(TemplateError) -> Bool {
            if declared > 0 { executor.variables[executor.variables.count - 1].operand = element }
            if declared > 1 { executor.variables[executor.variables.count - 2].operand = index }
            defer { executor.pop(to: loopMark) }
            return try executor.walk(element, branch.list) != .break
        }

        switch value.value {
        case .array(let elements) where !elements.isEmpty:
            for (i, element) in elements.enumerated() {
                let keepGoing = try iterate(&self, index: Operand(value: .int(i), boxed: false), element: Operand(value: element, boxed: true))
                if !keepGoing { break }
            }
            return .normal
        case .map(let map) where !map.isEmpty:
            for i in 0..<map.count {
                let keepGoing = try iterate(&self, index: Operand(value: .string(map.keys[i]), boxed: false), element: Operand(value: map.values[i], boxed: true))
                if !keepGoing { break }
            }
            return .normal
        case .int, .int64, .uint8:
            // Go 1.22: range over an integer n visits 0..<n, as values of the integer's type.
            if declared > 1 {
                throw error("can't use \(GoFormatter.sprint([value.value])) to iterate over more than one variable")
            }
            let count = integerValue(value.value) ?? 0
            if count > 0 {
                for i in 0..<count {
                    let element: Value
                    switch value.value {
                    case .int64: element = .int64(i)
                    case .uint8: element = .uint8(UInt8(i))
                    default: element = .int(Int(i))
                    }
                    let keepGoing = try iterate(&self, index: .missing, element: Operand(value: element, boxed: false))
                    if !keepGoing { break }
                }
                return .normal
            }
        case .array, .map, .missing, .null:
            break
        default:
            current = .node(node)
            throw error("range can't iterate over \(GoFormatter.sprint([value.value]))")
        }
        if let elseList = branch.elseList {
            return try walk(dot, elseList)
        }
        return .normal
    }

    private mutating func walkTemplate(_ dot: Operand, _ call: TemplateNode) throws(TemplateError) {
        guard let tree = template.trees[call.name] else {
            throw error("template \(goQuote(call.name)) not defined")
        }
        if depth == Executor.maxTemplateDepth {
            throw error("exceeded maximum template depth (\(Executor.maxTemplateDepth))")
        }
        let newDot = try evalPipeline(dot, call.pipe)
        let savedVariables = variables
        let savedName = executingName
        variables = [("$", newDot)]
        executingName = call.name
        depth += 1
        defer {
            depth -= 1
            variables = savedVariables
            executingName = savedName
        }
        if depth % LargeStack.depthPerHop == 0 {
            try LargeStack.run(&self) { (executor: inout Executor) throws(TemplateError) in
                _ = try executor.walk(newDot, tree.root)
            }
        } else {
            _ = try walk(newDot, tree.root)
        }
    }

    // MARK: Printing

    private mutating func printValue(_ node: Node, _ operand: Operand) throws(TemplateError) {
        current = .node(node)
        switch operand.value {
        case .missing, .null:
            output.append(contentsOf: "<no value>".utf8)
        case .string(let string):
            output.append(contentsOf: string.utf8)
        default:
            GoFormatter.appendDefault(operand.value, into: &output)
        }
    }
}

/// Go's integer value of an integer-kinded value.
func integerValue(_ value: Value) -> Int64? {
    switch value {
    case .int(let i): return Int64(i)
    case .int64(let i): return i
    case .uint8(let i): return Int64(i)
    default: return nil
    }
}
