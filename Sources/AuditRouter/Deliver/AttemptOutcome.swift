/// What one delivery attempt produced.
public enum AttemptOutcome: Sendable, Equatable {
    /// The receiver answered. `retryAfter` is the raw `Retry-After` header, if any; `body` is the
    /// start of the response body (a small prefix, for error messages).
    case response(status: Int, retryAfter: String? = nil, body: String = "")
    /// No complete response before the attempt's timeout.
    case timeout
    /// The connection could not be made or broke before a response (refused, reset, DNS, TLS).
    case connectionFailed(String)
    /// The request could not be made at all (bad URL, template or JSON error). Never retried.
    case rejected(String)
    /// A `stdout` or `file` sink wrote the line (and, for a file, synced it to disk).
    case written

    /// How the router treats an outcome: delivered, worth another attempt, or failed for good.
    public enum Class: Sendable, Equatable {
        /// A 2xx response.
        case success
        /// 408, 425, 429, 5xx, a timeout or a connection error.
        case retryable
        /// Anything else; `reason` says why it is not retried.
        case permanent(reason: String)
    }

    /// Success is 2xx only. Redirects are failures and are not followed. 408 (Request Timeout),
    /// 425 (Too Early), 429 (Too Many Requests), 5xx, timeouts and connection errors are retryable;
    /// every other status, and a request that could not be made, fails at once.
    public var classification: Class {
        switch self {
        case .response(let status, _, _):
            switch status {
            case 200...299: return .success
            case 300...399: return .permanent(reason: "redirect (HTTP \(status)) not followed")
            case 408, 425, 429, 500...599: return .retryable
            default: return .permanent(reason: "HTTP \(status) is not retryable")
            }
        case .written:
            return .success
        case .timeout, .connectionFailed:
            return .retryable
        case .rejected(let message):
            return .permanent(reason: "request not sent: \(message)")
        }
    }

    /// A short description for logs and dead letters: `HTTP 503`, `timed out`,
    /// `connection failed: ...`, `request not sent: ...`, `written`.
    public var summary: String {
        switch self {
        case .response(let status, _, _): return "HTTP \(status)"
        case .timeout: return "timed out"
        case .connectionFailed(let message): return "connection failed: \(message)"
        case .rejected(let message): return "request not sent: \(message)"
        case .written: return "written"
        }
    }

    /// The HTTP status, when the receiver answered.
    public var status: Int? {
        if case .response(let status, _, _) = self { return status }
        return nil
    }
}
