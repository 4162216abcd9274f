import Synchronization

/// Lets idle workers sleep until new work arrives or a timeout passes. Waking is synchronous and
/// cheap when nobody waits (busy workers), so producers may signal on every new item.
final class WakeSignal: Sendable {
    private struct Waiter {
        let continuation: CheckedContinuation<Void, Never>
        var timer: Task<Void, Never>?
    }

    private struct State {
        var waiters: [UInt64: Waiter] = [:]
        var nextID: UInt64 = 0
        /// Wakes that came while nobody waited, for the next callers of `wait`.
        var pendingWakes = 0
    }

    private let state = Mutex(State())

    /// Returns at a `wake`, after `timeout`, or at once if a wake came while nobody waited.
    func wait(timeout: Duration) async {
        await withCheckedContinuation { continuation in
            let id: UInt64? = state.withLock { state in
                if state.pendingWakes > 0 {
                    state.pendingWakes -= 1
                    return nil
                }
                state.nextID += 1
                state.waiters[state.nextID] = Waiter(continuation: continuation, timer: nil)
                return state.nextID
            }
            guard let id else { return continuation.resume() }
            let timer = Task {
                try? await Task.sleep(for: timeout)
                self.resume(id)
            }
            let waiting = state.withLock { state in
                guard state.waiters[id] != nil else { return false }
                state.waiters[id]!.timer = timer
                return true
            }
            if !waiting { timer.cancel() }
        }
    }

    /// Wakes up to `count` waiting workers; wakes nobody waits for are kept for later callers.
    func wake(_ count: Int = .max) {
        let woken: [Waiter] = state.withLock { state in
            guard !state.waiters.isEmpty else {
                state.pendingWakes = min(max(state.pendingWakes, count), 64)
                return []
            }
            let ids = Array(state.waiters.keys.sorted().prefix(count))
            return ids.compactMap { state.waiters.removeValue(forKey: $0) }
        }
        for waiter in woken {
            waiter.timer?.cancel()
            waiter.continuation.resume()
        }
    }

    private func resume(_ id: UInt64) {
        state.withLock { $0.waiters.removeValue(forKey: id) }?.continuation.resume()
    }
}
