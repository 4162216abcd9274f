import Foundation
import ServiceLifecycle

/// Refreshes the gauges every five seconds: pending deliveries and whether the sink is paused,
/// per sink (those configured, and any other the spool holds pending deliveries of, such as a
/// sink a reload removed), and the spool's size on disk (database plus write-ahead log).
struct MetricsRefreshService: Service {
    let runtime: RouterRuntime
    static let interval: Duration = .seconds(5)

    func run() async throws {
        var reported: Set<String> = []
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            reported = refresh(reported)
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: Self.interval) }
        }
    }

    /// Sets the gauges; returns the sinks it reported, which the next refresh reports again (so
    /// that a gauge falls to 0 when its sink's last pending delivery ends, or the sink goes).
    private func refresh(_ reportedBefore: Set<String>) -> Set<String> {
        let generation = runtime.current
        let pending = runtime.spool.pendingCounts()
        let paused = generation.pausedSinks
        let reported = Set(generation.configuration.sinks.map(\.name)).union(pending.keys)
        for name in reported.union(reportedBefore) {
            runtime.metrics.setPending(sink: name, count: pending[name] ?? 0)
            runtime.metrics.setPaused(sink: name, paused.contains(name))
        }
        let path = generation.configuration.spool.path
        let size = [path, path + "-wal"].reduce(0) { total, file in
            total + ((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0)
        }
        runtime.metrics.setSpoolSize(bytes: size)
        return reported
    }
}
