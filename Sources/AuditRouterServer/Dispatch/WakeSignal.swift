import Synchronization

/// Lets idle workers sleep until new work arrives or a timeout passes. Waking is synchronous and
/// cheap when nobody waits (busy workers), so producers may signal on every new item. Timeouts
/// are served by one ticker task that runs only while someone waits, at `tick` granularity,
/// rather than by a timer per wait.
final class WakeSignal: Sendable {
    /// How late a timeout may end.
    static let tick: Duration = .milliseconds(50)

    private struct Waiter {
        let continuation: CheckedContinuation<Void, Never>
        let deadline: ContinuousClock.Instant
    }

    private struct State {
        var waiters: [UInt64: Waiter] = [:]
        var nextID: UInt64 = 0
        /// Wakes that came while nobody waited, for the next callers of `wait`.
        var pendingWakes = 0
        var ticking = false
    }

    private let state = Mutex(State())

    /// Returns at a `wake`, after `timeout`, or at once if a wake came while nobody waited.
    func wait(timeout: Duration) async {
        let deadline = ContinuousClock.now + timeout
        await withCheckedContinuation { continuation in
            let startTicker: Bool? = state.withLock { state in
                if state.pendingWakes > 0 {
                    state.pendingWakes -= 1
                    return nil
                }
                state.nextID += 1
                state.waiters[state.nextID] = Waiter(continuation: continuation, deadline: deadline)
                defer { state.ticking = true }
                return !state.ticking
            }
            guard let startTicker else { return continuation.resume() }
            if startTicker { Task { await self.tickWhileWaited() } }
        }
    }

    /// Wakes up to `count` waiting workers (the longest waiting first); wakes nobody waits for
    /// are kept for later callers.
    func wake(_ count: Int = .max) {
        let woken: [Waiter] = state.withLock { state in
            guard !state.waiters.isEmpty else {
                state.pendingWakes = min(max(state.pendingWakes, count), 64)
                return []
            }
            let ids = count >= state.waiters.count ? Array(state.waiters.keys) : Array(state.waiters.keys.sorted().prefix(count))
            // Wakes beyond the waiters are for workers about to wait.
            if count != .max && count > ids.count { state.pendingWakes = min(state.pendingWakes + count - ids.count, 64) }
            return ids.compactMap { state.waiters.removeValue(forKey: $0) }
        }
        for waiter in woken { waiter.continuation.resume() }
    }

    /// Resumes waiters whose timeout passed, every `tick`, until nobody waits.
    private func tickWhileWaited() async {
        while true {
            try? await Task.sleep(for: Self.tick)
            let now = ContinuousClock.now
            let (expired, more): ([Waiter], Bool) = state.withLock { state in
                let ids = state.waiters.filter { $0.value.deadline <= now }.map(\.key)
                let expired = ids.compactMap { state.waiters.removeValue(forKey: $0) }
                if state.waiters.isEmpty { state.ticking = false }
                return (expired, state.ticking)
            }
            for waiter in expired { waiter.continuation.resume() }
            if !more { return }
        }
    }
}
