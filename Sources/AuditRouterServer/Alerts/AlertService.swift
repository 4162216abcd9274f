import AuditRouter
import Foundation
import Logging
import ServiceLifecycle

/// Commits the operator alerts `AlertRaiser` collects, each as an event with a delivery to every
/// sink whose `alerts` select it. On graceful shutdown it commits what is left, grouped dead
/// letters included, so that every alert raised before the dispatchers stopped is in the spool
/// for the next start. It is listed before the dispatch supervisor, so that it stops after it.
struct AlertService: Service {
    let runtime: RouterRuntime
    /// How long to wait before trying again when the spool fails.
    static let retryDelay: Duration = .seconds(1)

    func run() async throws {
        let raiser = runtime.alerts
        await withGracefulShutdownHandler {
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                if await !commit(raiser.take()) { try? await Task.sleep(for: Self.retryDelay) }
                await raiser.signal.wait(timeout: raiser.idleWait(cap: .seconds(1)))
            }
        } onGracefulShutdown: {
            raiser.signal.wake()
        }
        _ = await commit(raiser.take(flushAll: true), finally: true)
    }

    /// Commits `alerts` in order; on a spool failure puts the rest back (unless `finally`: then
    /// they are logged as lost) and returns false.
    private func commit(_ alerts: [OperatorAlert], finally: Bool = false) async -> Bool {
        for (index, alert) in alerts.enumerated() {
            do {
                try await runtime.commit(alert)
            } catch {
                let left = alerts[index...]
                runtime.logger.error(
                    finally ? "could not store operator alerts at shutdown; they are lost" : "could not store operator alerts; trying again",
                    metadata: ["alerts": "\(left.map(\.kind.rawValue).joined(separator: ","))", "error": "\(error)"])
                if !finally { runtime.alerts.putBack(Array(left)) }
                return false
            }
        }
        return true
    }
}
