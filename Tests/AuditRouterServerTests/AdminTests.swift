import AsyncHTTPClient
import AuditRouter
import AuditRouterServer
import Foundation
import GoTemplate
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// Support shared by the admin API tests: a router running in this process (built by
/// `RouterApplication.build` with its spool in a temporary folder), and JSON requests to it.
/// It runs in a service group of its own, so that `stop()` shuts it down gracefully, as SIGTERM
/// does, rather than by cancelling it.
final class AdminRouter: Sendable {
    /// The token the tests configure.
    static let token = "t"

    let directory: URL
    let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, Error>

    /// A router with these sinks and `server.admin_token` (nil: the admin API is off), with no
    /// configuration file to reload from.
    static func start(sinks: [SinkConfiguration], adminToken: String? = token) async throws -> AdminRouter {
        let directory = try makeDirectory()
        let configuration = RouterConfiguration(
            server: ServerSettings(port: 0, adminToken: adminToken),
            spool: SpoolSettings(path: directory.appendingPathComponent("spool.sqlite").path), sinks: sinks)
        return try await start(configuration, path: nil, directory: directory)
    }

    /// A router loaded from `yaml` (with `{{DIR}}` replaced by its folder), written to
    /// `config.yaml` there, so that reloads read that file.
    static func start(yaml: String) async throws -> AdminRouter {
        let directory = try makeDirectory()
        let path = directory.appendingPathComponent("config.yaml").path
        try yaml.replacingOccurrences(of: "{{DIR}}", with: directory.path).write(toFile: path, atomically: true, encoding: .utf8)
        return try await start(try ConfigurationLoader.load(path: path), path: path, directory: directory)
    }

    private static func start(_ configuration: RouterConfiguration, path: String?, directory: URL) async throws -> AdminRouter {
        var logger = Logger(label: "admin-test")
        logger.logLevel = .critical
        let ready = PortBox()
        let app = try await RouterApplication.build(
            configuration: configuration, configurationPath: path, logger: logger, onServerRunning: { await ready.set($0) })
        let group = ServiceGroup(services: [app], logger: logger)
        let task = Task { try await group.run() }
        return AdminRouter(directory: directory, port: try await ready.wait(), group: group, task: task)
    }

    private static func makeDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("admin-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    private init(directory: URL, port: Int, group: ServiceGroup, task: Task<Void, Error>) {
        self.directory = directory
        self.port = port
        self.group = group
        self.task = task
    }

    /// Shuts the router down gracefully, waits for it, and removes its folder.
    func stop() async {
        await group.triggerGracefulShutdown()
        _ = await task.result
        try? FileManager.default.removeItem(at: directory)
    }

    /// Sends a request with the admin token (or `token`, or none when `token` is nil).
    func send(
        _ method: String, _ path: String, body: String? = nil, token: String? = AdminRouter.token,
        headers: [(String, String)] = []
    ) async throws -> AdminResponse {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = .init(rawValue: method)
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = Array(try await response.body.collect(upTo: 16 << 20).readableBytesView)
        var fields: [String: String] = [:]
        for header in response.headers { fields[header.name.lowercased()] = header.value }
        return AdminResponse(status: Int(response.status.code), headers: fields, bytes: bytes)
    }

    func get(_ path: String) async throws -> AdminResponse { try await send("GET", path) }
    func post(_ path: String, _ body: String? = nil) async throws -> AdminResponse { try await send("POST", path, body: body) }

    /// Posts one Flipt event to `/v1/events`; returns its id.
    func ingest(type: String = "flag", action: String = "created") async throws -> String {
        let response = try await send("POST", "/v1/events", body: #"{"type":"\#(type)","action":"\#(action)","payload":{"key":"k"}}"#)
        guard response.status == 202, let id = response.json["accepted"][0].text else {
            throw TestFailure("ingest answered \(response.status): \(response.text)")
        }
        return id
    }

    /// Polls `path` until `predicate` holds for its JSON (bounded); returns the last answer.
    @discardableResult
    func waitFor(_ path: String, timeout: Duration = .seconds(15), _ predicate: (Value) -> Bool) async throws -> Value {
        let deadline = ContinuousClock.now + timeout
        while true {
            let json = try await get(path).json
            if predicate(json) || ContinuousClock.now >= deadline { return json }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}

/// An answer of the router.
struct AdminResponse: Sendable {
    let status: Int
    /// Header names lower-cased.
    let headers: [String: String]
    let bytes: [UInt8]

    var text: String { String(decoding: bytes, as: UTF8.self) }
    var json: Value { (try? Value(json: bytes)) ?? .missing }
    /// `error.code` of a JSON error.
    var errorCode: String? { json["error"]["code"].text }
}

/// A sink for the tests: an http sink to `url`, one attempt unless said otherwise, quick retries.
func adminSink(
    _ name: String, url: String, enabled: Bool = true, headers: [(name: String, value: String)] = [],
    events: [String] = ["*:*"], maxAttempts: Int = 1, signing: SigningSettings? = nil
) throws -> SinkConfiguration {
    try SinkConfiguration(
        name: name, enabled: enabled, url: url, headers: headers, events: try EventFilter(events),
        retry: RetryPolicySettings(maxAttempts: maxAttempts, initialBackoff: .milliseconds(50), maxBackoff: .milliseconds(100), jitter: 0),
        signing: signing)
}

/// A switch a receiver's behaviour reads, flipped by the test.
final class ReceiverSwitch: Sendable {
    private let state = Atomic<Bool>(false)
    var isOn: Bool { state.load(ordering: .relaxed) }
    func turnOn() { state.store(true, ordering: .relaxed) }
}

/// Reading the router's JSON answers in tests: missing keys and indices read as `.missing`.
extension Value {
    subscript(_ key: String) -> Value {
        if case .map(let map) = self { return map[key] ?? .missing }
        return .missing
    }

    subscript(_ index: Int) -> Value {
        if case .array(let items) = self, items.indices.contains(index) { return items[index] }
        return .missing
    }

    var text: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    var integer: Int? {
        if case .int64(let number) = self { return Int(number) }
        return nil
    }

    /// An integer or a float, as a Double.
    var number: Double? {
        switch self {
        case .int64(let number): Double(number)
        case .float64(let number): number
        default: nil
        }
    }

    var items: [Value] {
        if case .array(let items) = self { return items }
        return []
    }

    var keyList: [String] {
        if case .map(let map) = self { return map.keys }
        return []
    }
}
