import Hummingbird
import NIOHTTP1

/// Answers every error as JSON (`{"error": {"code", "message"}}`), including Hummingbird's own
/// (unknown paths and methods, unreadable requests) and the HTTP parser's errors in a body being
/// read (a broken chunk size), so that clients always get the same shape.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as HTTPParserError {
            let (status, message) = MalformedRequestResponder.describe(error)
            throw APIError(status, code: "malformed_request", message, headers: [.connection: "close"])
        } catch let error as HTTPResponseError {
            let status = error.status
            let code: String
            let message: String
            switch status {
            case .notFound:
                code = "not_found"
                message = "no route for \(request.method) \(request.uri.path)"
            case .methodNotAllowed:
                code = "method_not_allowed"
                message = "\(request.method) is not allowed on \(request.uri.path)"
            default:
                code = status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_")
                message = "\(status.code) \(status.reasonPhrase)"
            }
            throw APIError(status, code: code, message)
        }
    }
}
