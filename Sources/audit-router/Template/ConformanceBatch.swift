import Foundation
import GoTemplate

/// The conformance kit's batch protocol: one JSON case per input line
/// (`{"id", "template", "data", "name"}`), one JSON result per output line
/// (`{"id", "output"}` or `{"id", "output"?, "error", "phase"}`), as `shared/conformance`'s
/// oracle speaks it.
enum ConformanceBatch {
    /// Runs one case line and returns its result line (without the newline).
    static func run(caseLine: [UInt8]) -> [UInt8] {
        var result = BatchResult()
        guard let testCase = CaseLine(caseLine) else {
            return result.failing(phase: "input", "input: json: cannot unmarshal into a case object")
        }
        let text: String
        var name = ""
        do {
            result.id = try testCase.decoded("id") ?? .null
            guard case .string(let given)? = try testCase.decoded("template") else {
                return result.failing(phase: "input", "input: case has no \"template\" string")
            }
            text = given
            if case .string(let given)? = try testCase.decoded("name") { name = given }
        } catch {
            return result.failing(phase: "input", "input: \(error)")
        }
        let data: Value
        do {
            data = try testCase.decoded("data") ?? .null
        } catch {
            return result.failing(phase: "data", "data: \(error)")
        }

        let template: Template
        do {
            template = try Template(name: name, text: text, functions: .standard)
        } catch {
            return result.failing(phase: "parse", error.message)
        }
        var output: [UInt8] = []
        do {
            try template.execute(data, into: &output)
            result.output = output
        } catch {
            result.output = output
            return result.failing(phase: "exec", error.message)
        }
        return result.encoded()
    }
}

/// One result line of the batch protocol.
private struct BatchResult {
    var id: Value = .null
    var output: [UInt8]?
    var error: String?
    var phase: String?

    mutating func failing(phase: String, _ message: String) -> [UInt8] {
        self.phase = phase
        self.error = message
        return encoded()
    }

    func encoded() -> [UInt8] {
        var line: [UInt8] = Array("{\"id\":".utf8)
        line += (try? id.jsonBytes(escapeHTML: false)) ?? Array("null".utf8)
        if let output {
            line += Array(",\"output\":".utf8)
            if let text = String(validating: output, as: UTF8.self) {
                line += Value.string(text).jsonStringBytes()
            } else {
                line += Value.string(String(decoding: output, as: UTF8.self)).jsonStringBytes()
                line += Array(",\"output_b64\":\"\(Data(output).base64EncodedString())\"".utf8)
            }
        }
        if let error {
            line += Array(",\"error\":".utf8) + Value.string(error).jsonStringBytes()
            line += Array(",\"phase\":\"\(phase ?? "exec")\"".utf8)
        }
        line.append(UInt8(ascii: "}"))
        return line
    }
}
