import Foundation

/// Lets idle workers sleep until new work arrives or a timeout passes.
actor WakeSignal {
    private var waiters: [UUID: CheckedContinuation<Void, Never>] = [:]
    private var pendingWake = false

    /// Returns at the next `wake()`, after `timeout`, or at once if a wake came while nobody waited.
    func wait(timeout: Duration) async {
        if pendingWake {
            pendingWake = false
            return
        }
        let id = UUID()
        await withCheckedContinuation { continuation in
            waiters[id] = continuation
            Task {
                try? await Task.sleep(for: timeout)
                self.resume(id)
            }
        }
    }

    /// Wakes every waiting worker (or the next one to wait).
    func wake() {
        if waiters.isEmpty {
            pendingWake = true
            return
        }
        let woken = waiters.values
        waiters.removeAll()
        for continuation in woken { continuation.resume() }
    }

    private func resume(_ id: UUID) {
        waiters.removeValue(forKey: id)?.resume()
    }
}
