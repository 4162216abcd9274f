/// The execution budget of `Template.Options` (`maxSteps`, `maxOutputBytes`): checks made as
/// the walk goes, each an integer comparison. A node or a `range` iteration is one step; a
/// builtin whose work grows with its data is charged for it too, so that no template of normal
/// size makes quadratic work or unbounded memory out of large data without reaching a limit.
extension Executor {
    /// Bytes of text a builtin makes or compares per step charged.
    static let bytesPerStep = 16
    /// Elements `slice` copies per step charged.
    static let elementsPerStep = 4

    /// Whether either limit is set (Go's unlimited execution skips the accounting of builtins).
    var isBudgeted: Bool { stepLimit != .max || outputLimit != .max }

    /// Counts the step of walking the node at `site` (-1 for text); throws, naming that node,
    /// once the execution has taken more than `Options.maxSteps`.
    @inline(__always)
    mutating func takeStep(at site: SiteID) throws(TemplateError) {
        steps &+= 1
        if steps > stepLimit {
            current = site
            throw stepLimitExceeded()
        }
    }

    /// Counts `count` steps; throws once the execution has taken more than `Options.maxSteps`.
    @inline(__always)
    mutating func takeSteps(_ count: Int) throws(TemplateError) {
        steps &+= count
        if steps > stepLimit { throw stepLimitExceeded() }
    }

    private func stepLimitExceeded() -> TemplateError {
        error("execution exceeds the limit of \(stepLimit) steps (nodes walked, range iterations and builtins' work)")
    }

    /// Throws once the output has grown past `Options.maxOutputBytes`, reporting the error at
    /// `site` (the action that wrote last, or none for text). The output keeps what was written
    /// up to the limit.
    @inline(__always)
    mutating func checkOutputLimit(at site: SiteID) throws(TemplateError) {
        if output.count > outputLimit {
            current = site
            output.removeSubrange(outputLimit...)
            throw error("output exceeds the limit of \(storage.options.maxOutputBytes ?? .max) bytes")
        }
    }

    /// Charges a builtin call for its work: the text it made (`print`, `printf`, `println`,
    /// the escapers, `toJson`, whether returned or `written` to the output), the elements
    /// `slice` copied, the bytes a comparison of strings may compare. A returned string longer than
    /// `Options.maxOutputBytes` is an error: it could only be printed past the limit, and
    /// doubling one in a variable would otherwise take memory without bound. Errors name the
    /// current site (the call's command).
    mutating func chargeWork(of builtin: Builtin, named name: String, arguments: ArraySlice<Operand>, result: Value, written: Int) throws(TemplateError) {
        var bytes = written
        var elements = 0
        switch builtin {
        case .print, .println, .printf, .html, .js, .urlquery, .toJson, .slice:
            switch result {
            case .string(let text): bytes += text.utf8.count
            case .array(let copied): elements = copied.count
            default: break
            }
            if let limit = storage.options.maxOutputBytes, bytes - written > limit {
                throw error("error calling \(name): its result of \(bytes - written) bytes exceeds the limit of \(limit) bytes")
            }
        case .eq, .ne:
            // Strings of different lengths are told apart at once; equal lengths are compared.
            guard case .string(let first) = arguments.first?.value else { break }
            let length = first.utf8.count
            for argument in arguments.dropFirst() {
                if case .string(let text) = argument.value, text.utf8.count == length { bytes += length }
            }
        case .lt, .le, .gt, .ge:
            if case .string(let a) = arguments.first?.value, case .string(let b) = arguments.dropFirst().first?.value {
                bytes += min(a.utf8.count, b.utf8.count)
            }
        default:
            break
        }
        try takeSteps(bytes / Self.bytesPerStep + elements / Self.elementsPerStep)
    }
}
