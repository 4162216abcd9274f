import AsyncHTTPClient
import AuditRouter
import NIOCore
import NIOHTTP1
import NIOSSL
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Sends rendered requests over one shared, pooled AsyncHTTPClient and reports each attempt as an
/// `AttemptOutcome`. Redirects are never followed (a 3xx is the attempt's answer), and a failed
/// connection is reported at once rather than retried inside the client: the sink's retry policy
/// owns every retry.
public final class HTTPTransport: Sendable {
    /// How much of a response body is kept for error messages.
    public static let responseBodyLimit = 1024

    /// Connections kept per host, shared by every sink sending there.
    public static let connectionsPerHost = 256

    private let client: HTTPClient
    /// A client of its own for each distinct sink `tls:` (by fingerprint), its TLS configuration
    /// the client's default: AsyncHTTPClient would otherwise hash a per-request TLS
    /// configuration, certificates and key serialised, on every request. Made when first used;
    /// retired when a reload leaves no sink with its settings (`retireTLSClients`), and closed
    /// once no attempt is using it.
    private let tlsClients = Mutex(TLSClients())

    private struct TLSClients {
        var byFingerprint: [[UInt8]: HTTPClient] = [:]
        /// Clients no sink uses any more, kept until their attempts under way end.
        var retiring: [ObjectIdentifier: HTTPClient] = [:]
        /// Attempts under way, by client.
        var sending: [ObjectIdentifier: Int] = [:]
    }

    /// A transport with its own connection pools on NIO's shared event loop group; make one per
    /// process and share it between sinks.
    public init() {
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: Self.configuration(tls: nil))
    }

    private static func configuration(tls: TLSConfiguration?) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls, redirectConfiguration: .disallow)
        configuration.connectionPool.retryConnectionEstablishment = false
        // Each sink bounds its own concurrency; the pool must not queue sinks sharing a host
        // behind one another (AsyncHTTPClient's default is 8 connections per host).
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = Self.connectionsPerHost
        return configuration
    }

    /// The client for a sink's `tls` (the shared one without), counted as in use until `release`.
    private func acquireClient(for tls: SinkTLSSettings?) -> HTTPClient {
        guard let tls else { return client }
        return tlsClients.withLock { clients in
            let chosen: HTTPClient
            if let existing = clients.byFingerprint[tls.fingerprint] {
                chosen = existing
            } else {
                chosen = HTTPClient(eventLoopGroupProvider: .singleton, configuration: Self.configuration(tls: tls.clientConfiguration))
                clients.byFingerprint[tls.fingerprint] = chosen
            }
            clients.sending[ObjectIdentifier(chosen), default: 0] += 1
            return chosen
        }
    }

    /// Ends an attempt's use of a client from `acquireClient`; the last attempt on a retired
    /// client closes it.
    private func release(_ used: HTTPClient) {
        guard used !== client else { return }
        let id = ObjectIdentifier(used)
        let closing: HTTPClient? = tlsClients.withLock { clients in
            let left = (clients.sending[id] ?? 1) - 1
            clients.sending[id] = left > 0 ? left : nil
            return left > 0 ? nil : clients.retiring.removeValue(forKey: id)
        }
        if let closing { Task { try? await closing.shutdown() } }
    }

    /// How many TLS clients are in use and how many are retiring (for tests).
    var tlsClientCounts: (active: Int, retiring: Int) {
        tlsClients.withLock { ($0.byFingerprint.count, $0.retiring.count) }
    }

    /// Retires the clients of TLS settings that no fingerprint in `kept` has (a reload replaced
    /// them): each is closed as soon as no attempt is using it, at once when none is.
    public func retireTLSClients(keeping kept: Set<[UInt8]>) {
        let idle: [HTTPClient] = tlsClients.withLock { clients in
            var idle: [HTTPClient] = []
            for (fingerprint, retired) in clients.byFingerprint where !kept.contains(fingerprint) {
                clients.byFingerprint[fingerprint] = nil
                if clients.sending[ObjectIdentifier(retired)] == nil {
                    idle.append(retired)
                } else {
                    clients.retiring[ObjectIdentifier(retired)] = retired
                }
            }
            return idle
        }
        for retired in idle { Task { try? await retired.shutdown() } }
    }

    /// Makes one attempt. The whole attempt, from connecting to reading the first
    /// `responseBodyLimit` bytes of the body, is bounded by `timeout`; a response whose body is
    /// still arriving at the deadline keeps its status and the part of the body received so far.
    /// HTTPS connections use the sink's `tls` (its roots, client certificate) or, when nil, the
    /// system's roots, each with its own connection pool. Never throws: every failure is an
    /// outcome.
    ///
    /// - Returns: the outcome, and how long the attempt took.
    public func send(_ request: OutgoingRequest, timeout: Duration, tls: SinkTLSSettings? = nil) async -> (AttemptOutcome, duration: Duration) {
        let clock = ContinuousClock()
        let start = clock.now
        let collector = ResponsePrefixCollector(limit: Self.responseBodyLimit)
        let outcome: AttemptOutcome
        do {
            // The deadline covers the whole exchange, body included.
            let sender = acquireClient(for: tls)
            defer { release(sender) }
            let task = sender.execute(
                request: try Self.prepare(request), delegate: collector, deadline: .now() + TimeAmount(timeout))
            // Cancelling the attempt (a drain timeout) cancels the request.
            let response = try await withTaskCancellationHandler {
                try await task.futureResult.get()
            } onCancel: {
                task.cancel()
            }
            outcome = Self.outcome(for: response)
        } catch {
            // A body cut short (or still arriving at the deadline) still leaves the status.
            let received = collector.response
            outcome = received.status == nil ? Self.outcome(for: error) : Self.outcome(for: received)
        }
        return (outcome, clock.now - start)
    }

    /// Closes pooled connections; call once, after the last `send` has returned.
    public func shutdown() async throws {
        let open = tlsClients.withLock { clients in
            defer { clients = TLSClients() }
            return Array(clients.byFingerprint.values) + Array(clients.retiring.values)
        }
        for tlsClient in open { try await tlsClient.shutdown() }
        try await client.shutdown()
    }

    private static func prepare(_ request: OutgoingRequest) throws -> HTTPClient.Request {
        var headers = HTTPHeaders()
        headers.reserveCapacity(request.headers.count)
        for (name, value) in request.headers {
            headers.add(name: name, value: value)
        }
        return try HTTPClient.Request(
            url: request.url, method: HTTPMethod(rawValue: request.method), headers: headers,
            body: request.body.isEmpty ? nil : .bytes(request.body))
    }

    private static func outcome(for response: ResponsePrefixCollector.Received) -> AttemptOutcome {
        .response(status: response.status ?? 0, retryAfter: response.retryAfter, body: String(decoding: response.body, as: UTF8.self))
    }

    /// Client errors that mean the request itself cannot be sent, whatever the receiver does.
    private static let unsendable: Set<String> = [
        "Invalid URL", "Empty host", "Empty scheme", "Unsupported scheme", "Missing socket path",
        "Trace request with body", "Invalid header field names", "Invalid header field values",
    ]

    /// Maps a client error to an outcome: timeouts, requests that cannot be made, and everything
    /// else as a connection failure.
    private static func outcome(for error: any Error) -> AttemptOutcome {
        guard let error = error as? HTTPClientError else {
            if let error = error as? NIOSSLError {
                return .connectionFailed("TLS: \(Self.describe(error))")
            }
            if let error = error as? BoringSSLError {
                // TLS 1.3 servers refuse a client certificate after the handshake.
                return .connectionFailed("TLS: \(Self.describe(error))")
            }
            if let error = error as? NIOSSLExtraError {
                return .connectionFailed("TLS: \(error)")
            }
            if let error = error as? IOError {  // e.g. "Connection refused", without NIO's wrapping
                return .connectionFailed(String(cString: strerror(error.errnoCode)))
            }
            return .connectionFailed(String(describing: error))
        }
        switch error {
        case .deadlineExceeded, .readTimeout, .writeTimeout:
            return .timeout
        case _ where unsendable.contains(error.shortDescription):
            return .rejected(error.shortDescription)
        default:
            return .connectionFailed(error.shortDescription)
        }
    }

    /// A TLS failure in a line: BoringSSL's reasons (`CERTIFICATE_VERIFY_FAILED`, …) rather than
    /// NIOSSL's nested description with source file names.
    private static func describe(_ error: NIOSSLError) -> String {
        guard case .handshakeFailed(let inner) = error else { return "\(error)" }
        return "handshake failed: " + describe(inner)
    }

    private static func describe(_ error: BoringSSLError) -> String {
        switch error {
        case .sslError(let stack), .unknownError(let stack):
            // Each entry reads "Error: CODE error:HEX:LIBRARY:FUNCTION:REASON at FILE:LINE".
            let reasons = stack.map { entry in
                let text = "\(entry)"
                let message = text.range(of: " at ").map { String(text[..<$0.lowerBound]) } ?? text
                return message.split(separator: ":").last.map(String.init) ?? message
            }
            return reasons.isEmpty ? "\(error)" : reasons.joined(separator: ", ")
        default:
            return "\(error)"
        }
    }
}
