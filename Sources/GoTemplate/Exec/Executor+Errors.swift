/// A node an execution error can be reported at (Go's `state.at(node)`).
enum ErrorSite: Sendable {
    case none
    case node(Node)
    case argument(Argument)
    case pipe(PipeNode)
    case command(CommandNode)

    var position: Int? {
        switch self {
        case .none: return nil
        case .node(let node): return node.position
        case .argument(let argument): return argument.position
        case .pipe(let pipe): return pipe.position
        case .command(let command): return command.position
        }
    }

    var description: String {
        switch self {
        case .none: return ""
        case .node(let node): return node.description
        case .argument(let argument): return argument.description
        case .pipe(let pipe): return pipe.description
        case .command(let command): return command.description
        }
    }
}

extension Executor {
    /// Execution nested past `LargeStack.maxHops` large stacks (Go stops at a 1 GB stack with a
    /// fatal error; this is an error of the template instead).
    func stackExhausted() -> TemplateError {
        error("exceeded the maximum stack size: templates or actions nested too deep")
    }

    /// An execution error at the current site, worded as Go's `state.errorf`. Line and column
    /// are computed only now, from the site's byte offset; the message (which may describe
    /// nodes) on a large stack when the tree is deep.
    func error(_ message: @autoclosure () -> String) -> TemplateError {
        TemplateError(phase: .execution, message: LargeStack.text(deep: storage.isDeep) { errorMessage(message()) })
    }

    private func errorMessage(_ message: String) -> String {
        let site = current >= 0 ? storage.sites[Int(current)] : .none
        guard let position = site.position else {
            return "template: \(executingName): \(message)"
        }
        let before = storage.source[..<min(position, storage.source.count)]
        let line = 1 + before.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        let column: Int
        if let lastNewline = before.lastIndex(of: 0x0A) {
            column = position - (lastNewline + 1)
        } else {
            column = position
        }
        return "template: \(storage.name):\(line):\(column): executing \(goQuote(executingName)) at <\(site.description)>: \(message)"
    }
}
