import Foundation
import Yams

/// `sinks:`: each sink's kind, templates, filters and delivery settings. Every template is
/// compiled, disabled sinks' included; a sink with any problem is left out of the result (the
/// load fails anyway).
extension ConfigurationDecoder {
    private static let sinkKeys = [
        "name", "type", "enabled", "url", "method", "headers", "body", "body_file", "path", "events", "namespaces",
        "when", "alerts", "timeout", "concurrency", "retry", "signing", "tls", "pause_after",
        "max_render_bytes", "max_render_steps",
    ]

    /// Every sink, in file order.
    mutating func sinks(_ node: ConfigNode?) -> [SinkConfiguration] {
        guard let node, let elements = elements(of: node) else { return [] }
        var names: [String: ConfigNode] = [:]
        return elements.compactMap { sink($0, names: &names) }
    }

    /// One sink; `names` holds the names seen so far, for duplicates.
    private mutating func sink(_ node: ConfigNode, names: inout [String: ConfigNode]) -> SinkConfiguration? {
        let problemsBefore = problems.count
        guard let fields = fields(of: node, allowed: Self.sinkKeys, keepingNull: ["enabled"]) else { return nil }
        let name = sinkName(fields["name"], sink: node, names: &names) ?? node.path
        let kind: SinkKind? = if let kindNode = fields["type"] { choice(kindNode, "sink type") } else { .http }
        let enabled = fields["enabled"].flatMap { bool($0) } ?? true
        if let kind {
            for key in ["url", "method", "headers", "signing", "tls"] where kind != .http {
                if let extra = fields[key] { report("only http sinks have \(key) (this sink is \(kind.rawValue))", at: extra) }
            }
            if kind != .file, let extra = fields["path"] {
                report("only file sinks have a path (this sink is \(kind.rawValue))", at: extra)
            }
        }

        let url = kind == .http ? self.url(fields["url"], sink: node, name: name, enabled: enabled) : ""
        let method = fields["method"].flatMap { self.method($0) } ?? "POST"
        let headers = fields["headers"].map { self.headers($0, name: name) } ?? []
        let (body, bodyFile) = self.body(fields, name: name)
        var filePath: String?
        if kind == .file {
            if let pathNode = fields["path"] {
                filePath = path(pathNode)
            } else {
                report("required for file sinks", path: "\(node.path).path", mark: node.mark)
            }
        }
        let events = fields["events"].map { filter($0, fallback: .all) } ?? .all
        let namespaces = fields["namespaces"].flatMap { strings($0)?.map(\.text) }
        let when = fields["when"].flatMap { whenNode in
            string(whenNode).map { text in
                checkTemplate(text, sink: name, part: "when", at: whenNode)
                return text
            }
        }
        let problemsBeforeAlerts = problems.count
        let alerts = fields["alerts"].map { filter($0, alerts: true, fallback: .none) } ?? .none
        if let alertsNode = fields["alerts"], case .sequence(let list) = alertsNode.node, list.isEmpty {
            let names = AlertKind.allCases.map(\.rawValue).joined(separator: ", ")
            report("empty list: leave the key out for no alerts, or list the alerts the sink receives (\(names))", at: alertsNode)
        }
        if let eventsNode = fields["events"], case .sequence(let list) = eventsNode.node, list.isEmpty,
            alerts.patternTexts.isEmpty, problems.count == problemsBeforeAlerts {
            report("empty list: the sink would receive nothing (leave the key out for every event, or give the sink alerts)", at: eventsNode)
        }
        let timeout = fields["timeout"].flatMap { duration($0) } ?? SinkConfiguration.defaultTimeout
        let concurrency = fields["concurrency"].flatMap { integer($0, minimum: 1) } ?? SinkConfiguration.defaultConcurrency
        let retry = fields["retry"].map { self.retry($0) } ?? .default
        let signing = fields["signing"].flatMap { self.signing($0, enabled: enabled) }
        if let headersNode = fields["headers"] { checkReservedHeaders(headers, signing: signing, at: headersNode) }
        let tls = fields["tls"].flatMap { self.tls($0) }
        let pauseAfter = fields["pause_after"].flatMap { duration($0) }
        let renderLimits = RenderLimits(
            maxBytes: fields["max_render_bytes"].flatMap { integer($0, minimum: 1) } ?? RenderLimits.default.maxBytes,
            maxSteps: fields["max_render_steps"].flatMap { integer($0, minimum: 1) } ?? RenderLimits.default.maxSteps)

        guard let kind, problems.count == problemsBefore else { return nil }
        do {
            return try SinkConfiguration(
                name: name, kind: kind, enabled: enabled, url: url, method: method, headers: headers, body: body,
                bodyFile: bodyFile, filePath: filePath, events: events, namespaces: namespaces, when: when, alerts: alerts,
                timeout: timeout, concurrency: concurrency, retry: retry, signing: signing, tls: tls,
                pauseAfter: pauseAfter, renderLimits: renderLimits)
        } catch {
            report(error.message, at: node)
            return nil
        }
    }

    /// Headers the router sets itself: a second copy from the configuration would come first on
    /// the wire, and receivers that read the first one would check the wrong signature or id.
    private static let routerHeaders = [RequestRenderer.deliveryHeader, RequestRenderer.eventTypeHeader, "Content-Length", "Host", "Transfer-Encoding", "Connection"]

    /// Reports each of `headers` that the router, or the sink's signing scheme, sets.
    private mutating func checkReservedHeaders(_ headers: [(name: String, value: String)], signing: SigningSettings?, at node: ConfigNode) {
        let signed = signing.map { signatureHeaders(settings: $0, body: [], deliveryID: "", eventType: "", timestamp: Date()).map(\.0) } ?? []
        for header in headers {
            if Self.routerHeaders.contains(where: { $0.lowercased() == header.name.lowercased() }) {
                report("set by the router: leave it out", path: "\(node.path).\(header.name)", mark: node.mark)
            } else if signed.contains(where: { $0.lowercased() == header.name.lowercased() }) {
                report("set by the \(signing!.scheme.rawValue) signature: leave it out", path: "\(node.path).\(header.name)", mark: node.mark)
            }
        }
    }

    /// `name`: required, `[A-Za-z0-9_-]+`, unique.
    private mutating func sinkName(_ node: ConfigNode?, sink: ConfigNode, names: inout [String: ConfigNode]) -> String? {
        guard let node else {
            report("required", path: "\(sink.path).name", mark: sink.mark)
            return nil
        }
        guard let name = string(node) else { return nil }
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else {
            report("invalid sink name \"\(name)\" (use letters, digits, _ and -)", at: node)
            return nil
        }
        if let first = names[name] {
            let line = first.mark.map { " (first at line \($0.line))" } ?? ""
            report("duplicate sink name \"\(name)\"\(line)", at: node)
        } else {
            names[name] = node
        }
        return name
    }

    /// `url`: a template, required (and not empty) for enabled http sinks.
    private mutating func url(_ node: ConfigNode?, sink: ConfigNode, name: String, enabled: Bool) -> String {
        guard let node else {
            if enabled { report("required for http sinks", path: "\(sink.path).url", mark: sink.mark) }
            return ""
        }
        guard let value = scalar(node) else { return "" }
        if enabled, value.text.allSatisfy(\.isWhitespace) {
            report("empty\(value.unsetNote)", at: node)
        } else if enabled, !value.text.contains("{{"), let problem = RequestRenderer.urlProblem(value.text.trimmingWhiteSpace()) {
            report("url \(problem)\(value.unsetNote)", at: node)
        }
        checkTemplate(value.text, sink: name, part: "url", at: node)
        return value.text
    }

    /// `method`: an HTTP method name, upper-cased.
    private mutating func method(_ node: ConfigNode) -> String? {
        guard let text = string(node) else { return nil }
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            report("invalid HTTP method \"\(text)\"", at: node)
            return nil
        }
        return text.uppercased()
    }

    /// `headers`: names (HTTP tokens, unique in any case) to value templates, in file order.
    private mutating func headers(_ node: ConfigNode, name: String) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = []
        for (header, valueNode) in entries(of: node) ?? [] {
            guard !header.isEmpty, header.unicodeScalars.allSatisfy(Self.isTokenCharacter) else {
                report("invalid header name", at: valueNode)
                continue
            }
            if headers.contains(where: { $0.name.lowercased() == header.lowercased() }) {
                report("duplicate header", at: valueNode)
                continue
            }
            guard let value = valueNode.isNull ? "" : string(valueNode) else { continue }
            checkTemplate(value, sink: name, part: "headers.\(header)", at: valueNode)
            headers.append((header, value))
        }
        return headers
    }

    /// RFC 9110 token characters, which header names are made of.
    private static func isTokenCharacter(_ c: Unicode.Scalar) -> Bool {
        c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c) || "!#$%&'*+-.^_`|~".unicodeScalars.contains(c))
    }

    /// `body` or `body_file` (not both): the body template's text and, for `body_file`, the
    /// absolute path it was read from.
    private mutating func body(_ fields: [String: ConfigNode], name: String) -> (text: String?, file: String?) {
        if let bodyNode = fields["body"] {
            if let fileNode = fields["body_file"] { report("give either body or body_file, not both", at: fileNode) }
            guard let text = string(bodyNode) else { return (nil, nil) }
            checkTemplate(text, sink: name, part: "body", at: bodyNode)
            return (text, nil)
        }
        guard let fileNode = fields["body_file"], let written = string(fileNode), let path = path(fileNode) else {
            return (nil, nil)
        }
        guard FileManager.default.fileExists(atPath: path) else {
            report("no such file: \(written) (\(path))", at: fileNode)
            return (nil, nil)
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            report("cannot read \(written) as UTF-8 text", at: fileNode)
            return (nil, nil)
        }
        checkTemplate(text, sink: name, part: "body", at: fileNode, file: written)
        return (text, path)
    }

    /// `events` (or, with `alerts`, `alerts`): `noun:verb` patterns, each checked on its own so
    /// that every bad one is named; each of `alerts` must select an alert kind. An empty list
    /// selects nothing; a list that is not a list of strings gives `fallback`, one with bad
    /// patterns the good ones (the load fails anyway).
    private mutating func filter(_ node: ConfigNode, alerts: Bool = false, fallback: EventFilter) -> EventFilter {
        guard let patterns = strings(node, allowingEmpty: true) else { return fallback }
        var valid: [String] = []
        for pattern in patterns {
            do {
                let filter = try EventFilter([pattern.text])
                if alerts, !AlertKind.allCases.contains(where: { $0.isSelected(by: filter) }) {
                    let names = AlertKind.allCases.map(\.rawValue).joined(separator: ", ")
                    report("\"\(pattern.text)\" selects no alert (the alerts are: \(names))", at: pattern.node)
                    continue
                }
                valid.append(pattern.text)
            } catch {
                report(error.description, at: pattern.node)
            }
        }
        return (try? EventFilter(valid)) ?? fallback
    }

    /// Compiles one template to report its parse error (with its own message) at `node`.
    private mutating func checkTemplate(_ text: String, sink: String, part: String, at node: ConfigNode, file: String? = nil) {
        do {
            _ = try SinkConfiguration.compile(text, sink: sink, part: part)
        } catch {
            report((file.map { "\($0): " } ?? "") + error.message, at: node)
        }
    }
}
