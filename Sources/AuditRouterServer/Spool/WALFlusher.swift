#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// Flushes the spool's write-ahead log to disk in the background, every 10 ms when it was written.
///
/// SQLite checkpoints on the writer connection, inside the commit that takes the WAL past 1000
/// pages, and a checkpoint begins by syncing the WAL: every write waits meanwhile. Unflushed,
/// that is about 4 MB of WAL, 3 to 6 ms on the benchmark's disk several times a second — most
/// of the ingest p99 at half the peak rate. Flushed ahead by this thread, the checkpoint's sync
/// finds little left to write. Durability does not depend on it: it only adds syncs.
final class WALFlusher: Sendable {
    private struct State {
        var stopped = false
        var flushes = 0
    }

    private let state = Mutex(State())

    /// Syncs made so far, for tests.
    var flushes: Int { state.withLock { $0.flushes } }

    /// Starts flushing the file at `walPath` (opened when it exists) every `interval`.
    init(walPath: String, interval: Duration = .milliseconds(10)) {
        let microseconds = useconds_t(interval.components.seconds * 1_000_000 + interval.components.attoseconds / 1_000_000_000_000)
        Thread.detachNewThread { [self] in
            var descriptor: Int32 = -1
            var flushedVersion: timespec?
            while !state.withLock({ $0.stopped }) {
                usleep(microseconds)
                descriptor = Self.current(walPath, reusing: descriptor)
                // Only a file written since the last sync: a sync of an unchanged file still
                // costs the disk a cache flush.
                guard descriptor >= 0, let version = Self.modification(of: descriptor),
                    version.tv_sec != flushedVersion?.tv_sec || version.tv_nsec != flushedVersion?.tv_nsec
                else { continue }
                if fdatasync(descriptor) == 0 {
                    flushedVersion = version
                    state.withLock { $0.flushes += 1 }
                }
            }
            if descriptor >= 0 { close(descriptor) }
        }
    }

    /// Ends the flushing thread within one interval.
    func stop() {
        state.withLock { $0.stopped = true }
    }

    /// The file's modification time, which every write moves on.
    private static func modification(of descriptor: Int32) -> timespec? {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        #if canImport(Darwin)
        return status.st_mtimespec
        #else
        return status.st_mtim
        #endif
    }

    /// `descriptor` while it still names a file on disk; otherwise the file at `path` opened
    /// anew (SQLite deletes the WAL when its last connection closes), or -1 while there is none.
    private static func current(_ path: String, reusing descriptor: Int32) -> Int32 {
        if descriptor >= 0 {
            var status = stat()
            if fstat(descriptor, &status) == 0, status.st_nlink > 0 { return descriptor }
            close(descriptor)
        }
        return open(path, O_RDONLY | O_CLOEXEC)
    }
}
