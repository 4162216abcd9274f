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
/// Only between requests: when the parser fails while a request is still being answered, that
/// request keeps its response, and the error goes on to Hummingbird, which closes the connection.
final class MalformedRequestResponder: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// Requests read whose response has not ended yet.
    private var unanswered = 0

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) { unanswered += 1 }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { unanswered -= 1 }
        context.write(data, promise: promise)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parserError = error as? HTTPParserError, unanswered == 0 else {
            context.fireErrorCaught(error)
            return
        }
        let (status, message) = Self.describe(parserError)
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
