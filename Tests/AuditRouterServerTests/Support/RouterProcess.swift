import Foundation
import NIOSSL

/// The real `audit-router` binary, started as a child process with a configuration written to a
/// temporary folder, so tests exercise exactly what users run (signals, restarts, kill -9).
final class RouterProcess: @unchecked Sendable {
    let directory: URL
    let port: Int
    private var process: Process?
    private let outputPath: URL
    /// For a router with `server.tls`: how the tests' client connects (then `baseURL` is https).
    var clientTLS: TLSConfiguration?

    /// The built binary: `.build/debug/audit-router` (or `$AUDIT_ROUTER_BINARY`).
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["AUDIT_ROUTER_BINARY"] { return URL(fileURLWithPath: path) }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/audit-router")
    }

    /// Writes `config` (YAML, with `{{PORT}}` and `{{DIR}}` replaced) into a new temp folder.
    init(config: String, files: [String: String] = [:]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("audit-router-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        port = try Self.freePort()
        let text = config.replacingOccurrences(of: "{{PORT}}", with: "\(port)").replacingOccurrences(of: "{{DIR}}", with: directory.path)
        try text.write(to: directory.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
        for (name, contents) in files {
            let url = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: url, atomically: true, encoding: .utf8)
        }
        outputPath = directory.appendingPathComponent("router.log")
    }

    var baseURL: String { "\(clientTLS == nil ? "http" : "https")://127.0.0.1:\(port)" }

    /// Starts the binary and waits (bounded) until `/healthz` answers.
    func start() async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary.path) else {
            throw TestFailure("\(Self.binary.path) is missing: run `swift build` before the tests")
        }
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["serve", "--config", directory.appendingPathComponent("config.yaml").path, "--log-level", "debug"]
        process.currentDirectoryURL = directory
        _ = FileManager.default.createFile(atPath: outputPath.path, contents: nil)  // opening it below reports a failure
        let log = try FileHandle(forWritingTo: outputPath)
        log.seekToEndOfFile()
        process.standardOutput = log
        process.standardError = log
        try process.run()
        self.process = process
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if let (status, _) = try? await HTTP.request("GET", "\(baseURL)/healthz", tls: clientTLS), status == 200 { return }
            if !process.isRunning { throw TestFailure("router exited at start:\n\(self.output())") }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestFailure("router did not answer /healthz within 30s:\n\(output())")
    }

    /// Replaces the configuration file (with `{{PORT}}` and `{{DIR}}` replaced as at start).
    func rewriteConfig(_ config: String) throws {
        let text = config.replacingOccurrences(of: "{{PORT}}", with: "\(port)").replacingOccurrences(of: "{{DIR}}", with: directory.path)
        try text.write(to: directory.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
    }

    /// Sends a signal (e.g. SIGHUP) to the running process.
    func send(_ signal: Int32) {
        guard let process else { return }
        Foundation.kill(process.processIdentifier, signal)
    }

    /// Sends SIGKILL and waits for the process to go.
    func kill() {
        guard let process else { return }
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        self.process = nil
    }

    /// Sends SIGTERM and waits (bounded) for a clean exit; returns the exit status.
    @discardableResult
    func terminate() async -> Int32 {
        guard let process else { return 0 }
        process.terminate()
        let deadline = ContinuousClock.now + .seconds(30)
        while process.isRunning && ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        self.process = nil
        return process.terminationStatus
    }

    /// What the process printed.
    func output() -> String {
        (try? String(contentsOf: outputPath, encoding: .utf8)) ?? ""
    }

    deinit {
        if let process, process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: directory)
    }

    /// A TCP port that was free a moment ago on 127.0.0.1.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw TestFailure("no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// A test setup failure with a message.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
