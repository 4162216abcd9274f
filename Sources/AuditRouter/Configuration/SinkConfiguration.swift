import GoTemplate

/// Where a sink's events go.
public enum SinkKind: String, Sendable, Equatable, CaseIterable {
    /// An HTTP request per event, rendered from the sink's templates (the default).
    case http
    /// One line per event on standard output.
    case stdout
    /// One line per event appended to `filePath` (JSON lines).
    case file
}

/// One sink (`sinks[i]`): where events go, which ones, shaped by which templates, and how
/// deliveries are retried and signed. Template parts keep their source text (after `${VAR}`
/// expansion) beside the compiled template, which is named `SINK.PART` (`slack.body`).
public struct SinkConfiguration: Sendable {
    /// Unique among sinks, `[A-Za-z0-9_-]+`; names deliveries, metrics and logs.
    public var name: String
    /// Where events go (`type`).
    public var kind: SinkKind
    /// Disabled sinks are loaded and checked but routed nothing.
    public var enabled: Bool
    /// The URL template's text (`url`); empty for stdout and file sinks.
    public var url: String
    /// The compiled URL template (`SINK.url`); nil for stdout and file sinks.
    public var urlTemplate: Template?
    /// The HTTP method, upper case (`method`, default `POST`).
    public var method: String
    /// Header names and value template texts, in file order; http sinks get
    /// `Content-Type: application/json` when no `Content-Type` is given.
    public var headers: [(name: String, value: String)]
    /// The compiled header value templates (`SINK.headers.NAME`), in the order of `headers`.
    public var headerTemplates: [(name: String, template: Template)]
    /// The body template's text (`body`, or the contents of `body_file`); nil sends the event as
    /// Flipt's webhook does (`toJson .`).
    public var body: String?
    /// The compiled body template (`SINK.body`); nil when `body` is nil.
    public var bodyTemplate: Template?
    /// The absolute path the body was read from (`body_file`), for messages; nil for inline bodies.
    public var bodyFile: String?
    /// The absolute path of the JSON lines file (`path`); only for file sinks.
    public var filePath: String?
    /// Which `type:action`s the sink takes (`events`, default every event).
    public var events: EventFilter
    /// When set, only events whose namespace (or environment) is listed (`namespaces`).
    public var namespaces: [String]?
    /// When set, only events for which it renders `true` (`when`, compiled as `SINK.when`).
    public var when: Template?
    /// Which operator alerts the sink receives (`alerts`, `noun:verb` patterns over `AlertKind`
    /// names; default none). `events`, `namespaces` and `when` do not apply to alerts.
    public var alerts: EventFilter
    /// The limit on one attempt (`timeout`, default 10s).
    public var timeout: Duration
    /// Attempts in flight at once for this sink (`concurrency`, default 4).
    public var concurrency: Int
    /// When and how often failed deliveries are tried again (`retry`).
    public var retry: RetryPolicySettings
    /// How requests are signed (`signing`); nil sends them unsigned.
    public var signing: SigningSettings?
    /// How HTTPS connections are verified and authenticated (`tls`); nil: the system's roots, no
    /// client certificate.
    public var tls: SinkTLSSettings?
    /// When set (`pause_after`), a sink whose attempts have all failed for this long is paused:
    /// its deliveries are parked in the spool until it is resumed through the admin API.
    public var pauseAfter: Duration?
    /// The budget of each rendering of a template part (`max_render_bytes`, `max_render_steps`).
    public var renderLimits: RenderLimits

    /// A sink from template texts, compiled as the loader compiles them (Go builtins plus
    /// `toJson`, lenient numbers, `renderLimits`). The URL is compiled for http sinks only; http sinks get
    /// `Content-Type: application/json` unless `headers` name a `Content-Type`. Throws the first
    /// template that fails to parse.
    public init(
        name: String, kind: SinkKind = .http, enabled: Bool = true, url: String = "", method: String = "POST",
        headers: [(name: String, value: String)] = [], body: String? = nil, bodyFile: String? = nil,
        filePath: String? = nil, events: EventFilter = .all, namespaces: [String]? = nil, when: String? = nil, alerts: EventFilter = .none,
        timeout: Duration = defaultTimeout, concurrency: Int = defaultConcurrency, retry: RetryPolicySettings = .default,
        signing: SigningSettings? = nil, tls: SinkTLSSettings? = nil, pauseAfter: Duration? = nil, renderLimits: RenderLimits = .default
    ) throws(TemplateError) {
        let headers = kind == .http ? Self.addingDefaultContentType(to: headers) : headers
        self.name = name
        self.kind = kind
        self.enabled = enabled
        self.url = kind == .http ? url : ""
        self.urlTemplate = kind == .http ? try Self.compile(url, sink: name, part: "url", limits: renderLimits) : nil
        self.method = method.uppercased()
        self.headers = headers
        var headerTemplates: [(name: String, template: Template)] = []
        for header in headers {
            headerTemplates.append((header.name, try Self.compile(header.value, sink: name, part: "headers.\(header.name)", limits: renderLimits)))
        }
        self.headerTemplates = headerTemplates
        self.body = body
        self.bodyTemplate = try body.map { text throws(TemplateError) in try Self.compile(text, sink: name, part: "body", limits: renderLimits) }
        self.bodyFile = bodyFile
        self.filePath = filePath
        self.events = events
        self.namespaces = namespaces
        self.when = try when.map { text throws(TemplateError) in try Self.compile(text, sink: name, part: "when", limits: renderLimits) }
        self.alerts = alerts
        self.timeout = timeout
        self.concurrency = concurrency
        self.retry = retry
        self.signing = signing
        self.tls = tls
        self.pauseAfter = pauseAfter
        self.renderLimits = renderLimits
    }

    /// The per-attempt limit of a sink without `timeout`: 10s.
    public static let defaultTimeout: Duration = .seconds(10)
    /// The attempts in flight of a sink without `concurrency`: 4.
    public static let defaultConcurrency = 4

    /// Compiles one part of a sink: the template `SINK.PART`, with `toJson`, lenient numbers and
    /// the sink's render limits.
    static func compile(_ text: String, sink: String, part: String, limits: RenderLimits = .default) throws(TemplateError) -> Template {
        try Template(name: "\(sink).\(part)", text: text, functions: .standard, options: limits.templateOptions)
    }

    /// `headers`, plus `Content-Type: application/json` at the end when none names a Content-Type.
    static func addingDefaultContentType(to headers: [(name: String, value: String)]) -> [(name: String, value: String)] {
        if headers.contains(where: { $0.name.lowercased() == "content-type" }) { return headers }
        return headers + [(name: "Content-Type", value: "application/json")]
    }
}
