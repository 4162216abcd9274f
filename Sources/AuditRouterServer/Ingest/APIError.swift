import Hummingbird
import GoTemplate

/// An error answered as JSON: `{"error": {"code": "...", "message": "..."}}` with its status.
struct APIError: Error, HTTPResponseError {
    let status: HTTPResponse.Status
    let code: String
    let message: String
    var headers: HTTPFields = [:]

    init(_ status: HTTPResponse.Status, code: String, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    /// The rejection reason metrics count this error under.
    var metricsReason: String {
        switch code {
        case "invalid_event": return "invalid_event"
        case "unauthorized": return "unauthorized"
        case "signature_missing", "signature_mismatch": return "signature"
        case "body_too_large": return "too_large"
        case "unsupported_media_type": return "media_type"
        case "backpressure": return "backpressure"
        default: return "other"
        }
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = Value.map(ValueMap([
            ("error", .map(ValueMap([("code", .string(code)), ("message", .string(message))]))),
        ]))
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: body.jsonStringBytes())))
    }
}

/// A JSON response with the given status.
func jsonResponse(_ status: HTTPResponse.Status, _ value: Value) -> Response {
    Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: value.jsonStringBytes())))
}
