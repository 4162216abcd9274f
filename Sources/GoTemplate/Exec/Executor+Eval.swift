/// Evaluation of pipelines, commands, fields and arguments (Go's `evalPipeline` and friends).
extension Executor {
    mutating func evalPipeline(_ dot: Operand, _ pipe: PipeNode?) throws(TemplateError) -> Operand {
        guard let pipe else { return .missing }
        current = .pipe(pipe)
        var value: Operand? = nil
        for command in pipe.commands {
            let result = try evalCommand(dot, command, final: value)
            // Go unwraps the empty interface after each command.
            value = Operand(value: result.unwrapped, boxed: false)
        }
        let result = value ?? .missing
        for variable in pipe.declarations {
            if pipe.isAssign {
                try setVariable(variable.names[0], result)
            } else {
                push(variable.names[0], result)
            }
        }
        return result
    }

    private mutating func evalCommand(_ dot: Operand, _ command: CommandNode, final: Operand?) throws(TemplateError) -> Operand {
        let first = command.arguments[0]
        switch first {
        case .field(let field):
            return try evalFieldChain(dot, receiver: dot, site: first, names: field.names[...], arguments: command.arguments, final: final)
        case .chain(let chain):
            return try evalChain(dot, chain, site: first, arguments: command.arguments, final: final)
        case .function(let function):
            return try evalCall(dot, function, site: .command(command), arguments: command.arguments, final: final)
        case .pipe(let pipe):
            try notAFunction(command.arguments, final)
            return try evalPipeline(dot, pipe)
        case .variable(let variable):
            return try evalVariable(dot, variable, site: first, arguments: command.arguments, final: final)
        default:
            break
        }
        current = .argument(first)
        try notAFunction(command.arguments, final)
        switch first {
        case .bool(let value, _): return Operand(value: .bool(value), boxed: false)
        case .dot: return dot
        case .nil: throw error("nil is not a command")
        case .number(let number): return Operand(value: try idealConstant(number, site: first), boxed: false)
        case .string(let string): return Operand(value: .string(string.text), boxed: false)
        default: throw error("can't evaluate command \(goQuote(first.description))")
        }
    }

    private func notAFunction(_ arguments: [Argument], _ final: Operand?) throws(TemplateError) {
        if arguments.count > 1 || final != nil {
            throw error("can't give argument to non-function \(arguments[0])")
        }
    }

    /// Go's `idealConstant`: a number constant as an `int` or `float64`.
    mutating func idealConstant(_ number: NumberNode, site: Argument) throws(TemplateError) -> Value {
        current = .argument(site)
        if number.isComplex {
            throw error("complex constant \(number.text) is not supported")
        }
        let text = number.text
        let isHexInt = text.count > 2 && text.hasPrefix("0") && (text.dropFirst().first == "x" || text.dropFirst().first == "X")
            && !text.contains("p") && !text.contains("P")
        let isRune = text.hasPrefix("'")
        if number.isFloat && !isHexInt && !isRune && text.contains(where: { ".eEpP".contains($0) }) {
            return .float64(number.float64)
        }
        if number.isInt { return .int(Int(number.int64)) }
        if number.isUint { throw error("\(text) overflows int") }
        return .missing
    }

    private mutating func evalChain(_ dot: Operand, _ chain: ChainNode, site: Argument, arguments: [Argument]?, final: Operand?) throws(TemplateError) -> Operand {
        current = .argument(site)
        if case .nil = chain.base {
            throw error("indirection through explicit nil in \(site)")
        }
        let base = try evalArg(dot, nil, chain.base)
        return try evalFieldChain(dot, receiver: base, site: site, names: chain.fields[...], arguments: arguments, final: final)
    }

    private mutating func evalVariable(_ dot: Operand, _ variable: VariableNode, site: Argument, arguments: [Argument]?, final: Operand?) throws(TemplateError) -> Operand {
        current = .argument(site)
        let value = try self.variable(variable.names[0])
        if variable.names.count == 1 {
            try notAFunction(arguments ?? [], final)
            return value
        }
        return try evalFieldChain(dot, receiver: value, site: site, names: variable.names[1...], arguments: arguments, final: final)
    }

    private mutating func evalFieldChain(_ dot: Operand, receiver: Operand, site: Argument, names: ArraySlice<String>, arguments: [Argument]?, final: Operand?) throws(TemplateError) -> Operand {
        current = .argument(site)
        var receiver = receiver
        for name in names.dropLast() {
            receiver = try evalField(name, arguments: nil, final: nil, receiver: receiver)
        }
        return try evalField(names.last!, arguments: arguments, final: final, receiver: receiver)
    }

    /// Go's `evalField`: a struct field or a map element of the receiver.
    private func evalField(_ name: String, arguments: [Argument]?, final: Operand?, receiver: Operand) throws(TemplateError) -> Operand {
        let hasArguments = (arguments?.count ?? 0) > 1 || final != nil
        switch receiver.value {
        case .missing:
            if template.options.missingKey == .error {
                throw error("nil data; no entry for key \(goQuote(name))")
            }
            return .missing
        case .null:
            throw error("nil pointer evaluating \(receiver.staticTypeName).\(name)")
        case .map(let map):
            if hasArguments { throw error("\(name) is not a method but has arguments") }
            if let index = map.index(of: name) {
                return Operand(value: map.values[index], boxed: true)
            }
            switch template.options.missingKey {
            case .default: return .missing
            case .zero: return Operand(value: .null, boxed: true)
            case .error: throw error("map has no entry for key \(goQuote(name))")
            }
        case .record(let record):
            if let field = record.field(named: name) {
                if let first = name.unicodeScalars.first, !first.properties.isUppercase {
                    throw error("\(name) is an unexported field of struct type \(receiver.staticTypeName)")
                }
                if hasArguments { throw error("\(name) has arguments but cannot be invoked as function") }
                var value = field.value
                if field.isInterface, case .missing = value { value = .null }
                return Operand(value: value, boxed: field.isInterface)
            }
        default:
            break
        }
        throw error("can't evaluate field \(name) in type \(receiver.staticTypeName)")
    }

    /// Go's `evalArg` for a parameter of the given kind (nil: no type, as for a chain's base).
    mutating func evalArg(_ dot: Operand, _ parameter: Builtin.Parameter?, _ argument: Argument) throws(TemplateError) -> Operand {
        current = .argument(argument)
        switch argument {
        case .dot:
            return try validateType(dot, parameter)
        case .nil:
            guard let parameter else { return .missing }
            switch parameter {
            case .reflectValue: return .missing
            case .interface: return Operand(value: .null, boxed: true)
            case .string: throw error("cannot assign nil to string")
            }
        case .field(let field):
            return try validateType(evalFieldChain(dot, receiver: dot, site: argument, names: field.names[...], arguments: [argument], final: nil), parameter)
        case .variable(let variable):
            return try validateType(evalVariable(dot, variable, site: argument, arguments: nil, final: nil), parameter)
        case .pipe(let pipe):
            return try validateType(evalPipeline(dot, pipe), parameter)
        case .function(let function):
            return try validateType(evalCall(dot, function, site: .argument(argument), arguments: [argument], final: nil), parameter)
        case .chain(let chain):
            return try validateType(evalChain(dot, chain, site: argument, arguments: nil, final: nil), parameter)
        case .bool(let value, _):
            if parameter == .string { throw error("expected string; found \(argument)") }
            return Operand(value: .bool(value), boxed: false)
        case .number(let number):
            if parameter == .string { throw error("expected string; found \(argument)") }
            return Operand(value: try idealConstant(number, site: argument), boxed: false)
        case .string(let string):
            return Operand(value: .string(string.text), boxed: false)
        }
    }

    /// Go's `validateType`: checks a value against a parameter's type.
    func validateType(_ operand: Operand, _ parameter: Builtin.Parameter?) throws(TemplateError) -> Operand {
        guard let parameter else { return operand }
        switch parameter {
        case .reflectValue:
            return operand
        case .interface:
            if case .missing = operand.value { return Operand(value: .null, boxed: true) }
            return operand
        case .string:
            switch operand.value {
            case .string: return Operand(value: operand.value, boxed: false)
            case .missing: throw error("invalid value; expected string")
            case .null: throw error("wrong type for value; expected string; got interface {}")
            default: throw error("wrong type for value; expected string; got \(operand.value.goTypeName)")
            }
        }
    }
}
