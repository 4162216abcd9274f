#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GoTemplate
import Yams

/// The document and its sections other than `sinks`. Each returns its defaults for whatever is
/// missing or wrong, having reported what is wrong.
extension ConfigurationDecoder {
    /// The whole configuration from the document's root (nil for an empty file).
    mutating func configuration(_ root: Node?) -> RouterConfiguration {
        let document = ConfigNode(node: root ?? .mapping(Node.Mapping([])), path: "", mark: root?.mark)
        let sections = fields(of: document, allowed: ["server", "spool", "meta", "sources", "sinks", "alerting"]) ?? [:]
        return RouterConfiguration(
            server: server(sections["server"]),
            spool: spool(sections["spool"]),
            meta: meta(sections["meta"]),
            sources: sources(sections["sources"]),
            sinks: sinks(sections["sinks"]),
            alerting: alerting(sections["alerting"]))
    }

    /// `alerting:` (`sink:failing` after 5 failed attempts, `delivery:dead` grouped per 5m when absent).
    mutating func alerting(_ node: ConfigNode?) -> AlertingSettings {
        var alerting = AlertingSettings()
        guard let node, let fields = fields(of: node, allowed: ["failing_after", "group_interval"]) else { return alerting }
        if let node = fields["failing_after"], let count = integer(node, minimum: 1) { alerting.failingAfter = count }
        if let node = fields["group_interval"], let interval = duration(node) { alerting.groupInterval = interval }
        return alerting
    }

    /// `server:` (listen 127.0.0.1:8080, no tokens, 1 MiB bodies when absent).
    mutating func server(_ node: ConfigNode?) -> ServerSettings {
        var server = ServerSettings()
        guard let node, let fields = fields(of: node, allowed: ["listen", "ingest_token", "admin_token", "max_body_bytes", "drain_timeout", "idle_timeout", "tls"])
        else { return server }
        if let listen = fields["listen"], let value = scalar(listen) {
            if let address = parseListenAddress(value.text) {
                (server.host, server.port) = address
            } else {
                report("invalid listen address \"\(value.text)\" (\(listenHint))\(value.unsetNote)", at: listen)
            }
        }
        server.ingestToken = fields["ingest_token"].flatMap { optionalString($0) }
        server.adminToken = fields["admin_token"].flatMap { optionalString($0) }
        if let node = fields["max_body_bytes"], let bytes = integer(node, minimum: 1) { server.maxBodyBytes = bytes }
        if let node = fields["drain_timeout"], let timeout = duration(node) { server.drainTimeout = timeout }
        if let node = fields["idle_timeout"], let timeout = duration(node) { server.idleTimeout = timeout }
        server.tls = fields["tls"].flatMap { serverTLS($0) }
        return server
    }

    /// `spool:` (`data/spool.sqlite` beside the config file when absent).
    mutating func spool(_ node: ConfigNode?) -> SpoolSettings {
        var spool = SpoolSettings(path: resolvePath("data/spool.sqlite"))
        guard let node, let fields = fields(of: node, allowed: ["path", "max_pending", "retain_delivered", "retain_dead", "synchronous"]) else { return spool }
        if let path = fields["path"].flatMap({ self.path($0) }) { spool.path = path }
        if let node = fields["max_pending"], let limit = integer(node, minimum: 1) { spool.maxPending = limit }
        if let node = fields["retain_delivered"], let age = duration(node) { spool.retainDelivered = age }
        if let node = fields["retain_dead"], let age = duration(node) { spool.retainDead = age }
        if let node = fields["synchronous"], let synchronous: SpoolSynchronous = choice(node, "synchronous mode") { spool.synchronous = synchronous }
        return spool
    }

    /// `meta:`, any YAML, plus `hostname` (this machine's) unless the file sets it.
    mutating func meta(_ node: ConfigNode?) -> ValueMap {
        var entries: [(String, Value)] = []
        if let node {
            for (key, value) in self.entries(of: node) ?? [] { entries.append((key, templateValue(value))) }
        }
        if !entries.contains(where: { $0.0 == "hostname" }) { entries.append(("hostname", .string(hostname()))) }
        return ValueMap(entries)
    }

    /// A YAML value as templates see it: plain scalars typed after expansion as JSON types them
    /// (`true`, `42`, `1.5`, `null`, `~` and empty), quoted and block scalars strings, mappings
    /// and lists as JSON would give them. YAML 1.1's other readings do not apply, so a value
    /// from a variable stays what it says: `0110`, `12:30`, `on`, `no` and `0x1F` are strings.
    private mutating func templateValue(_ node: ConfigNode) -> Value {
        switch node.node {
        case .mapping:
            return .map(ValueMap((entries(of: node) ?? []).map { ($0.key, templateValue($0.value)) }))
        case .sequence(let sequence):
            return .array(sequence.enumerated().map { templateValue(node.element($0.offset, $0.element)) })
        case .scalar(let scalar):
            guard let text = self.scalar(node)?.text else { return .null }
            let written = Tag.Name(rawValue: scalar.tag.rawValue)
            guard written == .implicit else {
                return written == .null ? .null : .string(text)
            }
            switch text {
            case "", "~", "null": return .null
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: return Self.jsonNumber(text) ?? .string(text)
            }
        case .alias:
            return .null
        }
    }

    /// `text` as a JSON number (an `int64` when integral and in range, else a finite `float64`),
    /// or nil when JSON would not read it as one.
    private static func jsonNumber(_ text: String) -> Value? {
        guard text.wholeMatch(of: /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/) != nil else { return nil }
        if let integer = Int64(text) { return .int64(integer) }
        guard let float = Double(text), float.isFinite else { return nil }
        return .float64(float)
    }

    /// `sources:`: per source system, the secret incoming signatures are checked with and the
    /// largest body its endpoint accepts.
    mutating func sources(_ node: ConfigNode?) -> [EventSource: SourceConfiguration] {
        var sources: [EventSource: SourceConfiguration] = [:]
        guard let node else { return sources }
        for (key, value) in entries(of: node) ?? [] {
            guard let source = EventSource(rawValue: key) else {
                let names = EventSource.allCases.map(\.rawValue).joined(separator: ", ")
                report("unknown source (expected one of: \(names))", at: value)
                continue
            }
            var configuration = SourceConfiguration()
            if !value.isNull, let fields = fields(of: value, allowed: ["secret", "max_body_bytes"]) {
                configuration.secret = fields["secret"].flatMap { optionalString($0) }
                configuration.maxBodyBytes = fields["max_body_bytes"].flatMap { integer($0, minimum: 1) }
            }
            sources[source] = configuration
        }
        return sources
    }

    /// This machine's name, as `gethostname` gives it.
    private func hostname() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
