import AuditRouter
import AuditRouterServer
import Foundation
import GoTemplate
import Testing

/// The OpenAPI document: served at `/openapi.json` exactly as `docs/openapi.json` holds it, OpenAPI
/// 3.1, and describing every route the router serves, each of which exists.
@Suite("Admin API OpenAPI document")
struct AdminOpenAPITests {
    /// Every route, as the document names it, with a concrete path that reaches it.
    static let routes: [(method: String, path: String, concrete: String)] = [
        ("post", "/v1/events", "/v1/events"), ("post", "/v1/ingest/{source}", "/v1/ingest/flagr"),
        ("get", "/healthz", "/healthz"), ("head", "/healthz", "/healthz"), ("get", "/readyz", "/readyz"), ("head", "/readyz", "/readyz"),
        ("get", "/metrics", "/metrics"),
        ("get", "/openapi.json", "/openapi.json"),
    ] + AdminAuthTests.routes.map { method, path in
        let documented = path.replacingOccurrences(of: "/sinks/hook/", with: "/sinks/{name}/")
            .replacingOccurrences(of: "/events/evt_x", with: "/events/{id}")
        return (method.lowercased(), documented, path)
    }

    static let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/openapi.json")

    @Test("GET /openapi.json serves docs/openapi.json byte for byte, without a token")
    func servedAsKept() async throws {
        let kept = try Data(contentsOf: Self.source)
        let router = try await AdminRouter.start(sinks: [], adminToken: nil)
        let served = try await router.send("GET", "/openapi.json", token: nil)
        #expect(served.status == 200)
        #expect(served.headers["content-type"] == "application/json")
        #expect(
            served.bytes == Array(kept),
            "Sources/AuditRouterServer/Admin/OpenAPIDocument.swift differs from docs/openapi.json: regenerate it with the command in its header")
        await router.stop()
    }

    @Test("the document is OpenAPI 3.1 and every reference resolves")
    func wellFormed() throws {
        let document = try Value(json: Array(try Data(contentsOf: Self.source)))
        #expect(document["openapi"].text?.hasPrefix("3.1.") == true)
        #expect(document["info"]["title"].text == "Audit Router")
        #expect(document["info"]["version"].text != nil)
        #expect(document["components"]["schemas"]["Error"]["required"] == ["error"])
        var references: Set<String> = []
        collectReferences(document, into: &references)
        #expect(!references.isEmpty)
        for reference in references {
            let parts = reference.split(separator: "/").map(String.init)
            #expect(parts.first == "#", "\(reference)")
            let target = parts.dropFirst().reduce(document) { $0[$1] }
            #expect(target != .missing, "unresolved \(reference)")
        }
    }

    @Test("every route is documented with its responses, and every documented route exists")
    func everyRoute() async throws {
        let document = try Value(json: Array(try Data(contentsOf: Self.source)))
        let documented = document["paths"].keyList.flatMap { path in document["paths"][path].keyList.map { "\($0) \(path)" } }
        #expect(Set(documented) == Set(Self.routes.map { "\($0.method) \($0.path)" }))
        for route in Self.routes {
            let operation = document["paths"][route.path][route.method]
            #expect(operation["operationId"].text != nil, "\(route.path)")
            #expect(operation["responses"].keyList.contains { $0.hasPrefix("2") }, "\(route.method) \(route.path)")
            if route.path.hasPrefix("/v1/admin/") {
                #expect(operation["security"] == [["adminToken": []]], "\(route.path)")
                #expect(operation["responses"]["401"] != .missing, "\(route.path)")
            }
        }
        let router = try await AdminRouter.start(sinks: [])
        for route in Self.routes {
            let response = try await router.send(route.method.uppercased(), route.concrete)
            #expect(!["not_found", "method_not_allowed"].contains(response.errorCode), "\(route.method) \(route.concrete): \(response.text)")
            if route.method == "head" { #expect(response.status == 200 && response.text.isEmpty, "HEAD \(route.concrete): \(response.status)") }
        }
        await router.stop()
    }

    private func collectReferences(_ value: Value, into references: inout Set<String>) {
        switch value {
        case .map(let map):
            for (key, child) in zip(map.keys, map.values) {
                if key == "$ref", let reference = child.text { references.insert(reference) }
                collectReferences(child, into: &references)
            }
        case .array(let items):
            for item in items { collectReferences(item, into: &references) }
        default:
            break
        }
    }
}
