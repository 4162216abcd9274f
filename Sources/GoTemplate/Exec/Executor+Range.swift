/// `{{range}}` over arrays, maps and (as Go 1.22 added) integers.
extension Executor {
    mutating func walkRange(_ dot: Operand, _ branch: BranchNode) throws(TemplateError) -> Flow {
        let saved = mark
        defer { pop(to: saved) }
        let value = try evalPipeline(dot, branch.pipe)
        let loopMark = mark
        let declared = branch.pipe.declarations.count

        switch value.value {
        case .array(let elements) where !elements.isEmpty:
            for (i, element) in elements.enumerated() {
                let flow = try iterate(branch, declared: declared, loopMark: loopMark,
                                       index: Operand(value: .int(i), boxed: false), element: Operand(value: element, boxed: true))
                if flow == .break { break }
            }
            return .normal
        case .map(let map) where !map.isEmpty:
            for i in 0..<map.count {
                let flow = try iterate(branch, declared: declared, loopMark: loopMark,
                                       index: Operand(value: .string(map[entryAt: i].key), boxed: false), element: Operand(value: map[entryAt: i].value, boxed: true))
                if flow == .break { break }
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
                    let flow = try iterate(branch, declared: declared, loopMark: loopMark,
                                           index: .missing, element: Operand(value: element, boxed: false))
                    if flow == .break { break }
                }
                return .normal
            }
        case .array, .map, .missing, .null:
            break
        default:
            // Reported at the last node the pipeline evaluated, as Go does.
            throw error("range can't iterate over \(GoFormatter.sprint([value.value]))")
        }
        if let elseList = branch.elseList {
            return try walk(dot, elseList)
        }
        return .normal
    }

    /// Runs the body once with the loop variables set.
    private mutating func iterate(_ branch: BranchNode, declared: Int, loopMark: Int, index: Operand, element: Operand) throws(TemplateError) -> Flow {
        if declared > 0 { variables[variables.count - 1].operand = element }
        if declared > 1 { variables[variables.count - 2].operand = index }
        defer { pop(to: loopMark) }
        return try walk(element, branch.list)
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
