import AuditRouter
import Foundation
import GoTemplate

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes `stdout` and `file` sinks' output: one line per event (JSON bodies compacted onto one
/// line). File writes are appended and flushed to disk before the delivery counts as done.
///
/// Writes run one at a time on a thread of their own, never on Swift's cooperative threads: a
/// disk sync blocks for milliseconds, and two blocked cooperative threads would stall every
/// ingest and delivery on a two-core machine. One writer serves the whole router.
final class LineSinkWriter: Sendable {
    private let queue = DispatchQueue(label: "audit-router.line-sinks")

    func write(_ body: [UInt8], sink: SinkConfiguration) async -> AttemptOutcome {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: self.writeNow(body, sink: sink)) }
        }
    }

    private func writeNow(_ body: [UInt8], sink: SinkConfiguration) -> AttemptOutcome {
        var line = Self.singleLine(body)
        line.append(0x0A)
        switch sink.kind {
        case .stdout:
            return writeAll(1, line) ? .written : .connectionFailed("stdout: \(String(cString: strerror(errno)))")
        case .file:
            guard let path = sink.filePath else { return .rejected("file sink has no path") }
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty { try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
            let fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
            guard fd >= 0 else { return .connectionFailed("\(path): \(String(cString: strerror(errno)))") }
            defer { close(fd) }
            guard writeAll(fd, line), fsync(fd) == 0 else { return .connectionFailed("\(path): \(String(cString: strerror(errno)))") }
            return .written
        case .http:
            return .rejected("not a line sink")
        }
    }

    /// A JSON body with its insignificant white space removed (key order kept), so that a
    /// JSON-lines file holds one event per line; any other body without its final line break,
    /// and with the line breaks inside escaped as `\n`.
    static func singleLine(_ body: [UInt8]) -> [UInt8] {
        var line: [UInt8] = []
        line.reserveCapacity(body.count)
        if (try? Value.validateJSON(body)) != nil {
            var inString = false
            var escaped = false
            for byte in body {
                if inString {
                    line.append(byte)
                    if escaped { escaped = false } else if byte == 0x5C { escaped = true } else if byte == 0x22 { inString = false }
                } else if byte == 0x22 {
                    inString = true
                    line.append(byte)
                } else if byte != 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09 {
                    line.append(byte)
                }
            }
            return line
        }
        // A text body's final line break (template files end with one) ends the line anyway.
        var end = body.count
        while end > 0, body[end - 1] == 0x0A || body[end - 1] == 0x0D { end -= 1 }
        for byte in body[..<end] {
            if byte == 0x0A { line += [0x5C, 0x6E] } else if byte != 0x0D { line.append(byte) }
        }
        return line
    }

    private func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }
}
