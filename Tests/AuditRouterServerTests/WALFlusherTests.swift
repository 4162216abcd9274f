import Foundation
import Testing

@testable import AuditRouterServer

/// The WAL flusher syncs the file when it was written, reopens it when SQLite recreates it, and
/// stops when told to. Its effect on latency is measured by the load benchmark, not here.
@Suite struct WALFlusherTests {
    @Test("flushes the file after writes, follows it when it is replaced, and stops", .timeLimit(.minutes(1)))
    func flushesAndStops() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wal-flusher-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("spool.sqlite-wal").path

        let flusher = WALFlusher(walPath: path, interval: .milliseconds(1))
        try await Task.sleep(for: .milliseconds(50))
        #expect(flusher.flushes == 0)  // no file yet: nothing to sync

        // Written whole under a temporary name and renamed: the flusher never sees the empty file
        // between its creation and the write (that would be two versions, two syncs).
        try Data("frames".utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        try await waitUntil { flusher.flushes > 0 }
        let afterWrite = flusher.flushes
        try await Task.sleep(for: .milliseconds(30))
        #expect(flusher.flushes == afterWrite)  // unchanged since: not synced again

        try FileManager.default.removeItem(atPath: path)  // SQLite deletes the WAL, then makes a new one
        try await Task.sleep(for: .milliseconds(20))
        let beforeNewFile = flusher.flushes
        try await Task.sleep(for: .milliseconds(20))
        #expect(flusher.flushes == beforeNewFile)  // the deleted file is let go
        try Data("frames".utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        try await waitUntil { flusher.flushes > beforeNewFile }

        flusher.stop()
        try await Task.sleep(for: .milliseconds(20))
        let afterStop = flusher.flushes
        try await Task.sleep(for: .milliseconds(50))
        #expect(flusher.flushes == afterStop)
    }

    private func waitUntil(_ condition: () -> Bool) async throws {
        while !condition() { try await Task.sleep(for: .milliseconds(1)) }
    }
}
