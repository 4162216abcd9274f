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

    /// The routes, and paths under /v1/admin that name none (or a route by a method it lacks, or
    /// with doubled slashes, which the router reads as single): the guard comes first for all.
    static let guarded = routes + [
        ("GET", "/v1/admin/nope"), ("DELETE", "/v1/admin/sinks/hook/deliveries/x"), ("PUT", "/v1/admin/sinks/hook/nothing"),
        ("POST", "/v1/admin/a/b/c/d"), ("PATCH", "/v1/admin/events"), ("DELETE", "/v1/admin/sinks"), ("GET", "/v1/admin"),
        ("GET", "//v1//admin///sinks"), ("POST", "/v1/admin/sinks/hook"),
    ]

    @Test("without server.admin_token every admin route answers 404 admin_disabled, even with a token")
    func offWithoutToken() async throws {
        let router = try await AdminRouter.start(sinks: [try adminSink("hook", url: "http://127.0.0.1:9/")], adminToken: nil)
        for (method, path) in Self.guarded {
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
        for (method, path) in Self.guarded {
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

    @Test("with the token, a path under /v1/admin that names no route is a 404 not_found; known routes still answer")
    func unknownAdminPaths() async throws {
        let router = try await AdminRouter.start(sinks: [try adminSink("hook", url: "http://127.0.0.1:9/")])
        for (method, path) in [("GET", "/v1/admin/nope"), ("POST", "/v1/admin/sinks/hook/explode"), ("DELETE", "/v1/admin/a/b/c")] {
            let response = try await router.send(method, path)
            #expect(response.status == 404, "\(method) \(path): \(response.text)")
            #expect(response.errorCode == "not_found")
            #expect(response.json["error"]["message"].text == "no route for \(method) \(path)")
        }
        #expect(try await router.get("/v1/admin/sinks").status == 200)
        // The router reads doubled slashes as one: the route, which the guard covered above.
        #expect(try await router.get("//v1//admin///sinks").json["sinks"][0]["name"].text == "hook")
        #expect(try await router.get("/v1/admin/sinks/hook/deliveries").json["total"].integer == 0)
        #expect(try await router.get("/v1/admin/dead-letters").status == 200)
        #expect(try await router.get("/v1/admin/sinks/nope/deliveries").errorCode == "sink_not_found")
        // Outside /v1/admin, no guard: the plain 404.
        let outside = try await router.send("GET", "/v1/adminx/sinks", token: nil)
        #expect(outside.status == 404 && outside.errorCode == "not_found", "\(outside.text)")
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
