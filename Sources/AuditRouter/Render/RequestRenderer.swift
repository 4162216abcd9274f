import Foundation
import GoTemplate

/// Turns a sink's templates and an event into the HTTP request to send: URL, headers and body
/// rendered with the event as dot, the router's delivery headers, and the sink's signature.
public struct RequestRenderer: Sendable {
    /// The header carrying the delivery id, the same on every retry.
    public static let deliveryHeader = "X-Audit-Router-Delivery"
    /// The header carrying the event's `type:action`.
    public static let eventTypeHeader = "X-Audit-Router-Event"

    public let meta: ValueMap

    public init(meta: ValueMap) {
        self.meta = meta
    }

    /// Renders the request for one delivery. Throws when a template fails or a JSON body is not
    /// valid JSON; such a delivery cannot succeed until the sink is fixed.
    public func render(sink: SinkConfiguration, event: Event, deliveryID: String, now: Date = Date()) throws(RenderError) -> OutgoingRequest {
        let data = event.templateValue(meta: meta)
        let url: String
        var headers: [(String, String)] = []
        var body: [UInt8] = []
        do {
            url = try sink.urlTemplate?.render(data).trimmingWhiteSpace() ?? ""
            for (name, template) in sink.headerTemplates {
                headers.append((name, try template.render(data).trimmingWhiteSpace()))
            }
            if let bodyTemplate = sink.bodyTemplate {
                try bodyTemplate.execute(data, into: &body)
            } else {
                body = event.fliptJSON
            }
        } catch {
            throw RenderError(message: error.message)
        }
        if sink.kind == .http, sink.enabled, let problem = Self.urlProblem(url) {
            throw RenderError(message: "\(sink.name): rendered url \(problem)")
        }
        if Self.isJSON(headers), !body.isEmpty {
            do {
                try Value.validateJSON(body)
            } catch {
                throw RenderError(message: "\(sink.name): rendered body is not valid JSON: \(error)")
            }
        }
        headers.append((Self.deliveryHeader, deliveryID))
        headers.append((Self.eventTypeHeader, event.nounVerb))
        if let signing = sink.signing {
            // goflagship names event types `flag.created`; the other schemes do not carry the type.
            headers += signatureHeaders(settings: signing, body: body, deliveryID: deliveryID, eventType: "\(event.type).\(event.action)", timestamp: now)
        }
        return OutgoingRequest(method: sink.method, url: url, headers: headers, body: body)
    }

    /// Why `url` cannot be sent to, or nil when it is an absolute `http`/`https` URL with a
    /// host. The URL itself is not repeated: it may hold a secret (a Slack webhook's path).
    static func urlProblem(_ url: String) -> String? {
        guard let components = URLComponents(string: url) else { return "is not a valid URL" }
        guard let scheme = components.scheme?.lowercased() else { return "has no scheme (it must start with http:// or https://)" }
        guard scheme == "http" || scheme == "https" else { return "has scheme \"\(scheme)\" (only http and https are sent to)" }
        guard let host = components.host, !host.isEmpty else { return "has no host" }
        return nil
    }

    /// Whether the headers declare a JSON body (`application/json`, `application/x-ndjson` is not).
    static func isJSON(_ headers: [(String, String)]) -> Bool {
        headers.contains { name, value in
            name.lowercased() == "content-type" && (value.lowercased().contains("/json") || value.lowercased().contains("+json"))
        }
    }
}

/// A sink's templates could not produce a request for an event.
public struct RenderError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
