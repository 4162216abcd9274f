import GoTemplate

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Times rendering and parsing the way the conformance oracle's `bench` and `bench-parse` modes
/// do, printing `iterations=N ns/op=X …` for `shared/bench/bench.py`.
enum TemplateBenchmark {
    /// Renders `iterations` times into a reused buffer after a short warm-up.
    static func render(iterations: Int, template: Template, data: Value) throws {
        var buffer: [UInt8] = []
        do {
            try template.execute(data, into: &buffer)
        } catch {
            fail(error.message)
        }
        let outputBytes = buffer.count
        for _ in 0..<min(iterations / 10, 1000) {
            buffer.removeAll(keepingCapacity: true)
            try? template.execute(data, into: &buffer)
        }
        let start = monotonicNanoseconds()
        for _ in 0..<iterations {
            buffer.removeAll(keepingCapacity: true)
            try template.execute(data, into: &buffer)
        }
        let elapsed = monotonicNanoseconds() - start
        print("iterations=\(iterations) ns/op=\(elapsed / UInt64(max(iterations, 1))) output_bytes=\(outputBytes)")
    }

    /// Parses `iterations` times.
    static func parse(iterations: Int, name: String, text: String, options: Template.Options) throws {
        let start = monotonicNanoseconds()
        for _ in 0..<iterations {
            do {
                _ = try Template(name: name, text: text, functions: .standard, options: options)
            } catch {
                fail(error.message)
            }
        }
        let elapsed = monotonicNanoseconds() - start
        print("iterations=\(iterations) ns/op=\(elapsed / UInt64(max(iterations, 1)))")
    }

    private static func monotonicNanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
