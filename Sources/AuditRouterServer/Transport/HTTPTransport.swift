import AsyncHTTPClient
import AuditRouter
import NIOCore

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

    /// A transport with its own connection pool on NIO's shared event loop group; make one per
    /// process and share it between sinks.
    public init() {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.connectionPool.retryConnectionEstablishment = false
        // Each sink bounds its own concurrency; the pool must not queue sinks sharing a host
        // behind one another (AsyncHTTPClient's default is 8 connections per host).
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = Self.connectionsPerHost
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Makes one attempt. The whole attempt, from connecting to reading the first
    /// `responseBodyLimit` bytes of the body, is bounded by `timeout`; a response whose body is
    /// still arriving at the deadline keeps its status and the part of the body received so far.
    /// Never throws: every failure is an outcome.
    ///
    /// - Returns: the outcome, and how long the attempt took.
    public func send(_ request: OutgoingRequest, timeout: Duration) async -> (AttemptOutcome, duration: Duration) {
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start + timeout
        let outcome: AttemptOutcome
        do {
            let response = try await client.execute(Self.prepare(request), deadline: .now() + Self.timeAmount(timeout))
            let body = await bodyPrefix(response.body, until: deadline, clock: clock)
            outcome = .response(
                status: Int(response.status.code), retryAfter: response.headers.first(name: "Retry-After"),
                body: String(decoding: body, as: UTF8.self))
        } catch {
            outcome = Self.outcome(for: error)
        }
        return (outcome, clock.now - start)
    }

    /// Closes pooled connections; call once, after the last `send` has returned.
    public func shutdown() async throws {
        try await client.shutdown()
    }

    private static func prepare(_ request: OutgoingRequest) -> HTTPClientRequest {
        var prepared = HTTPClientRequest(url: request.url)
        prepared.method = .init(rawValue: request.method)
        for (name, value) in request.headers {
            prepared.headers.add(name: name, value: value)
        }
        if !request.body.isEmpty {
            prepared.body = .bytes(request.body)
        }
        return prepared
    }

    /// Up to `responseBodyLimit` bytes of the body, or what arrived when the deadline passed.
    /// The client's deadline covers the response head only; a timer on an event loop (cheaper
    /// than a sleeping task) cancels a body that is still arriving.
    private func bodyPrefix(
        _ body: HTTPClientResponse.Body, until deadline: ContinuousClock.Instant, clock: ContinuousClock
    ) async -> [UInt8] {
        let reader = Task {
            var bytes: [UInt8] = []
            do {
                for try await chunk in body {
                    bytes += chunk.readableBytesView.prefix(Self.responseBodyLimit - bytes.count)
                    if bytes.count >= Self.responseBodyLimit { break }
                }
            } catch {
                // A body cut short (or cancelled at the deadline) still leaves the status.
            }
            return bytes
        }
        let timer = client.eventLoopGroup.any().scheduleTask(in: Self.timeAmount(clock.now.duration(to: deadline))) {
            reader.cancel()
        }
        // Cancelling the attempt (a drain timeout) cancels the read too.
        let bytes = await withTaskCancellationHandler { await reader.value } onCancel: { reader.cancel() }
        timer.cancel()
        return bytes
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

    private static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
