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
        case .array, .map, .missing, .null:
            break
        default:
            // Reported at the last node the pipeline evaluated, as Go does. An integer too: Go 1.19
            // (Flipt's contract here) has no range over integers, and with one from event data,
            // `{{range .Payload.tags}}` given 9223372036854775807 would never end.
            throw error("range can't iterate over \(GoFormatter.sprint([value.value]))")
        }
        if let elseList = branch.elseList {
            return try walk(dot, elseList)
        }
        return .normal
    }

    /// Runs the body once with the loop variables set.
    private mutating func iterate(_ branch: BranchNode, declared: Int, loopMark: Int, index: Operand, element: Operand) throws(TemplateError) -> Flow {
        try takeStep(at: branch.pipe.site)
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
