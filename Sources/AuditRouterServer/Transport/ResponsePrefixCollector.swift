import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import Synchronization

/// Receives one response for `HTTPTransport`: its status, its `Retry-After` header and the first
/// `limit` bytes of its body (the rest is read and dropped). What arrived stays readable when the
/// request fails afterwards, so that a body cut short or still arriving at the deadline keeps its
/// status.
final class ResponsePrefixCollector: HTTPClientResponseDelegate {
    /// What arrived of the response.
    struct Received: Sendable {
        var status: Int?
        var retryAfter: String?
        var body: [UInt8] = []
    }

    private let limit: Int
    private let received = Mutex(Received())

    init(limit: Int) {
        self.limit = limit
    }

    /// The response so far.
    var response: Received { received.withLock { $0 } }

    func didReceiveHead(task: HTTPClient.Task<Received>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        received.withLock {
            $0.status = Int(head.status.code)
            $0.retryAfter = head.headers.first(name: "Retry-After")
        }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Received>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        received.withLock { received in
            let room = limit - received.body.count
            if room > 0 { received.body += buffer.readableBytesView.prefix(room) }
        }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didFinishRequest(task: HTTPClient.Task<Received>) throws -> Received {
        response
    }
}
