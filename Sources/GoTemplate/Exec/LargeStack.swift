#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs deep recursion (nested template calls, deeply nested actions, very long templates) on
/// threads with large stacks, so that it ends in Go's errors rather than a stack overflow.
/// Ordinary templates never leave the caller's thread.
enum LargeStack {
    /// Stack size of each hop's thread (reserved address space; pages are used as touched).
    static let stackSize = 1 << 30
    /// How much of the caller's stack execution may use before hopping to a large one.
    static let callerBudget = 256 << 10
    /// What a hop's thread keeps free below its budget (for the frames of one more level).
    static let reserve = 1 << 20

    /// The address of a local variable: where the stack is now (it grows down).
    @inline(never)
    static func currentAddress() -> UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }

    /// The stack address below which code running here must hop, allowing `budget` bytes.
    static func limit(budget: Int) -> UInt {
        let here = currentAddress()
        return here > UInt(budget) ? here - UInt(budget) : 0
    }

    private class JobBase {
        func run() {}
    }

    private final class Job<State>: JobBase {
        var state: State
        let body: (inout State) throws -> Void
        var failure: (any Error)?

        init(state: State, body: @escaping (inout State) throws -> Void) {
            self.state = state
            self.body = body
        }

        override func run() {
            do {
                try body(&state)
            } catch {
                failure = error
            }
        }
    }

    /// Runs `body` with `state` on a new thread with a large stack and waits for it.
    static func run<State>(_ state: inout State, _ body: @escaping (inout State) throws -> Void) throws {
        let job = Job(state: state, body: body)
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        pthread_attr_setstacksize(&attributes, stackSize)
        defer { pthread_attr_destroy(&attributes) }
        let context = Unmanaged.passRetained(job as JobBase).toOpaque()
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        let created = pthread_create(&thread, &attributes, { raw in
            let job = Unmanaged<JobBase>.fromOpaque(raw!).takeRetainedValue()
            job.run()
            return nil
        }, context)
        if created != 0 {
            Unmanaged<JobBase>.fromOpaque(context).release()
            job.run()  // No thread to be had: carry on here.
        } else {
            #if canImport(Glibc)
            pthread_join(thread, nil)
            #else
            pthread_join(thread!, nil)
            #endif
        }
        state = job.state
        if let failure = job.failure { throw failure }
    }
}
