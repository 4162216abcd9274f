import AuditRouter
import GoTemplate
import Hummingbird
import NIOCore

/// The JSON bodies of the admin API's POSTs: optional objects of at most 1 MiB. An empty (or
/// blank) body is nil, whatever its `Content-Type`; any other body must be sent as
/// `application/json` (415 `unsupported_media_type`) and be a JSON object (400 `invalid_body`).
enum AdminRequestBody {
    static let maxBytes = 1 << 20

    /// The body's top-level object; nil when the body is empty.
    static func object(_ request: Request) async throws -> ValueMap? {
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > maxBytes { throw tooLarge }
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: maxBytes)
        } catch is NIOTooManyBytesError {
            throw tooLarge
        }
        let bytes = Array(buffer.readableBytesView)
        if bytes.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) { return nil }
        guard let contentType = request.headers[.contentType], isJSONMediaType(contentType) else {
            throw APIError(.unsupportedMediaType, code: "unsupported_media_type",
                           "a body must be sent with Content-Type: application/json (curl: --json or -H 'Content-Type: application/json')")
        }
        if let problem = UTF8Validation.problem(in: bytes) { throw invalid("body is not valid UTF-8: \(problem.description)") }
        let value: Value
        do {
            value = try Value(json: bytes, maxDepth: SourceFormat.maxNestingDepth)
        } catch {
            throw invalid("body is not valid JSON: \(error)")
        }
        guard case .map(let object) = value else { throw invalid("body must be a JSON object") }
        return object
    }

    /// Reads the body of a route that takes none: empty, or an empty JSON object; anything else is
    /// a 400 `invalid_body`, so that a request meant for another route is not acted on.
    static func requireNone(_ request: Request, route: String) async throws {
        guard let object = try await object(request) else { return }
        guard object.isEmpty else { throw invalid("\(route) takes no body (got a field \"\(object.keys.first!)\")") }
    }

    /// Fails when `object` has a key outside `known`.
    static func rejectUnknownKeys(_ object: ValueMap, known: Set<String>) throws(APIError) {
        if let unknown = object.keys.first(where: { !known.contains($0) }) {
            let expected = known.isEmpty ? "it takes none" : "expected \(known.sorted().joined(separator: ", "))"
            throw invalid("unknown field \"\(unknown)\" (\(expected))")
        }
    }

    /// An optional string field; `null` reads as absent.
    static func string(_ object: ValueMap, _ key: String) throws(APIError) -> String? {
        switch object[key] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw invalid("\(key) must be a string")
        }
    }

    private static var tooLarge: APIError {
        APIError(.contentTooLarge, code: "body_too_large", "body exceeds \(maxBytes) bytes")
    }

    static func invalid(_ message: String) -> APIError {
        APIError(.badRequest, code: "invalid_body", message)
    }
}
