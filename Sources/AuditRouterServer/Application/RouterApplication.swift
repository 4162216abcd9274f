import AsyncHTTPClient
import AuditRouter
import Foundation
import GoTemplate
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import Metrics
import NIOCore
import ServiceLifecycle

/// The composition root: builds the spool, the transport, the runtime (routing and one
/// dispatcher per sink), and the HTTP application serving ingest and health endpoints. On
/// SIGTERM the server stops accepting first, then dispatchers finish their attempts in flight
/// (bounded by `server.drain_timeout`), then the HTTP client closes. SIGHUP reloads the
/// configuration.
public enum RouterApplication {
    /// Builds the application for `configuration`, read from `configurationPath` (reloads read
    /// that file again). `onServerRunning` receives the bound port (useful with port 0). With
    /// `bootstrapMetrics` (once per process: the executable) the global `MetricsSystem` records
    /// into the router's registry, so what libraries record through swift-metrics is served too.
    public static func build(
        configuration: RouterConfiguration,
        configurationPath: String?,
        logger: Logger,
        bootstrapMetrics: Bool = false,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws -> some ApplicationProtocol {
        let spool = try Spool(path: configuration.spool.path, synchronous: configuration.spool.synchronous)
        let transport = HTTPTransport()
        let runtime = RouterRuntime(
            configuration: configuration, configurationPath: configurationPath, spool: spool, transport: transport, logger: logger)
        if bootstrapMetrics { MetricsSystem.bootstrap(runtime.metrics.metricsFactory) }

        let router = Router()
        router.add(middleware: JSONErrorMiddleware(logger: logger))
        IngestRoutes(runtime: runtime).register(on: router)
        AdminRoutes(runtime: runtime).register(on: router)
        HealthRoutes(runtime: runtime).register(on: router)
        registerMetricsRoute(on: router, metrics: runtime.metrics)

        // Services stop in reverse order, each awaited before the next is told (after the HTTP
        // server, which Hummingbird stops first): no more reloads, then the dispatchers drain
        // at once (a prune under way does not eat into their drain time), then the rest; alerts
        // are flushed after the dispatchers' last dead letters, and the HTTP client closes last.
        let services: [any Service] = [
            TransportService(transport: transport),
            AlertService(runtime: runtime),
            RetentionService(runtime: runtime),
            MetricsRefreshService(runtime: runtime),
            runtime.supervisor,
            ReloadSignalService(runtime: runtime),
        ]
        return Application(
            router: router,
            server: try Self.serverBuilder(configuration.server, certificate: runtime.serverCertificate),
            configuration: .init(address: .hostname(configuration.server.host, port: configuration.server.port), serverName: "audit-router"),
            services: services,
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
            logger: logger
        )
    }

    /// HTTP/1.1, over TLS when `server.tls` is set (with `certificate`'s current pair at each
    /// handshake); malformed requests get a JSON 400 either way.
    private static func serverBuilder(_ settings: ServerSettings, certificate: ServerCertificate) throws -> HTTPServerBuilder {
        let http = HTTPServerBuilder.http1(configuration: .init(
            additionalChannelHandlers: [MalformedRequestResponder()], idleTimeout: TimeAmount(settings.idleTimeout)))
        guard let tls = certificate.configuration() else { return http }
        return try .tls(http, tlsConfiguration: tls)
    }
}

extension RouterApplication {
    /// How long a shutdown may take beyond `server.drain_timeout` (the HTTP server's own stop,
    /// the HTTP client's) before what is left is cancelled.
    public static let shutdownMargin: Duration = .seconds(5)

    /// Runs `app` until SIGTERM or SIGINT, then shuts it down gracefully within `drainTimeout`
    /// plus `shutdownMargin`: a request stuck mid-body (a slow client) or a sink that never
    /// answers cannot hold the process. What was not delivered stays in the spool.
    public static func run(_ app: some ApplicationProtocol, drainTimeout: Duration, logger: Logger) async throws {
        var configuration = ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        configuration.maximumGracefulShutdownDuration = drainTimeout + shutdownMargin
        try await ServiceGroup(configuration: configuration).run()
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
