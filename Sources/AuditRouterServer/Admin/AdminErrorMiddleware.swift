import Hummingbird
import Logging
import NIOHTTP1

/// Answers the admin API's unexpected failures (a spool read that failed) as JSON, like every
/// other admin error: 500 `internal_error` with the cause, which is also logged.
struct AdminErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError {
            throw error
        } catch let error as HTTPParserError {
            throw error  // a broken body: answered 400 malformed_request by JSONErrorMiddleware
        } catch {
            logger.error("admin request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            throw APIError(.internalServerError, code: "internal_error", "\(error)")
        }
    }
}
