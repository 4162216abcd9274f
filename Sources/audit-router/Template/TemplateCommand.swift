import ArgumentParser
import GoTemplate

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `audit-router template`: renders a Go template, speaks the conformance batch protocol, or
/// benchmarks rendering and parsing.
struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Render a Go text/template (with toJson) against JSON data.",
        discussion: """
            template TEMPLATE_FILE [DATA_JSON_FILE]      render to stdout
            template --batch                             conformance batch protocol on stdin/stdout
            template --bench ITER TEMPLATE_FILE DATA     time ITER renders (prints ns/op)
            template --bench-parse ITER TEMPLATE_FILE    time ITER parses (prints ns/op)
            On an error, what was rendered before it is printed, the error goes to stderr, and the
            exit status is 1.
            """
    )

    @Option(help: "The template's name (default: $TEMPLATE_NAME, else \"\").")
    var name: String?

    @Flag(help: "Read one JSON case per line on stdin and write one JSON result per line.")
    var batch = false

    @Option(help: ArgumentHelp("Render ITER times and print iterations=N ns/op=X.", valueName: "ITER"))
    var bench: Int?

    @Option(help: ArgumentHelp("Parse ITER times and print iterations=N ns/op=X.", valueName: "ITER"))
    var benchParse: Int?

    @Option(help: "What a missing map key yields: default, zero or error.")
    var missingkey: Template.Options.MissingKey = .default

    @Flag(help: "Compare integers with floats by value, and let printf's float verbs take integers.")
    var lenientNumbers = false

    @Option(help: ArgumentHelp("Stop with an error once the output passes N bytes (default: no limit, as in Go).", valueName: "N"))
    var maxOutputBytes: Int?

    @Option(help: ArgumentHelp("Stop with an error after N steps: nodes walked, range iterations, and builtins' work by size (default: no limit, as in Go).", valueName: "N"))
    var maxSteps: Int?

    @Argument(help: "The template file, then the JSON data file.")
    var files: [String] = []

    func validate() throws {
        if let limit = maxOutputBytes, limit < 0 { throw ValidationError("--max-output-bytes must be at least 0") }
        if let limit = maxSteps, limit < 1 { throw ValidationError("--max-steps must be at least 1") }
        if batch {
            guard files.isEmpty, bench == nil, benchParse == nil else { throw ValidationError("--batch takes no files") }
        } else if bench != nil {
            guard files.count == 2 else { throw ValidationError("--bench needs ITER TEMPLATE_FILE DATA_JSON_FILE") }
        } else if benchParse != nil {
            guard files.count == 1 else { throw ValidationError("--bench-parse needs ITER TEMPLATE_FILE") }
        } else {
            guard (1...2).contains(files.count) else { throw ValidationError("expected TEMPLATE_FILE [DATA_JSON_FILE]") }
        }
    }

    func run() throws {
        if batch {
            runBatch()
            return
        }
        let templateName = name ?? ProcessInfoLite.environment("TEMPLATE_NAME") ?? ""
        let text = String(decoding: try readFile(files[0]), as: UTF8.self)
        let options = Template.Options(
            missingKey: missingkey, lenientNumbers: lenientNumbers, maxOutputBytes: maxOutputBytes, maxSteps: maxSteps)
        if let iterations = benchParse {
            try TemplateBenchmark.parse(iterations: iterations, name: templateName, text: text, options: options)
            return
        }
        let data = files.count > 1 ? try decodeData(files[1]) : .missing
        let template: Template
        do {
            template = try Template(name: templateName, text: text, functions: .standard, options: options)
        } catch {
            fail(error.message)
        }
        if let iterations = bench {
            try TemplateBenchmark.render(iterations: iterations, template: template, data: data)
            return
        }
        var output: [UInt8] = []
        do {
            try template.execute(data, into: &output)
            writeStandardOutput(output)
        } catch {
            writeStandardOutput(output)
            fail(error.message)
        }
    }

    private func runBatch() {
        while let line = readLine(strippingNewline: true) {
            if line.allSatisfy(\.isWhitespace) { continue }
            var result = ConformanceBatch.run(caseLine: Array(line.utf8))
            result.append(0x0A)
            writeStandardOutput(result)
        }
    }

    private func decodeData(_ path: String) throws -> Value {
        do {
            return try Value(templateData: try readFile(path))
        } catch {
            fail("\(path): \(error)")
        }
    }
}

extension Template.Options.MissingKey: ExpressibleByArgument {}

/// Prints `message` on stderr and exits with status 1.
func fail(_ message: String) -> Never {
    FileHandleLite.standardError.write(Array((message + "\n").utf8))
    exit(1)
}

/// Writes bytes to stdout unbuffered.
func writeStandardOutput(_ bytes: [UInt8]) {
    FileHandleLite.standardOutput.write(bytes)
}

/// Reads a whole file, or fails with a message naming it.
func readFile(_ path: String) throws -> [UInt8] {
    guard let bytes = FileHandleLite.readAll(path: path) else {
        fail("\(path): \(String(cString: strerror(errno)))")
    }
    return bytes
}
