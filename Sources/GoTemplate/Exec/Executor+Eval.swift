/// Evaluation of pipelines, commands, fields and arguments (Go's `evalPipeline` and friends).
/// Each step records its site in `current` where Go calls `state.at`, so that errors name the
/// same node Go's do.
extension Executor {
    mutating func evalPipeline(_ dot: Operand, _ pipe: PipeNode?) throws(TemplateError) -> Operand {
        guard let pipe else { return .missing }
        if mustHop { return try continueOnLargeStack { executor throws(TemplateError) in try executor.evalPipeline(dot, pipe) } }
        current = pipe.site
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
                variables.append(Variable(name: variable.names[0], operand: result))
            }
        }
        return result
    }

    mutating func evalCommand(_ dot: Operand, _ command: CommandNode, final: Operand?) throws(TemplateError) -> Operand {
        let first = command.arguments[0]
        switch first {
        case .field(let field):
            current = field.site
            return try evalFieldChain(receiver: dot, names: field.names[...], hasArguments: command.arguments.count > 1 || final != nil)
        case .chain(let chain):
            return try evalChain(dot, chain, hasArguments: command.arguments.count > 1 || final != nil)
        case .function(let function):
            return try evalCall(dot, function, site: command.site, arguments: command.arguments.dropFirst(), final: final)
        case .pipe(let pipe):
            try notAFunction(command.arguments, final)
            return try evalPipeline(dot, pipe)
        case .variable(let variable):
            return try evalVariable(variable, arguments: command.arguments, final: final)
        default:
            break
        }
        current = first.site
        try notAFunction(command.arguments, final)
        switch first {
        case .bool(let value, _, _): return Operand(value: .bool(value), boxed: false)
        case .dot: return dot
        case .nil: throw error("nil is not a command")
        case .number(let number): return Operand(value: try idealConstant(number), boxed: false)
        case .string(let string): return Operand(value: .string(string.text), boxed: false)
        default: throw error("can't evaluate command \(goQuote(first.description))")
        }
    }

    private mutating func notAFunction(_ arguments: [Argument], _ final: Operand?) throws(TemplateError) {
        if arguments.count > 1 || final != nil {
            throw error("can't give argument to non-function \(arguments[0])")
        }
    }

    /// Go's `idealConstant`: a number constant as an `int` or `float64`.
    mutating func idealConstant(_ number: NumberNode) throws(TemplateError) -> Value {
        current = number.site
        if number.isComplex {
            throw error("complex constant \(number.text) is not supported")
        }
        let text = number.text.utf8
        let isHexInt = text.count > 2 && text.first == UInt8(ascii: "0")
            && (text.dropFirst().first == UInt8(ascii: "x") || text.dropFirst().first == UInt8(ascii: "X"))
            && !text.contains(UInt8(ascii: "p")) && !text.contains(UInt8(ascii: "P"))
        let isRune = text.first == UInt8(ascii: "'")
        if number.isFloat && !isHexInt && !isRune && text.contains(where: { ".eEpP".utf8.contains($0) }) {
            return .float64(number.float64)
        }
        if number.isInt { return .int(Int(number.int64)) }
        if number.isUint { throw error("\(number.text) overflows int") }
        return .missing
    }

    private mutating func evalChain(_ dot: Operand, _ chain: ChainNode, hasArguments: Bool) throws(TemplateError) -> Operand {
        current = chain.site
        if case .nil = chain.base {
            throw error("indirection through explicit nil in \(Argument.chain(chain))")
        }
        let base = try evalArg(dot, nil, chain.base)
        return try evalFieldChain(receiver: base, names: chain.fields[...], hasArguments: hasArguments)
    }

    private mutating func evalVariable(_ variable: VariableNode, arguments: [Argument]?, final: Operand?) throws(TemplateError) -> Operand {
        current = variable.site
        let value = try self.variable(variable.names[0])
        if variable.names.count == 1 {
            try notAFunction(arguments ?? [], final)
            return value
        }
        return try evalFieldChain(receiver: value, names: variable.names[1...], hasArguments: (arguments?.count ?? 0) > 1 || final != nil)
    }

    /// Go's `evalFieldChain`; `hasArguments` says whether the last field was given arguments.
    private mutating func evalFieldChain(receiver: Operand, names: ArraySlice<String>, hasArguments: Bool) throws(TemplateError) -> Operand {
        var receiver = receiver
        var index = names.startIndex
        while index < names.endIndex - 1 {
            receiver = try evalField(names[index], hasArguments: false, receiver: receiver)
            index += 1
        }
        return try evalField(names[index], hasArguments: hasArguments, receiver: receiver)
    }

    /// Go's `evalField`: a struct field or a map element of the receiver.
    private mutating func evalField(_ name: String, hasArguments: Bool, receiver: Operand) throws(TemplateError) -> Operand {
        switch receiver.value {
        case .map(let map):
            if hasArguments { throw error("\(name) is not a method but has arguments") }
            if let index = map.index(of: name) {
                return Operand(value: map.values[index], boxed: true)
            }
            switch storage.options.missingKey {
            case .default: return .missing
            case .zero: return Operand(value: .null, boxed: true)
            case .error: throw error("map has no entry for key \(goQuote(name))")
            }
        case .missing:
            if storage.options.missingKey == .error {
                throw error("nil data; no entry for key \(goQuote(name))")
            }
            return .missing
        case .null:
            throw error("nil pointer evaluating \(receiver.staticTypeName).\(name)")
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
        current = argument.site
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
            current = field.site
            return try validateType(evalFieldChain(receiver: dot, names: field.names[...], hasArguments: false), parameter)
        case .variable(let variable):
            return try validateType(evalVariable(variable, arguments: nil, final: nil), parameter)
        case .pipe(let pipe):
            return try validateType(evalPipeline(dot, pipe), parameter)
        case .function(let function):
            return try validateType(evalCall(dot, function, site: function.site, arguments: [], final: nil), parameter)
        case .chain(let chain):
            return try validateType(evalChain(dot, chain, hasArguments: false), parameter)
        case .bool(let value, _, _):
            if parameter == .string { throw error("expected string; found \(argument)") }
            return Operand(value: .bool(value), boxed: false)
        case .number(let number):
            if parameter == .string { throw error("expected string; found \(argument)") }
            return Operand(value: try idealConstant(number), boxed: false)
        case .string(let string):
            return Operand(value: .string(string.text), boxed: false)
        }
    }

    /// Go's `validateType`: checks a value against a parameter's type.
    mutating func validateType(_ operand: Operand, _ parameter: Builtin.Parameter?) throws(TemplateError) -> Operand {
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
