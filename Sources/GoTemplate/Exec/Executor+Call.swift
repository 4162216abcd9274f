/// Calling functions: argument count checks, `and`/`or` short-circuit, argument evaluation by
/// parameter type, and error wrapping (Go's `evalCall`).
extension Executor {
    mutating func evalCall(_ dot: Operand, _ node: FunctionNode, site: ErrorSite, arguments: [Argument], final: Operand?) throws(TemplateError) -> Operand {
        current = .argument(.function(node))
        let function = node.function
        let name = node.name
        let arguments = arguments.dropFirst()
        let count = arguments.count + (final == nil ? 0 : 1)
        switch function.arity {
        case .atLeast(let fixed):
            if count < fixed { throw error("wrong number of args for \(name): want at least \(fixed) got \(arguments.count)") }
        case .exactly(let fixed):
            if count != fixed { throw error("wrong number of args for \(name): want \(fixed) got \(count)") }
        }

        switch function.body {
        case .builtin(let builtin):
            if builtin == .and || builtin == .or {
                let stopWhen = builtin == .or
                var value = Operand.missing
                for argument in arguments {
                    value = try evalArg(dot, .reflectValue, argument)
                    if value.value.isTrue == stopWhen { return value }
                }
                if let final { value = final }
                return value
            }
            var values: [Operand] = []
            values.reserveCapacity(count)
            for (i, argument) in arguments.enumerated() {
                values.append(try evalArg(dot, builtin.parameter(at: i), argument))
            }
            if let final {
                values.append(try validateType(final, builtin.parameter(at: values.count)))
            }
            do throws(BuiltinError) {
                return try callBuiltin(builtin, values)
            } catch {
                current = site
                throw self.error("error calling \(name): \(error.message)")
            }
        case .custom(let body):
            var values: [Value] = []
            values.reserveCapacity(count)
            for argument in arguments {
                values.append(try evalArg(dot, .interface, argument).value)
            }
            if let final { values.append(try validateType(final, .interface).value) }
            do {
                return Operand(value: try body(values), boxed: false)
            } catch {
                current = site
                throw self.error("error calling \(name): \(error)")
            }
        }
    }

    private func callBuiltin(_ builtin: Builtin, _ arguments: [Operand]) throws(BuiltinError) -> Operand {
        let lenient = template.options.lenientNumbers
        func result(_ value: Value) -> Operand { Operand(value: value, boxed: false) }
        switch builtin {
        case .and, .or:
            preconditionFailure("and/or short-circuit in evalCall")
        case .not:
            return result(.bool(!arguments[0].value.isTrue))
        case .len:
            return result(.int(try Builtins.length(arguments[0])))
        case .index:
            return try Builtins.index(arguments[0], arguments.dropFirst())
        case .slice:
            return result(try Builtins.slice(arguments[0], arguments.dropFirst()))
        case .call:
            return try Builtins.call(arguments[0])
        case .print:
            return result(.string(GoFormatter.sprint(arguments.map(\.value))))
        case .println:
            return result(.string(GoFormatter.sprintln(arguments.map(\.value))))
        case .printf:
            guard case .string(let format) = arguments[0].value else { preconditionFailure("printf format is validated as a string") }
            return result(.string(GoFormatter.sprintf(format, arguments.dropFirst().map(\.value), lenientNumbers: lenient)))
        case .html:
            return result(.string(htmlEscapeString(Builtins.escaperInput(arguments))))
        case .js:
            return result(.string(jsEscapeString(Builtins.escaperInput(arguments))))
        case .urlquery:
            return result(.string(queryEscape(Builtins.escaperInput(arguments))))
        case .eq:
            return result(.bool(try Comparison.equal(arguments[0], arguments.dropFirst(), lenient: lenient)))
        case .ne:
            return result(.bool(!(try Comparison.equal(arguments[0], arguments[1...], lenient: lenient))))
        case .lt:
            return result(.bool(try Comparison.less(arguments[0], arguments[1], lenient: lenient)))
        case .le:
            return result(.bool(try Comparison.lessOrEqual(arguments[0], arguments[1], lenient: lenient)))
        case .gt:
            return result(.bool(!(try Comparison.lessOrEqual(arguments[0], arguments[1], lenient: lenient))))
        case .ge:
            return result(.bool(!(try Comparison.less(arguments[0], arguments[1], lenient: lenient))))
        }
    }
}

/// An error a builtin returns; execution reports it as `error calling NAME: MESSAGE`.
struct BuiltinError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
