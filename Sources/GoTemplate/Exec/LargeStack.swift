#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs deeply nested template calls on threads with large stacks, so that recursion up to Go's
/// limit of 100000 nested calls ends in Go's error rather than a stack overflow. Ordinary
/// templates never leave the caller's thread.
enum LargeStack {
    /// Nested template calls run on the current stack before hopping to a fresh one.
    static let depthPerHop = 2_000
    /// Stack size of each hop's thread (reserved address space; pages are used as touched).
    static let stackSize = 512 << 20

    private final class Job {
        var executor: Executor
        let body: (inout Executor) throws(TemplateError) -> Void
        var failure: TemplateError?

        init(executor: Executor, body: @escaping (inout Executor) throws(TemplateError) -> Void) {
            self.executor = executor
            self.body = body
        }

        func run() {
            do {
                try body(&executor)
            } catch {
                failure = error
            }
        }
    }

    /// Runs `body` on a new thread with a large stack and waits for it.
    static func run(_ executor: inout Executor, _ body: @escaping (inout Executor) throws(TemplateError) -> Void) throws(TemplateError) {
        let job = Job(executor: executor, body: body)
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        pthread_attr_setstacksize(&attributes, stackSize)
        defer { pthread_attr_destroy(&attributes) }
        let context = Unmanaged.passRetained(job).toOpaque()
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        let created = pthread_create(&thread, &attributes, { raw in
            let job = Unmanaged<Job>.fromOpaque(raw!).takeRetainedValue()
            job.run()
            return nil
        }, context)
        if created != 0 {
            Unmanaged<Job>.fromOpaque(context).release()
            job.run()  // No thread to be had: carry on here.
        } else {
            #if canImport(Glibc)
            pthread_join(thread, nil)
            #else
            pthread_join(thread!, nil)
            #endif
        }
        executor = job.executor
        if let failure = job.failure { throw failure }
    }
}
