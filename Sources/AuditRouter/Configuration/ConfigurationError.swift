/// Everything wrong with a configuration file: every problem found, not just the first, one line
/// each (`config.yaml:14:5: sinks[0].timeout: invalid duration "10 s" (use 500ms, 10s, 5m, 24h)`).
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// The problems, in the order of the file.
    public var problems: [ConfigurationProblem]

    public init(problems: [ConfigurationProblem]) {
        self.problems = problems
    }

    /// One problem per line.
    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}

/// One problem in a configuration file, located by file, line, column and key path.
public struct ConfigurationProblem: Sendable, Equatable, CustomStringConvertible {
    /// The configuration file, as the loader was given it.
    public var file: String
    /// The 1-based line of the key or value at fault; nil for problems with the file as a whole.
    public var line: Int?
    /// The 1-based column (in Unicode scalars) of the key or value at fault.
    public var column: Int?
    /// Where in the document: `sinks[0].retry.max_attempts`; empty for the document itself.
    public var keyPath: String
    /// What is wrong, and where useful, what would be right.
    public var message: String

    public init(file: String, line: Int?, column: Int?, keyPath: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.keyPath = keyPath
        self.message = message
    }

    /// `FILE:LINE:COLUMN: KEY.PATH: MESSAGE`, leaving out the parts that are unknown.
    public var description: String {
        var location = file
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        return keyPath.isEmpty ? "\(location): \(message)" : "\(location): \(keyPath): \(message)"
    }
}
