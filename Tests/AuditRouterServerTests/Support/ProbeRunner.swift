import Foundation
import Testing

/// Sends hostile probes to a running router and checks it still answers `/healthz`.
enum ProbeRunner {
    /// Sends `probes` four at a time, records each answer in `tally`, then checks `/healthz`.
    static func run(_ name: String, _ probes: [HostileProbe], port: Int, tally: ProbeTally, suite: String) async {
        await withTaskGroup(of: Void.self) { group in
            var next = 0
            func add() {
                guard next < probes.count else { return }
                let probe = probes[next]
                next += 1
                group.addTask { await tally.record(probe, await RawHTTP.exchange(port: port, probe.bytes)) }
            }
            for _ in 0..<4 { add() }
            while await group.next() != nil { add() }
        }
        await expectHealthy(port: port, after: "\(name) (\(probes.count) requests)")
        print("\(suite): \(name): \(probes.count) requests")
    }

    static func expectHealthy(port: Int, after: String) async {
        let outcome = await RawHTTP.exchange(port: port, RawHTTP.request("GET", "/healthz"))
        if outcome.status == 200 { return }
        Issue.record("/healthz does not answer 200 after \(after): \(outcome)")
    }
}

extension ProbeRunner {
    /// Opens `count` connections that send the start of a request (`starts`, in turn) and then a
    /// byte every 300 ms for 3 s; meanwhile sends `neighbours` and expects them answered within
    /// 20 s. Then closes the slow connections and checks `/healthz`.
    static func besideSlowLoris(
        count: Int, starts: [String], neighbours: [HostileProbe], port: Int, tally: ProbeTally, suite: String
    ) async {
        let slow = (0..<count).map { _ in RawHTTP.open(port: port) }
        for (index, fd) in slow.enumerated() where fd >= 0 { RawHTTP.write(fd, Array(starts[index % starts.count].utf8)) }
        let feeding = Task.detached {
            for _ in 0..<10 {
                for fd in slow where fd >= 0 { RawHTTP.write(fd, [0x20]) }
                try? await Task.sleep(for: .milliseconds(300))
            }
        }
        let clock = ContinuousClock(), started = clock.now
        await run("beside \(count) slow-loris connections", neighbours, port: port, tally: tally, suite: suite)
        #expect(clock.now - started < .seconds(20), "requests beside slow-loris connections took \(clock.now - started)")
        await feeding.value
        for fd in slow where fd >= 0 { close(fd) }
        await expectHealthy(port: port, after: "closing the slow-loris connections")
    }
}

extension ProbeRunner {
    /// Prints the answers `tally` saw under `title`, records its first 40 violations as issues, and
    /// expects none (`context` says which run, e.g. the fuzz seed).
    static func report(_ tally: ProbeTally, title: String, context: String = "") async {
        let (codes, violations) = await (tally.codes, tally.violations)
        print("\(title): \(codes.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", "))")
        for violation in violations.prefix(40) { Issue.record(Comment(rawValue: violation)) }
        #expect(violations.isEmpty, "\(violations.count) requests broke the rules \(context)")
    }
}
