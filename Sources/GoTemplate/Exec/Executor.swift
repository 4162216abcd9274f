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

/// A variable on the executor's stack.
struct Variable {
    let name: String
    var operand: Operand
}

/// The state of one execution (Go's `state`): the output, the variable stack and the depth of
/// nested template calls. The template itself is never modified.
struct Executor: StackBounded {
    /// Go's limit on nested `{{template}}` calls.
    static let maxTemplateDepth = 100_000

    let storage: TemplateStorage
    var output: [UInt8]
    /// The name of the template being executed, for error messages.
    var executingName: String
    var variables: [Variable] = []
    var depth = 0
    /// Go's `state.node`: the site errors are reported at.
    var current: SiteID = -1
    /// The stack address below which walking continues on a large-stack thread.
    var stackLimit: UInt = 0
    var stackHops = 0
    /// Evaluated call arguments, as a stack reused across calls.
    var argumentStack: [Operand] = []
    /// Argument values handed to the formatter, reused across calls.
    var valueScratch: [Value] = []
    /// Steps taken so far (nodes walked and range iterations begun), against `stepLimit`.
    var steps = 0
    /// `Options.maxSteps`, or no limit.
    let stepLimit: Int
    /// The length `output` may reach: what it held before, plus `Options.maxOutputBytes`.
    let outputLimit: Int

    init(storage: TemplateStorage, output: [UInt8]) {
        self.storage = storage
        self.output = output
        self.executingName = storage.name
        stepLimit = storage.options.maxSteps ?? .max
        let (limit, overflow) = output.count.addingReportingOverflow(storage.options.maxOutputBytes ?? .max)
        outputLimit = overflow ? .max : limit
    }

    /// Executes `tree` with `data` as dot and `$`.
    mutating func run(tree: Tree, data: Value) throws(TemplateError) {
        executingName = tree.name
        // Go's Execute takes `any`: nil data is no value at all.
        let dot = Operand(value: data.isNil ? .missing : data, boxed: false)
        variables = [Variable(name: "$", operand: dot)]
        startStackBudget()
        _ = try walk(dot, tree.root)
    }

    // MARK: Variables

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

    mutating func variable(_ name: String) throws(TemplateError) -> Operand {
        for i in variables.indices.reversed() where variables[i].name == name {
            return variables[i].operand
        }
        throw error("undefined variable: \(name)")
    }

    // MARK: Walking the tree

    mutating func walk(_ dot: Operand, _ list: ListNode) throws(TemplateError) -> Flow {
        if mustHop { return try continueOnLargeStack { executor throws(TemplateError) in try executor.walk(dot, list) } }
        for node in list.nodes {
            let flow = try walk(dot, node)
            if flow != .normal { return flow }
        }
        return .normal
    }

    mutating func walk(_ dot: Operand, _ node: Node) throws(TemplateError) -> Flow {
        try takeStep(at: node.walkSite)
        switch node {
        case .text(let text):
            output.append(contentsOf: text.bytes)
            try checkOutputLimit(at: -1)
        case .action(let action):
            current = action.site
            if action.pipe.declarations.isEmpty {
                try evalPipelineAndPrint(dot, action.pipe, action: action)
                try checkOutputLimit(at: action.site)
            } else {
                _ = try evalPipeline(dot, action.pipe)
            }
        case .branch(let branch):
            current = branch.site
            switch branch.kind {
            case .if, .with: return try walkIfOrWith(dot, branch)
            case .range: return try walkRange(dot, branch)
            }
        case .template(let call):
            current = call.site
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

    private mutating func walkTemplate(_ dot: Operand, _ call: TemplateNode) throws(TemplateError) {
        guard let tree = storage.trees[call.name] else {
            throw error("template \(goQuote(call.name)) not defined")
        }
        if depth == Executor.maxTemplateDepth {
            throw error("exceeded maximum template depth (\(Executor.maxTemplateDepth))")
        }
        let newDot = try evalPipeline(dot, call.pipe)
        let savedVariables = variables
        let savedName = executingName
        variables = [Variable(name: "$", operand: newDot)]
        executingName = call.name
        depth += 1
        defer {
            depth -= 1
            variables = savedVariables
            executingName = savedName
        }
        _ = try walk(newDot, tree.root)
    }

    // MARK: Printing

    /// Evaluates an action's pipeline and prints its value. When the last command is a
    /// formatting function (`printf`, `print`, `println`, `toJson`), its result is written
    /// straight into the output, byte for byte what printing the returned string would give.
    private mutating func evalPipelineAndPrint(_ dot: Operand, _ pipe: PipeNode, action: ActionNode) throws(TemplateError) {
        current = pipe.site
        var value: Operand? = nil
        let last = pipe.commands.count - 1
        for (i, command) in pipe.commands.enumerated() {
            if i == last, case .function(let function) = command.arguments[0], function.function.writesText {
                try evalCall(dot, function, site: command.site, arguments: command.arguments.dropFirst(), final: value, printing: true)
                return
            }
            let result = try evalCommand(dot, command, final: value)
            value = Operand(value: result.unwrapped, boxed: false)
        }
        current = action.site
        switch value?.value ?? .missing {
        case .missing, .null:
            output.append(contentsOf: "<no value>".utf8)
        case .string(let string):
            appendString(string, into: &output)
        case let other:
            GoFormatter.appendDefault(other, into: &output)
        }
    }
}
