import GoTemplate

/// The conformance kit's batch protocol: one JSON case per input line
/// (`{"id", "template", "data", "name"}`), one JSON result per output line
/// (`{"id", "output"}` or `{"id", "output"?, "error", "phase"}`), as `shared/conformance`'s
/// oracle speaks it.
enum ConformanceBatch {
    /// Runs one case line and returns its result line (without the newline).
    static func run(caseLine: [UInt8]) -> [UInt8] {
        var result = BatchResult()
        let testCase: ValueMap
        do {
            guard case .map(let map) = try Value(json: caseLine) else {
                return result.failing(phase: "input", "input: json: cannot unmarshal into a case object")
            }
            testCase = map
        } catch {
            return result.failing(phase: "input", "input: \(error)")
        }
        result.id = testCase["id"] ?? .null
        guard case .string(let text)? = testCase["template"] else {
            return result.failing(phase: "input", "input: case has no \"template\" string")
        }
        var name = ""
        if case .string(let given)? = testCase["name"] { name = given }
        let data = testCase["data"] ?? .null

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
                line += Array(",\"output_b64\":\"\(base64(output))\"".utf8)
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

/// Standard base64 with padding.
private func base64(_ bytes: [UInt8]) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    var out: [UInt8] = []
    var i = 0
    while i < bytes.count {
        let b0 = UInt32(bytes[i])
        let b1 = i + 1 < bytes.count ? UInt32(bytes[i + 1]) : 0
        let b2 = i + 2 < bytes.count ? UInt32(bytes[i + 2]) : 0
        let triple = b0 << 16 | b1 << 8 | b2
        out.append(alphabet[Int(triple >> 18 & 63)])
        out.append(alphabet[Int(triple >> 12 & 63)])
        out.append(i + 1 < bytes.count ? alphabet[Int(triple >> 6 & 63)] : UInt8(ascii: "="))
        out.append(i + 2 < bytes.count ? alphabet[Int(triple & 63)] : UInt8(ascii: "="))
        i += 3
    }
    return String(decoding: out, as: UTF8.self)
}
