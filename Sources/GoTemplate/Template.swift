/// A parsed Go `text/template`: immutable, `Sendable`, and executable any number of times,
/// concurrently. It holds the named template and every template its text defines.
public struct Template: Sendable {
    /// Execution options (Go's `Option("missingkey=…")`, plus ``Options/lenientNumbers`` and the
    /// execution budget, ``Options/maxOutputBytes`` and ``Options/maxSteps``, which Go lacks).
    public struct Options: Sendable {
        /// What a missing map key yields (Go's `missingkey` option).
        public enum MissingKey: String, Sendable {
            /// `<no value>` when printed (Go's `missingkey=default` / `invalid`).
            case `default`
            /// The map element type's zero value (for JSON maps, a nil interface).
            case zero
            /// Execution stops with an error.
            case error
        }

        public var missingKey: MissingKey
        /// When on, comparisons between integers and floats compare by value and printf's float
        /// verbs accept integers; in both places Go fails or prints an error marker instead.
        public var lenientNumbers: Bool
        /// The most bytes one execution may write; past it, execution stops with an error. Nil
        /// (the default) is Go's behaviour: no limit.
        public var maxOutputBytes: Int?
        /// The most steps one execution may take, a step being a node walked or a `range`
        /// iteration begun; past it, execution stops with an error. This bounds the time of
        /// templates whose work grows with their data (nested `range`s) or without end
        /// (recursive `{{template}}` calls). Nil (the default) is Go's behaviour: no limit.
        public var maxSteps: Int?

        public init(missingKey: MissingKey = .default, lenientNumbers: Bool = false, maxOutputBytes: Int? = nil, maxSteps: Int? = nil) {
            self.missingKey = missingKey
            self.lenientNumbers = lenientNumbers
            self.maxOutputBytes = maxOutputBytes
            self.maxSteps = maxSteps
        }
    }

    let storage: TemplateStorage

    /// The name the text was parsed under (Go's `template.New(name)`).
    public var name: String { storage.name }
    public var options: Options { storage.options }

    /// Parses `text` as the template `name`, resolving function names against Go's builtins and
    /// `functions` (which may replace builtins). Throws Go's parse error.
    public init(name: String = "", text: String, functions: FunctionMap = [:], options: Options = Options()) throws(TemplateError) {
        let treeSet = TreeSet()
        let sites = SiteTable()
        let lookup = FunctionLookup(custom: functions)
        // Deep nesting goes on on a large stack (see `StackBounded`).
        try Parser.parse(name: name, text: text, functions: lookup, into: treeSet, sites: sites)
        storage = TemplateStorage(
            name: name, options: options, trees: treeSet.trees, source: Array(text.utf8), sites: sites.sites, isDeep: treeSet.isDeep)
    }

    /// The names of every template in the set, sorted.
    public var templateNames: [String] { storage.trees.keys.sorted() }

    /// Executes the template named `templateName` (default: this template) with `data` as dot,
    /// appending the output to `output`. On an execution error, `output` keeps what was written
    /// before it, as Go's writer would.
    public func execute(_ data: Value, into output: inout [UInt8], templateNamed templateName: String? = nil) throws(TemplateError) {
        let target = templateName ?? name
        guard let tree = storage.trees[target] else {
            if templateName == nil {
                throw TemplateError(phase: .execution, message: "template: \(target): \(goQuote(target)) is an incomplete or empty template")
            }
            throw TemplateError(phase: .execution, message: "template: no template \(goQuote(target)) associated with template \(goQuote(name))")
        }
        var executor = Executor(storage: storage, output: output)
        defer { output = executor.output }
        try executor.run(tree: tree, data: data)
    }

    /// Executes the template and returns its output as a string (invalid UTF-8 is repaired).
    public func render(_ data: Value, templateNamed templateName: String? = nil) throws(TemplateError) -> String {
        var output: [UInt8] = []
        try execute(data, into: &output, templateNamed: templateName)
        return String(decoding: output, as: UTF8.self)
    }
}

/// What a parse produced, shared by every copy of a ``Template``.
final class TemplateStorage: @unchecked Sendable {
    // Written only in `init` and `deinit`; immutable while shared.
    let name: String
    let options: Template.Options
    private(set) var trees: [String: Tree]
    /// The parsed text, for locating execution errors.
    let source: [UInt8]
    /// The nodes errors are reported at, by site id.
    private(set) var sites: [ErrorSite]
    /// Whether the trees nest so deep that parsing them needed a large stack.
    let isDeep: Bool

    init(name: String, options: Template.Options, trees: [String: Tree], source: [UInt8], sites: [ErrorSite], isDeep: Bool) {
        self.name = name
        self.options = options
        self.trees = trees
        self.source = source
        self.sites = sites
        self.isDeep = isDeep
    }

    /// A deeply nested tree's release recurses as deep: release it on a large stack.
    deinit {
        guard isDeep else { return }
        final class Holder: @unchecked Sendable {
            var parts: ([String: Tree], [ErrorSite])?
            init(_ parts: ([String: Tree], [ErrorSite])) { self.parts = parts }
        }
        // The holder keeps the only reference, so the tree is freed inside the large stack.
        let holder = Holder((trees, sites))
        trees = [:]
        sites = []
        var unused: Void = ()
        try? LargeStack.run(&unused) { _ in holder.parts = nil }
    }
}

/// The templates of one parse, by name, filled in as the parser meets definitions.
final class TreeSet {
    var trees: [String: Tree] = [:]
    /// Parsing needed a large stack: the trees nest deep enough that releasing them does too.
    var isDeep = false
}
