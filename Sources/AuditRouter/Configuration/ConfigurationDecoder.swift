import Yams

/// A YAML node being read, with the key path and position that problems about it name: the
/// position of its key when it is a mapping value, else its own.
struct ConfigNode {
    let node: Node
    let path: String
    let mark: Mark?

    /// The value of `key` in this mapping, located at `keyMark`.
    func child(_ key: String, _ value: Node, keyMark: Mark?) -> ConfigNode {
        ConfigNode(node: value, path: path.isEmpty ? key : "\(path).\(key)", mark: keyMark ?? value.mark)
    }

    /// Element `index` of this sequence.
    func element(_ index: Int, _ value: Node) -> ConfigNode {
        ConfigNode(node: value, path: "\(path)[\(index)]", mark: value.mark)
    }

    /// Whether the node is YAML null (`~`, `null` or nothing), which counts as absent.
    var isNull: Bool {
        Resolver.default.resolveTag(of: node) == .null
    }
}

/// Reads a configuration document: typed values out of YAML nodes, `${VAR}` expanded in every
/// scalar first, paths resolved against the config file's folder, and every problem collected
/// with its file, line and key path rather than stopping at the first.
struct ConfigurationDecoder {
    /// The config file as the loader was given it, for messages.
    let file: String
    /// The config file's folder, absolute: relative paths in the file are resolved against it.
    let directory: String
    /// What `${VAR}` reads.
    let environment: [String: String]
    /// What is wrong so far.
    private(set) var problems: [ConfigurationProblem] = []

    init(file: String, directory: String, environment: [String: String]) {
        self.file = file
        self.directory = directory
        self.environment = environment
    }

    /// Records a problem about `node`.
    mutating func report(_ message: String, at node: ConfigNode) {
        report(message, path: node.path, mark: node.mark)
    }

    /// Records a problem at a key path and position.
    mutating func report(_ message: String, path: String, mark: Mark?) {
        problems.append(ConfigurationProblem(file: file, line: mark?.line, column: mark?.column, keyPath: path, message: message))
    }

    /// The values of a mapping with a fixed set of keys. Reports a node that is not a mapping
    /// and every key not in `allowed`; keys whose value is null are left out, but those in
    /// `keepingNull`. Merge keys (`<<: *defaults`) supply the keys the mapping does not set itself.
    mutating func fields(of node: ConfigNode, allowed: [String], keepingNull: Set<String> = []) -> [String: ConfigNode]? {
        guard let entries = entries(of: node) else { return nil }
        var fields: [String: ConfigNode] = [:]
        for (key, value) in entries {
            guard allowed.contains(key) else {
                report("unknown key (expected one of: \(allowed.joined(separator: ", ")))", at: value)
                continue
            }
            if !value.isNull || keepingNull.contains(key) { fields[key] = value }
        }
        return fields
    }

    /// The entries of a mapping with any string keys, in file order, merge keys applied.
    /// Reports a node that is not a mapping, and keys that are not scalars.
    mutating func entries(of node: ConfigNode) -> [(key: String, value: ConfigNode)]? {
        guard case .mapping(let mapping) = node.node else {
            report("expected a mapping, got \(describe(node.node))", at: node)
            return nil
        }
        var entries: [(key: String, value: ConfigNode)] = []
        var merged: [(key: String, value: ConfigNode)] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                report("keys must be plain strings", path: node.path, mark: key.mark)
                continue
            }
            if Resolver.default.resolveTag(of: key) == .merge {
                merged += mergedEntries(node.child("<<", value, keyMark: key.mark))
            } else {
                entries.append((scalar.string, node.child(scalar.string, value, keyMark: key.mark)))
            }
        }
        for entry in merged where !entries.contains(where: { $0.key == entry.key }) {
            entries.append((entry.key, node.child(entry.key, entry.value.node, keyMark: entry.value.mark)))
        }
        return entries
    }

    /// The entries a merge key brings in: one mapping's, or a list of mappings' (earlier first).
    private mutating func mergedEntries(_ node: ConfigNode) -> [(key: String, value: ConfigNode)] {
        guard case .sequence(let sequence) = node.node else { return entries(of: node) ?? [] }
        var merged: [(key: String, value: ConfigNode)] = []
        for (index, element) in sequence.enumerated() {
            for entry in entries(of: node.element(index, element)) ?? [] where !merged.contains(where: { $0.key == entry.key }) {
                merged.append(entry)
            }
        }
        return merged
    }

    /// The elements of a sequence; reports anything else.
    mutating func elements(of node: ConfigNode) -> [ConfigNode]? {
        guard case .sequence(let sequence) = node.node else {
            report("expected a list, got \(describe(node.node))", at: node)
            return nil
        }
        return sequence.enumerated().map { node.element($0.offset, $0.element) }
    }

    /// A scalar's text with `${VAR}` expanded; reports collections and malformed references.
    mutating func scalar(_ node: ConfigNode) -> ExpandedText? {
        guard case .scalar(let scalar) = node.node else {
            report("expected a single value, got \(describe(node.node))", at: node)
            return nil
        }
        do {
            return try expandEnvironment(scalar.string, environment: environment)
        } catch {
            report(error.message, at: node)
            return nil
        }
    }

    /// `a mapping`, `a list` or `"text"`, for messages.
    func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar): return "\"\(scalar.string)\""
        case .alias: return "an alias"
        }
    }
}
