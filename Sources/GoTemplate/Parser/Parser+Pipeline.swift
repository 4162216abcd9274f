/// Pipelines, commands and operands (the inside of an action).
extension Parser {
    mutating func pipeline(_ context: String, end: TokenKind) throws(TemplateError) -> PipeNode {
        if mustHopMarkingDeep() { return try continueOnLargeStack { parser throws(TemplateError) in try parser.pipeline(context, end: end) } }
        let start = peekNonSpace()
        var declarations: [VariableNode] = []
        var isAssign = false
        declarations: while true {
            let v = peekNonSpace()
            guard v.kind == .variable else { break }
            _ = next()
            let tokenAfterVariable = peek()
            let following = peekNonSpace()
            if following.kind == .assign || following.kind == .declare {
                isAssign = following.kind == .assign
                _ = nextNonSpace()
                declarations.append(declaredVariable(v))
                variables.append(v.value)
            } else if following.kind == .char && following.value == "," {
                _ = nextNonSpace()
                declarations.append(declaredVariable(v))
                variables.append(v.value)
                if context == "range" && declarations.count < 2 {
                    switch peekNonSpace().kind {
                    case .variable, .rightDelim, .rightParen:
                        continue declarations
                    default:
                        throw error("range can only initialize variables")
                    }
                }
                throw error("too many declarations in \(context)")
            } else if tokenAfterVariable.kind == .space {
                backup3(v, tokenAfterVariable)
            } else {
                backup2(v)
            }
            break
        }
        var commands: [CommandNode] = []
        while true {
            let t = nextNonSpace()
            switch t.kind {
            case end:
                let id = sites.reserve()
                let pipe = PipeNode(site: id, position: start.position, line: start.line, isAssign: isAssign, declarations: declarations, commands: commands)
                sites.fill(id, .pipe(pipe))
                try checkPipeline(pipe, context)
                return pipe
            case .bool, .charConstant, .complex, .dot, .field, .identifier, .number, .nil, .rawString, .string, .variable, .leftParen:
                backup()
                commands.append(try command())
            default:
                throw unexpected(t, context)
            }
        }
    }

    private func checkPipeline(_ pipe: PipeNode, _ context: String) throws(TemplateError) {
        if pipe.commands.isEmpty { throw error("missing value for \(context)") }
        for (i, command) in pipe.commands.enumerated().dropFirst() {
            switch command.arguments[0] {
            case .bool, .dot, .nil, .number, .string:
                throw error("non executable command in pipeline stage \(i + 1)")
            default:
                continue
            }
        }
    }

    private mutating func command() throws(TemplateError) -> CommandNode {
        let position = peekNonSpace().position
        var arguments: [Argument] = []
        loop: while true {
            _ = peekNonSpace()
            if let operand = try operand() { arguments.append(operand) }
            let t = next()
            switch t.kind {
            case .space:
                continue loop
            case .rightDelim, .rightParen:
                backup()
            case .pipe:
                break
            default:
                throw unexpected(t, "operand")
            }
            break loop
        }
        if arguments.isEmpty { throw error("empty command") }
        let id = sites.reserve()
        let command = CommandNode(site: id, position: position, arguments: arguments)
        sites.fill(id, .command(command))
        return command
    }

    private mutating func operand() throws(TemplateError) -> Argument? {
        guard let node = try term() else { return nil }
        guard peek().kind == .field else { return node }
        let chainPosition = peek().position
        var fields: [String] = []
        while peek().kind == .field { fields.append(String(next().value.dropFirst())) }
        switch node {
        case .field(let field):
            return try registered { .field(FieldNode(site: $0, position: chainPosition, names: field.names + fields)) }
        case .variable(let variable):
            return try registered { .variable(VariableNode(site: $0, position: chainPosition, names: variable.names + fields)) }
        case .bool, .string, .number, .nil, .dot:
            throw error("unexpected . after term \(goQuote(node.description))")
        default:
            return try registered { .chain(ChainNode(site: $0, position: chainPosition, base: node, fields: fields)) }
        }
    }

    private mutating func term() throws(TemplateError) -> Argument? {
        let t = nextNonSpace()
        switch t.kind {
        case .identifier:
            guard let function = functions.function(named: t.value) else {
                throw error("function \(goQuote(t.value)) not defined")
            }
            return try registered { .function(FunctionNode(site: $0, position: t.position, name: t.value, function: function)) }
        case .dot:
            return try registered { .dot(position: t.position, site: $0) }
        case .nil:
            return try registered { .nil(position: t.position, site: $0) }
        case .variable:
            return try useVariable(t)
        case .field:
            let names = t.value.dropFirst().split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            return try registered { .field(FieldNode(site: $0, position: t.position, names: names)) }
        case .bool:
            return try registered { .bool(t.value == "true", position: t.position, site: $0) }
        case .charConstant, .complex, .number:
            return try registered { (id) throws(TemplateError) in
                do throws(TemplateSyntaxError) {
                    return .number(try NumberNode(position: t.position, site: id, text: t.value, kind: t.kind))
                } catch {
                    throw self.error(error.message)
                }
            }
        case .leftParen:
            try enterNesting()
            defer { nesting -= 1 }
            return .pipe(try pipeline("parenthesized pipeline", end: .rightParen))
        case .string, .rawString:
            guard let text = goUnquote(t.value) else { throw error("invalid syntax") }
            return try registered { .string(StringNode(site: $0, position: t.position, quoted: t.value, text: text)) }
        default:
            backup()
            return nil
        }
    }

    private func useVariable(_ t: Token) throws(TemplateError) -> Argument {
        let names = t.value.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard variables.contains(names[0]) else { throw error("undefined variable \(goQuote(names[0]))") }
        return try registered { .variable(VariableNode(site: $0, position: t.position, names: names)) }
    }

    private func declaredVariable(_ t: Token) -> VariableNode {
        let id = sites.reserve()
        let variable = VariableNode(site: id, position: t.position, names: t.value.split(separator: ".", omittingEmptySubsequences: false).map(String.init))
        sites.fill(id, .argument(.variable(variable)))
        return variable
    }
}
