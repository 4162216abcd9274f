import AuditRouter
import Hummingbird

/// Guards the admin API, every path under `/v1/admin` whether a route serves it or not:
/// `Authorization: Bearer <server.admin_token>`, compared in constant time (`BearerToken`).
/// Other paths pass untouched.
/// Without a configured token the admin API is off, not open: every admin route answers 404
/// `admin_disabled`. A missing or wrong token is a 401 with `WWW-Authenticate: Bearer`. The token
/// is read from the configuration in force at each request, so a reload can change or remove it.
struct AdminAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let runtime: RouterRuntime

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.isAdminPath(request.uri.path) else { return try await next(request, context) }
        guard let token = runtime.current.configuration.server.adminToken, !token.isEmpty else {
            throw APIError(.notFound, code: "admin_disabled", "the admin API is off: set server.admin_token to turn it on")
        }
        guard BearerToken.matches(request.headers[.authorization], token: token) else {
            throw APIError(.unauthorized, code: "unauthorized", "missing or wrong admin bearer token", headers: [.wwwAuthenticate: "Bearer"])
        }
        return try await next(request, context)
    }

    /// Whether `path` is under `/v1/admin`, split as the router splits it (runs of `/` are one).
    static func isAdminPath(_ path: String) -> Bool {
        path.split(separator: "/").prefix(2).elementsEqual(["v1", "admin"])
    }
}
