import Hummingbird
import Logging
import NIOHTTP1

/// Answers every error as JSON (`{"error": {"code", "message"}}`), including Hummingbird's own
/// (unknown paths and methods, unreadable requests), the HTTP parser's errors in a body being
/// read (a broken chunk size), and unexpected failures (a spool that cannot be written or read:
/// 500 `internal_error` with the cause, which is also logged), so that clients always get the
/// same shape.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

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
        } catch {
            logger.error("request failed", metadata: ["method": "\(request.method)", "path": "\(request.uri.path)", "error": "\(error)"])
            throw APIError(.internalServerError, code: "internal_error", "\(error)")
        }
    }
}
