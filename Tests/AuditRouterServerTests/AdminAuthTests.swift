import AuditRouter
import AuditRouterServer
import Testing

/// The admin API's guard: off without a token, 401 without the right one.
@Suite("Admin API authentication")
struct AdminAuthTests {
    /// Every admin route, with a method and a path that reach it.
    static let routes: [(String, String)] = [
        ("GET", "/v1/admin/sinks"), ("GET", "/v1/admin/sinks/hook/deliveries"), ("POST", "/v1/admin/sinks/hook/test"),
        ("POST", "/v1/admin/sinks/hook/replay"), ("POST", "/v1/admin/sinks/hook/pause"), ("POST", "/v1/admin/sinks/hook/resume"),
        ("POST", "/v1/admin/sinks/hook/retire"),
        ("GET", "/v1/admin/events/evt_x"), ("GET", "/v1/admin/dead-letters"), ("POST", "/v1/admin/reload"),
    ]

    @Test("without server.admin_token every admin route answers 404 admin_disabled, even with a token")
    func offWithoutToken() async throws {
        let router = try await AdminRouter.start(sinks: [try adminSink("hook", url: "http://127.0.0.1:9/")], adminToken: nil)
        for (method, path) in Self.routes {
            for token in [nil, "t", ""] as [String?] {
                let response = try await router.send(method, path, token: token)
                #expect(response.status == 404, "\(method) \(path)")
                #expect(response.errorCode == "admin_disabled", "\(method) \(path): \(response.text)")
            }
        }
        #expect(try await router.send("GET", "/openapi.json", token: nil).status == 200)
        await router.stop()
    }

    @Test("a missing or wrong token is a 401 with WWW-Authenticate: Bearer, and nothing is done")
    func wrongToken() async throws {
        let router = try await AdminRouter.start(sinks: [try adminSink("hook", url: "http://127.0.0.1:9/")], adminToken: "s3cret")
        for (method, path) in Self.routes {
            for token in [nil, "", "s3cre", "s3cret!", "S3CRET", "x3cret"] as [String?] {
                let response = try await router.send(method, path, token: token)
                #expect(response.status == 401, "\(method) \(path) with \(token ?? "no token")")
                #expect(response.errorCode == "unauthorized")
                #expect(response.headers["www-authenticate"] == "Bearer")
            }
        }
        for header in ["Basic czNjcmV0", "s3cret", "Bearer  s3cret", "Bearers3cret"] {
            let response = try await router.send("GET", "/v1/admin/sinks", token: nil, headers: [("Authorization", header)])
            #expect(response.status == 401, "Authorization: \(header)")
        }
        let sinks = try await router.get("/v1/admin/sinks")
        #expect(sinks.status == 401)  // the default test token is not this router's
        #expect(try await router.send("POST", "/v1/admin/sinks/hook/pause", token: "wrong").status == 401)
        #expect(try await router.send("GET", "/v1/admin/sinks", token: "s3cret").json["sinks"][0]["state"].text == "running")
        await router.stop()
    }

    @Test("the right token opens every route; the scheme's case does not matter")
    func rightToken() async throws {
        let router = try await AdminRouter.start(sinks: [try adminSink("hook", url: "http://127.0.0.1:9/")])
        let sinks = try await router.get("/v1/admin/sinks")
        #expect(sinks.status == 200)
        #expect(sinks.headers["content-type"] == "application/json")
        for scheme in ["bearer", "BEARER"] {
            let response = try await router.send("GET", "/v1/admin/sinks", token: nil, headers: [("Authorization", "\(scheme) t")])
            #expect(response.status == 200, "scheme \(scheme)")
        }
        await router.stop()
    }
}
