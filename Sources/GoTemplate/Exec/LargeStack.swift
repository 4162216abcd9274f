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

    /// Large stacks a walk may hop onto, one after the other (each reserves `stackSize` of address
    /// space and uses what it touches): one, as Go allows a goroutine 1 GB of stack; past it the
    /// walk ends in an error rather than take the machine's memory (Go's run time dies instead).
    static let maxHops = 1

    /// A new thread could not be had (no memory or no threads left): the walk stops with an error
    /// rather than overflow the stack it is on.
    struct Unavailable: Error {}

    /// Runs `body` with `state` on a new thread with a large stack and waits for it. Throws
    /// `Unavailable` when no thread can be created.
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
            throw Unavailable()
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

extension LargeStack {
    /// `text()`, computed on a large stack when `deep`: describing a deeply nested tree recurses
    /// as deep as the tree.
    static func text(deep: Bool, _ text: () -> String) -> String {
        guard deep else { return text() }
        return withoutActuallyEscaping(text) { text in
            var result = "(too deeply nested to describe)"
            try? run(&result) { $0 = text() }
            return result
        }
    }
}

/// A recursive walk (parser, executor, printer) that goes on on a large stack when its own runs low.
protocol StackBounded {
    /// The stack address below which the walk must hop; 0 before the walk begins.
    var stackLimit: UInt { get set }
    /// The large stacks the walk has hopped onto so far.
    var stackHops: Int { get set }
    /// The error that ends the walk when it would need more than `LargeStack.maxHops` stacks.
    func stackExhausted() -> TemplateError
}

extension StackBounded {
    /// Whether the walk is deep enough in this stack that it must go on on a large one.
    var mustHop: Bool { LargeStack.currentAddress() < stackLimit }

    /// Allows the walk `LargeStack.callerBudget` bytes of the caller's stack from here.
    mutating func startStackBudget() {
        stackLimit = LargeStack.limit(budget: LargeStack.callerBudget)
    }

    /// Runs `step` on a new thread with a large stack, with a limit for that stack; the caller's
    /// limit is restored afterwards.
    mutating func continueOnLargeStack<Result>(_ step: @escaping (inout Self) throws(TemplateError) -> Result) throws(TemplateError) -> Result {
        guard stackHops < LargeStack.maxHops else { throw stackExhausted() }
        var result: Result?
        let savedLimit = stackLimit
        stackHops += 1
        defer {
            stackLimit = savedLimit
            stackHops -= 1
        }
        do {
            try LargeStack.run(&self) { (walk: inout Self) in
                walk.stackLimit = LargeStack.limit(budget: LargeStack.stackSize - LargeStack.reserve)
                result = try step(&walk)
            }
        } catch let error as TemplateError {
            throw error
        } catch is LargeStack.Unavailable {
            throw stackExhausted()
        } catch {
            preconditionFailure("the walk throws only TemplateError")
        }
        return result!
    }
}
