import AsyncHTTPClient
import AuditRouter
import Foundation
import GoTemplate
import Hummingbird
import Logging
import ServiceLifecycle

/// The composition root: builds the spool, the transport, one dispatcher per sink, and the HTTP
/// application serving ingest and health endpoints. Services run in one group; on SIGTERM the
/// server stops accepting first, then dispatchers finish their attempts in flight.
public enum RouterApplication {
    /// Builds the application for `configuration`. `onServerRunning` receives the bound port
    /// (useful with port 0 in tests).
    public static func build(
        configuration: RouterConfiguration,
        logger: Logger,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws -> some ApplicationProtocol {
        let spool = try Spool(path: configuration.spool.path)
        let transport = HTTPTransport()
        let renderer = RequestRenderer(meta: configuration.meta)
        let deliverer = Deliverer(renderer: renderer, transport: transport, lineWriter: LineSinkWriter(), spool: spool, logger: logger)
        var dispatchers: [String: SinkDispatcher] = [:]
        for sink in configuration.sinks where sink.enabled {
            dispatchers[sink.name] = SinkDispatcher(sink: sink, spool: spool, deliverer: deliverer, logger: logger)
        }
        let pipeline = IngestPipeline(
            router: EventRouter(sinks: configuration.sinks, meta: configuration.meta),
            spool: spool, dispatchers: DispatcherRegistry(dispatchers: dispatchers), logger: logger)

        let router = Router()
        IngestRoutes(
            pipeline: pipeline,
            settings: IngestSettings(ingestToken: configuration.server.ingestToken, maxBodyBytes: configuration.server.maxBodyBytes),
            sources: configuration.sources
        ).register(on: router)
        HealthRoutes(spool: spool).register(on: router)

        var services: [any Service] = [TransportService(transport: transport)]
        services.append(contentsOf: dispatchers.keys.sorted().map { dispatchers[$0]! as any Service })
        return Application(
            router: router,
            configuration: .init(address: .hostname(configuration.server.host, port: configuration.server.port), serverName: "audit-router"),
            services: services,
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
            logger: logger
        )
    }
}

/// Shuts the HTTP client down after the dispatchers have stopped (services stop in reverse order).
struct TransportService: Service {
    let transport: HTTPTransport

    func run() async throws {
        try? await gracefulShutdown()
        try await transport.shutdown()
    }
}
