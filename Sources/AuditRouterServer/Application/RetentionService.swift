import Foundation
import ServiceLifecycle

/// Prunes the spool at start and every ten minutes: attempt rows and delivered events older than
/// `spool.retain_delivered`, dead letters older than `spool.retain_dead`, so that the spool file
/// does not grow without bound.
struct RetentionService: Service {
    let runtime: RouterRuntime
    static let interval: Duration = .seconds(600)

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await prune()
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: Self.interval) }
        }
    }

    private func prune() async {
        let spool = runtime.current.configuration.spool
        let now = Date()
        do {
            let result = try await runtime.spool.prune(
                deliveredBefore: now.addingTimeInterval(-seconds(spool.retainDelivered)),
                deadBefore: now.addingTimeInterval(-seconds(spool.retainDead)))
            if result.attempts + result.deliveries + result.events + result.receipts > 0 {
                runtime.logger.info("spool pruned", metadata: [
                    "pruned.attempts": "\(result.attempts)", "pruned.deliveries": "\(result.deliveries)", "pruned.events": "\(result.events)",
                    "pruned.receipts": "\(result.receipts)",
                ])
            }
        } catch {
            runtime.logger.error("spool prune failed", metadata: ["error": "\(error)"])
        }
    }
}

/// A duration in seconds, as a `TimeInterval`.
func seconds(_ duration: Duration) -> TimeInterval {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}
