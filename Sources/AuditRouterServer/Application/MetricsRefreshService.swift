import Foundation
import ServiceLifecycle

/// Refreshes the gauges every five seconds: pending deliveries per running sink, and the
/// spool's size on disk (database plus write-ahead log).
struct MetricsRefreshService: Service {
    let runtime: RouterRuntime
    static let interval: Duration = .seconds(5)

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await refresh()
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: Self.interval) }
        }
    }

    private func refresh() async {
        let generation = runtime.current
        for name in generation.dispatchers.keys {
            if let pending = try? await runtime.spool.pendingCount(sink: name) {
                runtime.metrics.setPending(sink: name, count: pending)
            }
        }
        let path = generation.configuration.spool.path
        let size = [path, path + "-wal"].reduce(0) { total, file in
            total + ((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0)
        }
        runtime.metrics.setSpoolSize(bytes: size)
    }
}
