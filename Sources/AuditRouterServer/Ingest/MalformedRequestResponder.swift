import GoTemplate
import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Answers a request the HTTP parser cannot read (an unknown method, a broken Content-Length or
/// chunk size, oversized headers, …) with the router's JSON error naming the problem — where
/// Hummingbird alone answers an empty `400` — then lets the connection close, as it must after a
/// parse error.
///
/// A parse error between requests is answered once every request read before it has been
/// answered (pipelined requests keep their responses, in order) — unless one of them asked to
/// close the connection, which then closes after its answer. One inside the body of a request not
/// yet answered goes on to whoever reads that body (`JSONErrorMiddleware` answers it); one inside
/// the body of a request answered already (a 401 or 413 sent before the body was read) closes the
/// connection: that request has its answer, and so does one whose handler never read the rest of
/// its body (Hummingbird's own empty `400` for it is dropped).
final class MalformedRequestResponder: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// What became of a parse error this handler took on.
    private enum Failure {
        /// None so far.
        case none
        /// Went on to Hummingbird, inside the body of a request being answered; an answer
        /// Hummingbird writes for it once that request has its own is dropped.
        case forwarded
        /// Waiting for the answers to the requests read before it.
        case waiting(HTTPParserError)
        /// Answered or closing: every later error (bytes sent after the broken request) is ignored.
        case settled
    }

    /// Requests read whose response has not ended yet.
    private var unanswered = 0
    /// Whether a request's head has been read but not its end.
    private var readingRequest = false
    /// Whether a request read so far asked to close the connection after its answer.
    private var closeRequested = false
    private var failure = Failure.none

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let request):
            unanswered += 1
            readingRequest = true
            if let connection = request.headerFields[.connection], connection.lowercased().contains("close") { closeRequested = true }
        case .end: readingRequest = false
        case .body: break
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let part = unwrapOutboundIn(data)
        if case .forwarded = failure, unanswered == 0 {
            // Every request has its answer: this is Hummingbird answering the parse error again.
            promise?.succeed(())
            if case .end = part { context.close(promise: nil) }
            return
        }
        guard case .end = part else {
            context.write(data, promise: promise)
            return
        }
        unanswered -= 1
        context.write(data, promise: promise)
        if unanswered == 0, case .waiting(let error) = failure {
            failure = .settled
            respond(to: error, context: context)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard case .none = failure else { return }
        guard let parserError = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        if readingRequest && unanswered > 0 {
            failure = .forwarded
            context.fireErrorCaught(error)
            return
        }
        if readingRequest || closeRequested {
            // The request has its answer, or the connection closes after the one it asked to.
            failure = .settled
            if unanswered == 0 { context.close(promise: nil) }
        } else if unanswered > 0 {
            failure = .waiting(parserError)
        } else {
            failure = .settled
            respond(to: parserError, context: context)
        }
    }

    /// Writes the JSON error for `error`, then closes the connection.
    private func respond(to error: HTTPParserError, context: ChannelHandlerContext) {
        let (status, message) = Self.describe(error)
        let body = Value.map(ValueMap([
            ("error", .map(ValueMap([("code", .string("malformed_request")), ("message", .string(message))]))),
        ])).jsonStringBytes()
        let head = HTTPResponse(status: status, headerFields: [
            .contentType: "application/json", .contentLength: String(body.count), .connection: "close",
        ])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(context.channel.allocator.buffer(bytes: body))), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
    }

    /// The status and message for a parser error.
    static func describe(_ error: HTTPParserError) -> (HTTPResponse.Status, String) {
        let problem: String
        switch error {
        case .headerOverflow: return (.requestHeaderFieldsTooLarge, "the request's headers are too large")
        case .invalidMethod: problem = "unknown method"
        case .invalidVersion: problem = "unsupported HTTP version"
        case .invalidURL: problem = "invalid request target"
        case .invalidHeaderToken, .invalidCharactersUsed: problem = "invalid character in the request line or a header"
        case .invalidContentLength, .unexpectedContentLength: problem = "invalid Content-Length"
        case .invalidChunkSize: problem = "invalid chunk size in a chunked body"
        case .lfExpected, .invalidConstant: problem = "malformed request line or header"
        case .trailingGarbage: problem = "unexpected bytes after the request"
        case .paused: problem = "HTTP/2 is not served here; send HTTP/1.1"
        default: return (.badRequest, "malformed HTTP request")
        }
        return (.badRequest, "malformed HTTP request: \(problem)")
    }
}
