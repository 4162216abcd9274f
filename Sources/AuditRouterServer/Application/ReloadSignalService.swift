import ServiceLifecycle
import UnixSignals

/// Reloads the configuration on SIGHUP; a configuration that fails to load is logged and the
/// running one kept.
struct ReloadSignalService: Service {
    let runtime: RouterRuntime

    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        for await _ in signals.cancelOnGracefulShutdown() {
            _ = try? runtime.reload()
        }
    }
}
