/// Go's `text/template` builtin functions, and `toJson`, which the engine implements natively
/// but which templates only see when ``FunctionMap/standard`` registers it.
enum Builtin: String, Sendable {
    case and, or, not, len, index, slice, call
    case print, printf, println, html, js, urlquery
    case eq, ne, lt, le, gt, ge
    case toJson

    /// Whether Go's templates have this function without registering it.
    var isGoBuiltin: Bool { self != .toJson }

    /// Whether the function's result is text that printing can write straight to the output.
    var writesText: Bool {
        switch self {
        case .print, .printf, .println, .toJson: return true
        default: return false
        }
    }

    /// The Go signature's parameter count.
    var arity: TemplateFunction.Arity {
        switch self {
        case .and, .or, .index, .slice, .call, .eq, .printf: return .atLeast(1)
        case .print, .println, .html, .js, .urlquery: return .atLeast(0)
        case .not, .len, .toJson: return .exactly(1)
        case .ne, .lt, .le, .gt, .ge: return .exactly(2)
        }
    }

    /// What Go's parameters are declared as, which decides how arguments are evaluated.
    enum Parameter {
        /// `reflect.Value`: the value as evaluated, nil allowed.
        case reflectValue
        /// `any`: an empty interface.
        case interface
        /// `string`: only a string constant or a string value.
        case string
    }

    /// The type of the parameter at `index` (0-based).
    func parameter(at index: Int) -> Parameter {
        switch self {
        case .print, .println, .html, .js, .urlquery, .toJson: return .interface
        case .printf: return index == 0 ? .string : .interface
        default: return .reflectValue
        }
    }
}
