import AuditRouter
import Foundation
import GoTemplate
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// The ingest endpoints: `POST /v1/events` (Flipt's audit event, one or an array: the same as
/// `/v1/ingest/flipt`) and `POST /v1/ingest/{flipt,flagr,goflagship,gofeatureflag}`. Each checks
/// the source's signature when `sources.NAME.secret` is set, and answers `202` with the accepted
/// event ids only once the events and their deliveries are committed to the spool.
struct IngestRoutes: Sendable {
    let runtime: RouterRuntime

    private var pipeline: IngestPipeline { IngestPipeline(runtime: runtime) }

    func register(on router: Router<BasicRequestContext>) {
        router.post("/v1/events") { request, context in
            try await self.ingest(request, context, source: .flipt)
        }
        for source in EventSource.allCases {
            router.post("/v1/ingest/\(source.rawValue)") { request, context in
                try await self.ingest(request, context, source: source)
            }
        }
    }

    private func ingest(_ request: Request, _ context: BasicRequestContext, source: EventSource) async throws -> Response {
        do {
            let accepted = try await accept(request, source: source)
            if !accepted.duplicate {
                for _ in accepted.eventIDs { runtime.metrics.eventAccepted(source: source.rawValue) }
            }
            var answer: [(String, Value)] = [
                ("accepted", .array(accepted.eventIDs.map { .string($0) })),
                ("deliveries", .int64(Int64(accepted.deliveryCount))),
            ]
            if accepted.parkedCount > 0 { answer.append(("parked", .int64(Int64(accepted.parkedCount)))) }
            if accepted.deadCount > 0 { answer.append(("dead", .int64(Int64(accepted.deadCount)))) }
            if accepted.duplicate { answer.append(("duplicate", .bool(true))) }
            return jsonResponse(.accepted, .map(ValueMap(answer)))
        } catch let error as APIError {
            runtime.metrics.eventRejected(source: source.rawValue, reason: error.metricsReason)
            throw error
        }
    }

    /// Authenticates and reads the request, then ingests it. A source with `sources.NAME.secret`
    /// set is authenticated by its signature alone: Flipt's signed webhooks and goflagship's can
    /// carry no other header, so `server.ingest_token` would shut them out. Other sources need
    /// the ingest token when one is set.
    private func accept(_ request: Request, source: EventSource) async throws -> IngestPipeline.Accepted {
        let configuration = runtime.current.configuration
        let settings = configuration.server
        let secret = configuration.sources[source]?.secret.flatMap { $0.isEmpty ? nil : $0 }
        if secret == nil { try checkToken(request, token: settings.ingestToken) }
        guard let contentType = request.headers[.contentType], isJSONMediaType(contentType) else {
            throw APIError(.unsupportedMediaType, code: "unsupported_media_type", "Content-Type must be application/json")
        }
        let ownLimit = configuration.sources[source]?.maxBodyBytes
        let limit = ownLimit ?? settings.maxBodyBytes
        // A declared length over the limit is refused before any of the body is read.
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit {
            throw Self.bodyTooLarge(limit, source: ownLimit == nil ? nil : source)
        }
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw Self.bodyTooLarge(limit, source: ownLimit == nil ? nil : source)
        }
        let body = Array(buffer.readableBytesView)
        if let secret {
            let headers = request.headers
            let check = SourceSignature.verify(source: source, secret: secret, headers: { name in
                HTTPField.Name(name).flatMap { headers[$0] }
            }, body: body)
            switch check {
            case .valid: break
            case .missing(let header):
                throw APIError(.unauthorized, code: "signature_missing", "missing \(header) header")
            case .mismatch(let header):
                throw APIError(.unauthorized, code: "signature_mismatch", "\(header) does not match the body")
            }
        }
        return try await pipeline.ingest(source: source, body: body, receipt: Self.receipt(request, source: source))
    }

    /// The header in which a source names each request, the same on its retries.
    private static let deliveryHeaders: [EventSource: HTTPField.Name] = [.goflagship: HTTPField.Name("X-Flagship-Delivery")!]

    /// The request's receipt: its source's delivery id, when it sends a usable one.
    private static func receipt(_ request: Request, source: EventSource) -> IngestReceipt? {
        guard let header = deliveryHeaders[source], let id = request.headers[header], !id.isEmpty, id.utf8.count <= 200 else { return nil }
        return IngestReceipt(source: source.rawValue, deliveryID: id)
    }

    /// `source`: the source whose own `max_body_bytes` applied; nil for `server.max_body_bytes`.
    private static func bodyTooLarge(_ limit: Int, source: EventSource?) -> APIError {
        let setting = source.map { "sources.\($0.rawValue).max_body_bytes" } ?? "server.max_body_bytes"
        return APIError(.contentTooLarge, code: "body_too_large", "body exceeds \(limit) bytes (\(setting))")
    }

    private func checkToken(_ request: Request, token: String?) throws {
        guard let token, !token.isEmpty else { return }
        guard BearerToken.matches(request.headers[.authorization], token: token) else {
            throw APIError(.unauthorized, code: "unauthorized", "missing or wrong bearer token", headers: [.wwwAuthenticate: "Bearer"])
        }
    }
}

/// Whether a Content-Type names JSON (`application/json`, `application/cloudevents+json`, with
/// or without parameters).
func isJSONMediaType(_ value: String) -> Bool {
    if value == "application/json" { return true }
    let type = value.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
    return type == "application/json" || (type.hasPrefix("application/") && type.hasSuffix("+json"))
}
