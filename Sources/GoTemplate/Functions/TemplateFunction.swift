/// A function templates can call by name. Host programs register their own through
/// ``FunctionMap``; Go's builtins are always available unless a registered function of the
/// same name replaces them.
public struct TemplateFunction: Sendable {
    /// How many arguments the function takes.
    public enum Arity: Sendable, Equatable {
        /// Exactly this many.
        case exactly(Int)
        /// This many or more (a Go variadic function with this many fixed parameters).
        case atLeast(Int)
    }

    let arity: Arity
    let body: Body

    enum Body: Sendable {
        case builtin(Builtin)
        case custom(@Sendable ([Value]) throws -> Value)
    }

    /// A host function. It receives each argument as a Go `interface {}` would hold it (a missing
    /// or nil argument is `.null`); an error it throws stops execution with
    /// `error calling NAME: <error>`, the error's description.
    public init(arity: Arity, _ body: @escaping @Sendable ([Value]) throws -> Value) {
        self.arity = arity
        self.body = .custom(body)
    }

    /// Whether printing this function's result can be done by writing it straight to the output.
    var writesText: Bool {
        if case .builtin(let builtin) = body { return builtin.writesText }
        return false
    }

    init(builtin: Builtin) {
        self.arity = builtin.arity
        self.body = .builtin(builtin)
    }
}

/// Functions by name, as Go's `template.FuncMap`.
public typealias FunctionMap = [String: TemplateFunction]

/// The functions a template resolves names against at parse time.
struct FunctionLookup: Sendable {
    let custom: FunctionMap

    /// The registered function called `name`, else the builtin, else nil.
    func function(named name: String) -> TemplateFunction? {
        if let function = custom[name] { return function }
        if let builtin = Builtin(rawValue: name), builtin.isGoBuiltin { return TemplateFunction(builtin: builtin) }
        return nil
    }
}
