import AuditRouter
import Foundation
import GoTemplate
import Logging
import Synchronization

/// The router's live state: the configuration in force, its routing, and one dispatcher per
/// enabled sink. A reload swaps it whole; a configuration that fails to load leaves the running
/// one in place. Deliveries in flight survive a reload: each sink's queue (and health) carries
/// over to its new dispatcher. The pending deliveries of a sink that does not run (removed, or
/// disabled) are parked until it runs again (`Spool.ParkReason.notRunning`).
public final class RouterRuntime: Sendable {
    struct Generation: Sendable {
        let configuration: RouterConfiguration
        let router: EventRouter
        let renderer: RequestRenderer
        let dispatchers: [String: SinkDispatcher]

        /// The sinks of this generation that are paused now.
        var pausedSinks: Set<String> {
            Set(dispatchers.filter { $0.value.currentHealth.paused }.keys)
        }
    }

    let spool: Spool
    let transport: HTTPTransport
    let metrics: RouterMetrics
    let logger: Logger
    /// The file reloads read; nil when the configuration was given in code.
    let configurationPath: String?
    let supervisor: DispatchSupervisor
    private let generation = Locked<Generation?>(nil)
    private let queues = Locked<[String: SinkQueue]>([:])
    /// Held while a generation is installed, so that two reloads at once (SIGHUP and the admin
    /// API) install one after the other and each stops the generation it replaces.
    private let installing = Mutex(())
    /// The latest parking and unparking after an install; each waits for the one before.
    private let settling = Locked<Task<Void, Never>?>(nil)

    init(configuration: RouterConfiguration, configurationPath: String?, spool: Spool, transport: HTTPTransport, logger: Logger) {
        self.spool = spool
        self.transport = transport
        self.metrics = RouterMetrics(sinks: configuration.sinks.filter(\.enabled).map(\.name))
        self.logger = logger
        self.configurationPath = configurationPath
        let generation = self.generation
        self.supervisor = DispatchSupervisor(
            logger: logger,
            drainTimeout: { generation.withLock { $0?.configuration.server.drainTimeout ?? .seconds(30) } },
            onShutdown: { generation.withLock { $0?.dispatchers.values.forEach { $0.stop() } } })
        install(configuration)
    }

    /// The generation in force.
    var current: Generation {
        generation.withLock { $0! }
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
    /// configuration) when it does not load.
    public func reload() throws(ReloadError) -> RouterConfiguration {
        guard let configurationPath else { throw ReloadError(message: "no configuration file to reload from") }
        let configuration: RouterConfiguration
        do {
            configuration = try ConfigurationLoader.load(path: configurationPath)
        } catch {
            logger.error("reload rejected; the running configuration stays", metadata: ["config": "\(configurationPath)", "error": "\(error)"])
            throw ReloadError(message: error.description)
        }
        let old = current.configuration
        if configuration.spool.path != old.spool.path || configuration.server.listen != old.server.listen {
            logger.warning("spool.path and server.listen take effect at the next start only")
        }
        install(configuration)
        logger.info("configuration reloaded", metadata: ["config": "\(configurationPath)", "sinks": "\(configuration.sinks.filter(\.enabled).map(\.name).joined(separator: ","))"])
        return configuration
    }

    /// Builds the dispatchers of `configuration`, stops the previous ones, and starts the new.
    private func install(_ configuration: RouterConfiguration) {
        installing.withLock { _ in installLocked(configuration) }
    }

    private func installLocked(_ configuration: RouterConfiguration) {
        let renderer = RequestRenderer(meta: configuration.meta)
        let deliverer = Deliverer(
            renderer: renderer, transport: transport, lineWriter: LineSinkWriter(), metrics: metrics, logger: logger)
        let previous = generation.withLock { $0 }
        var dispatchers: [String: SinkDispatcher] = [:]
        for sink in configuration.sinks where sink.enabled {
            let queue = queues.withLock { queues in
                if let queue = queues[sink.name] { return queue }
                let queue = SinkQueue(sink: sink.name, spool: spool)
                queues[sink.name] = queue
                return queue
            }
            // Deliveries may have been accepted while the sink was not running.
            queue.requestSpoolRead()
            let health = previous?.dispatchers[sink.name]?.currentHealth ?? SinkHealth()
            dispatchers[sink.name] = SinkDispatcher(sink: sink, queue: queue, deliverer: deliverer, spool: spool, health: health, logger: logger)
        }
        // Sinks no longer running keep their deliveries in the spool only.
        queues.withLock { queues in
            for (name, queue) in queues where dispatchers[name] == nil { queue.dropBuffered() }
        }
        let next = Generation(
            configuration: configuration, router: EventRouter(sinks: configuration.sinks, meta: configuration.meta),
            renderer: renderer, dispatchers: dispatchers)
        generation.withLock { $0 = next }
        previous?.dispatchers.values.forEach { $0.stop() }
        for name in dispatchers.keys.sorted() { supervisor.start(dispatchers[name]!) }
        settleParking(running: Set(dispatchers.keys), retired: previous?.dispatchers.filter { dispatchers[$0.key] == nil }.map(\.value) ?? [])
    }

    /// In the background, after the install before's: re-queues what was parked while a sink
    /// that now runs did not, and parks the pending deliveries of the sinks that do not run —
    /// nothing would deliver them, yet they would count toward `spool.max_pending` — once the
    /// `retired` dispatchers have recorded their last attempts.
    private func settleParking(running: Set<String>, retired: [SinkDispatcher]) {
        settling.withLock { last in
            let previous = last
            last = Task {
                await previous?.value
                do {
                    try await self.settle(running: running, retired: retired)
                } catch {
                    self.logger.error("parking the deliveries of sinks that do not run failed", metadata: ["error": "\(error)"])
                }
            }
        }
    }

    private func settle(running: Set<String>, retired: [SinkDispatcher]) async throws {
        let now = Date()
        for name in running.sorted() {
            let requeued = try await spool.unpark(sink: name, reason: .notRunning, now: now)
            guard requeued > 0 else { continue }
            logger.info("re-queued the deliveries parked while the sink did not run", metadata: ["sink.name": "\(name)", "count": "\(requeued)"])
            wake(name)
        }
        for dispatcher in retired { await dispatcher.finished() }
        let known = queues.withLock { Set($0.keys) }
        // A later install may have started one of them again meanwhile; its own settling follows.
        for name in try await spool.sinksWithPendingDeliveries().union(known).subtracting(running).sorted() where current.dispatchers[name] == nil {
            let inFlight = queues.withLock { $0[name]?.inFlight } ?? []
            let parked = try await spool.park(sink: name, reason: .notRunning, excluding: inFlight, now: now)
            if parked > 0 {
                logger.warning("parked the deliveries of a sink that does not run (removed or disabled)", metadata: ["sink.name": "\(name)", "count": "\(parked)"])
                metrics.deliveryFinished(sink: name, outcome: "parked", count: parked)
            }
            metrics.setPending(sink: name, count: try await spool.pendingCount(sink: name))
        }
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
