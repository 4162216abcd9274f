import AuditRouter
import Foundation
import GoTemplate
import Logging
import Synchronization

/// The router's live state: the configuration in force, its routing, and one dispatcher per
/// enabled sink. A reload swaps it whole; a configuration that fails to load leaves the running
/// one in place. Deliveries in flight survive a reload: each sink's queue (and health) carries
/// over to its new dispatcher.
public final class RouterRuntime: Sendable {
    struct Generation: Sendable {
        let configuration: RouterConfiguration
        let router: EventRouter
        let renderer: RequestRenderer
        let dispatchers: [String: SinkDispatcher]
        /// The names of `dispatchers`: the sinks whose pending deliveries count toward
        /// `spool.max_pending` (those of a sink that does not run wait, uncounted, for it to run).
        let runningSinks: Set<String>

        /// The sinks of this generation that are paused now.
        var pausedSinks: Set<String> {
            Set(dispatchers.filter { $0.value.isPaused }.keys)
        }
    }

    let spool: Spool
    let transport: HTTPTransport
    /// Writes the `stdout` and `file` sinks' lines, for every generation and the test attempt.
    let lineWriter = LineSinkWriter()
    let metrics: RouterMetrics
    let logger: Logger
    /// The file reloads read; nil when the configuration was given in code.
    let configurationPath: String?
    let supervisor: DispatchSupervisor
    /// Operator alerts raised by the dispatchers, for `AlertService` to commit.
    let alerts: AlertRaiser
    /// The HTTPS certificate and key the listener serves (`server.tls`), renewed by reloads.
    let serverCertificate: ServerCertificate
    private let generation = Locked<Generation?>(nil)
    private let queues = Locked<[String: SinkQueue]>([:])
    private let healths = Locked<[String: SharedSinkHealth]>([:])
    /// Held while a generation is installed, so that two reloads at once (SIGHUP and the admin
    /// API) install one after the other and each stops the generation it replaces.
    private let installing = Mutex(())

    init(configuration: RouterConfiguration, configurationPath: String?, spool: Spool, transport: HTTPTransport, logger: Logger) {
        self.spool = spool
        self.transport = transport
        self.metrics = RouterMetrics(sinks: configuration.sinks.filter(\.enabled).map(\.name))
        self.logger = logger
        self.configurationPath = configurationPath
        let generation = self.generation
        self.supervisor = DispatchSupervisor(
            logger: logger,
            // As the whole shutdown's bound (`RouterApplication.run`), fixed at start.
            drainTimeout: configuration.server.drainTimeout,
            onShutdown: { generation.withLock { $0?.dispatchers.values.forEach { $0.stop() } } })
        self.alerts = AlertRaiser(groupInterval: { generation.withLock { $0?.configuration.alerting.groupInterval ?? .seconds(300) } })
        self.serverCertificate = ServerCertificate(configuration.server.tls)
        install(configuration)
    }

    /// The generation in force.
    var current: Generation {
        generation.withLock { $0! }
    }

    /// The queue of `sink`, made on first use. It outlives reloads: attempts a reload overtook
    /// finish through it, and a sink that comes back finds it.
    func queue(of sink: String) -> SinkQueue {
        queues.withLock { queues in
            if let queue = queues[sink] { return queue }
            let queue = SinkQueue(sink: sink, spool: spool)
            queues[sink] = queue
            return queue
        }
    }

    /// The health of `sink`, shared by its dispatchers while it keeps running across reloads; a
    /// fresh one when it did not run in the generation before (a sink that comes back starts
    /// unpaused and healthy, as at a start).
    private func health(of sink: String, ranBefore: Bool) -> SharedSinkHealth {
        healths.withLock { healths in
            if ranBefore, let health = healths[sink] { return health }
            let health = SharedSinkHealth()
            healths[sink] = health
            return health
        }
    }

    /// Wakes the dispatcher of `sink`, if it runs, to read deliveries due in the spool.
    func wake(_ sink: String) {
        current.dispatchers[sink]?.wake()
    }

    /// Hands deliveries just committed to the dispatchers of their sinks.
    func offer(_ deliveries: [String: [DueDelivery]]) {
        let dispatchers = current.dispatchers
        for (sink, due) in deliveries { dispatchers[sink]?.offer(due) }
    }

    /// Loads the configuration file again and puts it in force. Throws (and keeps the running
    /// configuration) when it does not load or a sink fails its sample renders (as `validate`).
    public func reload() throws(ReloadError) -> RouterConfiguration {
        guard let configurationPath else { throw ReloadError(message: "no configuration file to reload from") }
        let configuration: RouterConfiguration
        do {
            configuration = try ConfigurationLoader.load(path: configurationPath)
        } catch {
            logger.error("reload rejected; the running configuration stays", metadata: ["config": "\(configurationPath)", "error": "\(error)"])
            throw ReloadError(message: error.description)
        }
        let check = SampleRenderCheck(configuration)
        guard check.problems.isEmpty else {
            let message = check.problems.map { "\(configurationPath): \($0)" }.joined(separator: "\n")
            logger.error("reload rejected; the running configuration stays", metadata: ["config": "\(configurationPath)", "error": "\(message)"])
            throw ReloadError(message: message)
        }
        let old = current.configuration
        let fixedAtStart = [
            ("server.listen", configuration.server.listen != old.server.listen),
            ("server.drain_timeout", configuration.server.drainTimeout != old.server.drainTimeout),
            ("server.idle_timeout", configuration.server.idleTimeout != old.server.idleTimeout),
            ("server.tls", (configuration.server.tls == nil) != (old.server.tls == nil)),
            ("server.tls.client_ca_file", !ServerCertificate.sameClientRoots(old.server.tls, configuration.server.tls)),
            ("spool.path", configuration.spool.path != old.spool.path),
            ("spool.synchronous", configuration.spool.synchronous != old.spool.synchronous),
        ].filter(\.1).map(\.0)
        if !fixedAtStart.isEmpty {
            logger.warning("changed settings take effect at the next start only", metadata: ["settings": "\(fixedAtStart.joined(separator: ","))"])
        }
        if let renewed = configuration.server.tls, serverCertificate.renew(with: renewed) {
            logger.info("server certificate renewed: new connections get it", metadata: ["cert_file": "\(renewed.certificateFile)"])
        }
        install(configuration)
        logger.info("configuration reloaded", metadata: ["config": "\(configurationPath)", "sinks": "\(configuration.sinks.filter(\.enabled).map(\.name).joined(separator: ","))"])
        return configuration
    }

    /// Builds the dispatchers of `configuration`, stops the previous ones, and starts the new.
    private func install(_ configuration: RouterConfiguration) {
        for sink in configuration.sinks where sink.enabled && sink.tls?.insecureSkipVerify == true {
            logger.warning("sink accepts any TLS certificate (insecure_skip_verify): for tests only", metadata: ["sink.name": "\(sink.name)"])
        }
        installing.withLock { _ in installLocked(configuration) }
    }

    private func installLocked(_ configuration: RouterConfiguration) {
        let renderer = RequestRenderer(meta: configuration.meta)
        let deliverer = Deliverer(
            renderer: renderer, transport: transport, lineWriter: lineWriter, metrics: metrics, alerts: alerts, logger: logger)
        let previous = generation.withLock { $0 }
        var dispatchers: [String: SinkDispatcher] = [:]
        for sink in configuration.sinks where sink.enabled {
            let queue = queue(of: sink.name)
            queue.attemptTimeout = sink.timeout
            // Deliveries may have been accepted while the sink was not running.
            queue.requestSpoolRead()
            let health = health(of: sink.name, ranBefore: previous?.dispatchers[sink.name] != nil)
            dispatchers[sink.name] = SinkDispatcher(
                sink: sink, queue: queue, deliverer: deliverer, spool: spool, health: health,
                alerting: configuration.alerting, logger: logger)
        }
        // Sinks no longer running keep their deliveries in the spool only.
        queues.withLock { queues in
            for (name, queue) in queues where dispatchers[name] == nil { queue.dropBuffered() }
        }
        let next = Generation(
            configuration: configuration, router: EventRouter(sinks: configuration.sinks, meta: configuration.meta),
            renderer: renderer, dispatchers: dispatchers, runningSinks: Set(dispatchers.keys))
        generation.withLock { $0 = next }
        previous?.dispatchers.values.forEach { $0.stop() }
        for name in dispatchers.keys.sorted() { supervisor.start(dispatchers[name]!) }
        // TLS clients no sink has any more close once their attempts under way end.
        transport.retireTLSClients(keeping: Set(configuration.sinks.compactMap { $0.tls?.fingerprint }))
    }
}

/// A reload that was rejected; the running configuration stays in force.
public struct ReloadError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// A value behind a lock, shareable by reference (closures can capture it).
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) {
        mutex = Mutex(value)
    }

    func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
        mutex.withLock { body(&$0) }
    }
}
