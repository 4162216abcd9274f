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
/// answered (pipelined requests keep their responses, in order). One inside a request's body goes
/// on to whoever reads that body (`JSONErrorMiddleware` answers it).
final class MalformedRequestResponder: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// Requests read whose response has not ended yet.
    private var unanswered = 0
    /// Whether a request's head has been read but not its end.
    private var readingRequest = false
    /// A parse error waiting for the responses to the requests read before it.
    private var deferredError: HTTPParserError?

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            unanswered += 1
            readingRequest = true
        case .end: readingRequest = false
        case .body: break
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .end = unwrapOutboundIn(data) else {
            context.write(data, promise: promise)
            return
        }
        unanswered -= 1
        context.write(data, promise: promise)
        if unanswered == 0, let error = deferredError {
            deferredError = nil
            respond(to: error, context: context)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // Once an answer is waiting, later errors (bytes sent after the broken request) change
        // nothing: the connection closes after that answer.
        if deferredError != nil { return }
        guard let parserError = error as? HTTPParserError, !readingRequest else {
            context.fireErrorCaught(error)
            return
        }
        if unanswered > 0 {
            deferredError = parserError
        } else {
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
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in context.close(promise: nil) }
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
