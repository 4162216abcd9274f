import AuditRouter
import GoTemplate
import Hummingbird
import NIOCore

/// The JSON bodies of the admin API's POSTs: optional objects of at most 1 MiB. An empty (or
/// blank) body is nil; anything that is not a JSON object is a 400 `invalid_body`.
enum AdminRequestBody {
    static let maxBytes = 1 << 20

    /// The body's top-level object; nil when the body is empty.
    static func object(_ request: Request) async throws -> ValueMap? {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: maxBytes)
        } catch is NIOTooManyBytesError {
            throw APIError(.contentTooLarge, code: "body_too_large", "body exceeds \(maxBytes) bytes")
        }
        let bytes = Array(buffer.readableBytesView)
        if bytes.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) { return nil }
        let value: Value
        do {
            value = try Value(json: bytes, maxDepth: SourceFormat.maxNestingDepth)
        } catch {
            throw invalid("body is not valid JSON: \(error)")
        }
        guard case .map(let object) = value else { throw invalid("body must be a JSON object") }
        return object
    }

    /// Fails when `object` has a key outside `known`.
    static func rejectUnknownKeys(_ object: ValueMap, known: Set<String>) throws(APIError) {
        if let unknown = object.keys.first(where: { !known.contains($0) }) {
            throw invalid("unknown field \"\(unknown)\" (expected \(known.sorted().joined(separator: ", ")))")
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

    static func invalid(_ message: String) -> APIError {
        APIError(.badRequest, code: "invalid_body", message)
    }
}
