import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing

@testable import AuditRouterServer

/// Every error answer is JSON, an unexpected failure (a spool that cannot be written) included.
@Suite struct JSONErrorMiddlewareTests {
    struct DiskFull: Error, CustomStringConvertible {
        var description: String { "SQLite error 13: database or disk is full" }
    }

    @Test("an unexpected failure is a JSON 500 internal_error naming its cause; unknown routes a JSON 404")
    func unexpectedFailuresAreJSON() async throws {
        var logger = Logger(label: "json-error-test")
        logger.logLevel = .critical
        let router = Router()
        router.add(middleware: JSONErrorMiddleware(logger: logger))
        router.post("/v1/events") { _, _ -> Response in throw DiskFull() }
        try await Application(router: router, logger: logger).test(.router) { client in
            try await client.execute(uri: "/v1/events", method: .post) { response in
                #expect(response.status == .internalServerError)
                #expect(String(buffer: response.body) == #"{"error":{"code":"internal_error","message":"SQLite error 13: database or disk is full"}}"#)
            }
            try await client.execute(uri: "/nowhere", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains(#""code":"not_found""#))
            }
        }
    }
}
