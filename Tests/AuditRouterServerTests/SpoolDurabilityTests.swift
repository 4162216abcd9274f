import AuditRouter
import Foundation
import Testing

@testable import AuditRouterServer

@Suite struct SpoolDurabilityTests {
    @Test func aReopenedSpoolFindsItsPendingDeliveries() async throws {
        let path = SpoolFixtures.temporaryPath()
        defer { SpoolFixtures.removeFolder(of: path) }
        do {
            let spool = try Spool(path: path)  // creates the missing folders
            for i in 0..<10 {
                let (event, deliveries) = SpoolFixtures.delivering("e\(i)", to: ["slack", "siem"])
                try await spool.accept([event], deliveries: deliveries, receivedAt: SpoolFixtures.t0)
            }
            try await spool.record(
                SpoolFixtures.attempt("e0-slack", event: "e0", sink: "slack", 1, status: 200, at: SpoolFixtures.t0), update: .delivered)
            // A second spool on the same file, while the first is open, sees every commit.
            #expect(try Spool(path: path).pendingCount() == 19)
        }  // dropped without any close or checkpoint call
        let reopened = try Spool(path: path)
        #expect(reopened.pendingCount() == 19)
        let due = try await reopened.due(sink: "slack", now: SpoolFixtures.t0, limit: 100)
        #expect(due.map(\.id) == (1..<10).map { "e\($0)-slack" })
        #expect(due[0].event == SpoolFixtures.event("e1"))
        #expect(try await reopened.delivery(id: "e0-slack")?.state == .delivered)
    }

    @Test("spool.synchronous: the writer commits with SQLite's NORMAL (1) or FULL (2)", arguments: [(SpoolSynchronous.normal, 1), (.full, 2)])
    func synchronousSetting(_ synchronous: SpoolSynchronous, pragma: Int) async throws {
        let path = SpoolFixtures.temporaryPath()
        defer { SpoolFixtures.removeFolder(of: path) }
        let spool = try Spool(path: path, synchronous: synchronous)
        let (event, deliveries) = SpoolFixtures.delivering("e0", to: ["slack"])
        try await spool.accept([event], deliveries: deliveries, receivedAt: SpoolFixtures.t0)
        #expect(try await spool.writer.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA synchronous") } == pragma)
        #expect(try Spool(path: path).pendingCount() == 1)
    }

    #if os(Linux)
    /// The environment variable that makes `acceptUntilKilled` the child of `killedMidAcceptLosesNothing`.
    static let childVariable = "SPOOL_CRASH_CHILD"

    /// Runs this test binary again as a child that accepts events from 8 concurrent tasks and
    /// logs each id once `accept` has returned, kills it with SIGKILL mid-stream, and checks
    /// that the reopened spool holds every logged event and its deliveries.
    @Test func killedMidAcceptLosesNothing() async throws {
        let path = SpoolFixtures.temporaryPath()
        defer { SpoolFixtures.removeFolder(of: path) }
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        let log = path + ".committed"
        #expect(FileManager.default.createFile(atPath: log, contents: nil))

        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        child.arguments = ["--testing-library", "swift-testing", "--filter", "acceptUntilKilled"]
        child.environment = ProcessInfo.processInfo.environment.merging([Self.childVariable: path]) { $1 }
        child.standardOutput = FileHandle.nullDevice
        child.standardError = FileHandle.nullDevice
        try child.run()
        let deadline = Date() + 120
        var committed: [String] = []
        while committed.count < 2000, child.isRunning, Date() < deadline {
            try await Task.sleep(for: .milliseconds(20))
            committed = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
        }
        #expect(child.isRunning, "the child stopped before it was killed")
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        #expect(child.terminationReason == .uncaughtSignal)
        // Ids logged after the last read are committed too: read the log again.
        committed = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(committed.count >= 2000)

        let spool = try Spool(path: path)
        var missing: [String] = []
        for id in committed {
            let event = try await spool.event(id: id)
            let deliveries = try await spool.deliveries(eventID: id)
            if event == nil || deliveries.count != 2 { missing.append(id) }
        }
        #expect(missing.isEmpty, "lost after SIGKILL: \(missing.prefix(10))")
        #expect(spool.pendingCount() >= 2 * committed.count)  // some were committed, not yet logged
        print("crash test: \(committed.count) events committed before SIGKILL, all found after reopening")
    }

    /// The child of `killedMidAcceptLosesNothing`; does nothing in a normal test run.
    @Test(.enabled(if: ProcessInfo.processInfo.environment[childVariable] != nil))
    func acceptUntilKilled() async throws {
        let path = try #require(ProcessInfo.processInfo.environment[Self.childVariable])
        let spool = try Spool(path: path)
        let log = try #require(FileHandle(forWritingAtPath: path + ".committed"))
        let lock = NSLock()
        try await withThrowingTaskGroup { group in
            for worker in 0..<8 {
                group.addTask {
                    for i in 0... {
                        let (event, deliveries) = SpoolFixtures.delivering("w\(worker)-\(i)", to: ["slack", "siem"])
                        try await spool.accept([event], deliveries: deliveries, receivedAt: Date())
                        lock.withLock { log.write(Data("\(event.id)\n".utf8)) }  // only once committed
                    }
                }
            }
            try await group.waitForAll()
        }
    }
    #endif
}
