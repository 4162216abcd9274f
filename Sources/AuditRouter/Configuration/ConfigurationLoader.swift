import Foundation
import Yams

/// Loads `config.yaml`: YAML through Yams, `${VAR}` / `${VAR:-default}` / `${VAR:+value}` expanded
/// in every scalar, every key and type checked, every template compiled, every path resolved
/// against the config file's folder.
public enum ConfigurationLoader {
    /// Loads and validates the configuration file at `path` (relative to the working directory
    /// when not absolute), reading `${VAR}` references from `environment`.
    ///
    /// Throws every problem found, each naming the file (as `path` was given), line, column and
    /// key path.
    public static func load(
        path: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigurationError) -> RouterConfiguration {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        guard let data = FileManager.default.contents(atPath: url.path) else {
            let reason = FileManager.default.fileExists(atPath: url.path) ? "cannot read the file" : "no such file"
            throw ConfigurationError(problems: [ConfigurationProblem(file: path, line: nil, column: nil, keyPath: "", message: reason)])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(problems: [
                ConfigurationProblem(file: path, line: nil, column: nil, keyPath: "", message: "not UTF-8 text"),
            ])
        }
        let root: Node?
        do {
            if let shielded = ReferenceShield.shield(text) {
                root = try Yams.compose(yaml: shielded).map(ReferenceShield.unshield)
            } else {
                root = try Yams.compose(yaml: text)
            }
        } catch {
            throw ConfigurationError(problems: [yamlProblem(error, file: path)])
        }
        var decoder = ConfigurationDecoder(
            file: path, directory: url.deletingLastPathComponent().path, environment: environment)
        let configuration = decoder.configuration(root)
        guard decoder.problems.isEmpty else { throw ConfigurationError(problems: inFileOrder(decoder.problems)) }
        return configuration
    }

    /// `problems` sorted by line and column, keeping the order they were found in otherwise.
    private static func inFileOrder(_ problems: [ConfigurationProblem]) -> [ConfigurationProblem] {
        problems.enumerated().sorted { a, b in
            (a.element.line ?? 0, a.element.column ?? 0, a.offset) < (b.element.line ?? 0, b.element.column ?? 0, b.offset)
        }.map(\.element)
    }

    /// A YAML syntax error, located where libyaml found it.
    static func yamlProblem(_ error: any Error, file: String) -> ConfigurationProblem {
        func problem(_ mark: Mark?, _ message: String) -> ConfigurationProblem {
            ConfigurationProblem(file: file, line: mark?.line, column: mark?.column, keyPath: "", message: message)
        }
        guard let error = error as? YamlError else { return problem(nil, "invalid YAML: \(error)") }
        switch error {
        case .scanner(let context, let message, let mark, _), .parser(let context, let message, let mark, _),
            .composer(let context, let message, let mark, _):
            let detail = context.map { " (\($0.text) at line \($0.mark.line), column \($0.mark.column))" } ?? ""
            return problem(mark, "invalid YAML: \(message)\(detail)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            return problem(context.mark, "duplicate key \(keys) in a mapping")
        default:
            return problem(nil, "invalid YAML: \(error)")
        }
    }
}
