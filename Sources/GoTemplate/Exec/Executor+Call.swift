/// Calling functions: argument count checks, `and`/`or` short-circuit, argument evaluation by
/// parameter type, and error wrapping (Go's `evalCall`).
extension Executor {
    /// Calls `node`'s function. With `printing`, a text-writing builtin writes its result
    /// straight to the output and the call returns `.missing`.
    @discardableResult
    mutating func evalCall(_ dot: Operand, _ node: FunctionNode, site: SiteID, arguments: ArraySlice<Argument>, final: Operand?, printing: Bool = false) throws(TemplateError) -> Operand {
        current = node.site
        let function = node.function
        let count = arguments.count + (final == nil ? 0 : 1)
        switch function.arity {
        case .atLeast(let fixed):
            if count < fixed { throw error("wrong number of args for \(node.name): want at least \(fixed) got \(arguments.count)") }
        case .exactly(let fixed):
            if count != fixed { throw error("wrong number of args for \(node.name): want \(fixed) got \(count)") }
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
            let base = argumentStack.count
            defer { argumentStack.removeSubrange(base...) }
            for (i, argument) in arguments.enumerated() {
                let value = try evalArg(dot, builtin.parameter(at: i), argument)
                argumentStack.append(value)
            }
            if let final {
                argumentStack.append(try validateType(final, builtin.parameter(at: count - 1)))
            }
            let result: Operand
            let written = output.count
            do throws(BuiltinError) {
                if printing {
                    try writeBuiltin(builtin, base: base)
                    result = .missing
                } else {
                    result = try callBuiltin(builtin, argumentStack[base...])
                }
            } catch {
                current = site
                throw self.error("error calling \(node.name): \(error.message)")
            }
            if isBudgeted {
                current = site
                try chargeWork(of: builtin, named: node.name, arguments: argumentStack[base...], result: result.value, written: output.count - written)
            }
            return result
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
                throw self.error("error calling \(node.name): \(error)")
            }
        }
    }

    /// Fills `valueScratch` with the values of the arguments from `base` on.
    private mutating func gatherValues(from base: Int) {
        valueScratch.removeAll(keepingCapacity: true)
        for i in base..<argumentStack.count { valueScratch.append(argumentStack[i].value) }
    }

    /// Runs a text-writing builtin, appending its result to the output.
    private mutating func writeBuiltin(_ builtin: Builtin, base: Int) throws(BuiltinError) {
        switch builtin {
        case .toJson:
            do throws(JSONEncodingError) {
                try GoJSON.marshal(argumentStack[base].value, into: &output)
            } catch {
                throw BuiltinError(error.description)
            }
        case .printf:
            guard case .string(let format) = argumentStack[base].value else { preconditionFailure("printf format is validated as a string") }
            gatherValues(from: base + 1)
            GoFormatter.sprintf(format, valueScratch, lenientNumbers: storage.options.lenientNumbers, into: &output, stoppingPast: outputLimit)
        case .print:
            gatherValues(from: base)
            GoFormatter.sprint(valueScratch, into: &output, stoppingPast: outputLimit)
        case .println:
            gatherValues(from: base)
            GoFormatter.sprintln(valueScratch, into: &output, stoppingPast: outputLimit)
        default:
            preconditionFailure("\(builtin) does not write text")
        }
    }

    private mutating func callBuiltin(_ builtin: Builtin, _ arguments: ArraySlice<Operand>) throws(BuiltinError) -> Operand {
        let lenient = storage.options.lenientNumbers
        // Text past the budget is an error (`chargeWork`): stop making it there.
        let limit = storage.options.maxOutputBytes ?? .max
        // Builtins other than print, println and the escapers take at least one argument.
        var first: Operand { arguments[arguments.startIndex] }
        var rest: ArraySlice<Operand> { arguments.dropFirst() }
        func result(_ value: Value) -> Operand { Operand(value: value, boxed: false) }
        switch builtin {
        case .and, .or:
            preconditionFailure("and/or short-circuit in evalCall")
        case .not:
            return result(.bool(!first.value.isTrue))
        case .len:
            return result(.int(try Builtins.length(first)))
        case .index:
            return try Builtins.index(first, rest)
        case .slice:
            return result(try Builtins.slice(first, rest))
        case .call:
            return try Builtins.call(first)
        case .print:
            return result(.string(GoFormatter.sprint(arguments.map(\.value), stoppingPast: limit)))
        case .println:
            return result(.string(GoFormatter.sprintln(arguments.map(\.value), stoppingPast: limit)))
        case .printf:
            guard case .string(let format) = first.value else { preconditionFailure("printf format is validated as a string") }
            return result(.string(GoFormatter.sprintf(format, rest.map(\.value), lenientNumbers: lenient, stoppingPast: limit)))
        case .html:
            return result(.string(htmlEscapeString(Builtins.escaperInput(arguments, stoppingPast: limit))))
        case .js:
            return result(.string(jsEscapeString(Builtins.escaperInput(arguments, stoppingPast: limit))))
        case .urlquery:
            return result(.string(queryEscape(Builtins.escaperInput(arguments, stoppingPast: limit))))
        case .toJson:
            do throws(JSONEncodingError) {
                return result(.string(try GoJSON.marshal(first.value)))
            } catch {
                throw BuiltinError(error.description)
            }
        case .eq:
            return result(.bool(try Comparison.equal(first, rest, lenient: lenient)))
        case .ne:
            return result(.bool(!(try Comparison.equal(first, rest, lenient: lenient))))
        case .lt:
            return result(.bool(try Comparison.less(first, rest.first!, lenient: lenient)))
        case .le:
            return result(.bool(try Comparison.lessOrEqual(first, rest.first!, lenient: lenient)))
        case .gt:
            return result(.bool(!(try Comparison.lessOrEqual(first, rest.first!, lenient: lenient))))
        case .ge:
            return result(.bool(!(try Comparison.less(first, rest.first!, lenient: lenient))))
        }
    }
}

/// An error a builtin returns; execution reports it as `error calling NAME: MESSAGE`.
struct BuiltinError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
