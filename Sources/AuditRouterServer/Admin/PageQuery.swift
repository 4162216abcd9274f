import Hummingbird

/// The query parameters of the admin API's listings: `page` (1 to 10,000,000, default 1) and
/// `limit` (1 to 500, default 50), and for the delivery log a `status` filter. An empty parameter is as
/// good as none; anything else that does not read is a 400 `invalid_parameter` naming it.
struct PageQuery: Sendable, Equatable {
    static let defaultLimit = 50
    static let maxLimit = 500
    /// The last page one may ask for: far past any spool's rows, and small enough that the
    /// offset it makes (`(page - 1) * limit`) never overflows.
    static let maxPage = 10_000_000

    var page = 1
    var limit = defaultLimit

    /// Reads `page` and `limit` from a request's query.
    init(_ request: Request) throws(APIError) {
        if let text = Self.parameter("page", in: request) {
            guard let page = Int(text), (1...Self.maxPage).contains(page) else {
                throw Self.invalid("page must be a whole number from 1 to \(Self.maxPage), not \"\(text)\"")
            }
            self.page = page
        }
        if let text = Self.parameter("limit", in: request) {
            guard let limit = Int(text), (1...Self.maxLimit).contains(limit) else {
                throw Self.invalid("limit must be a whole number from 1 to \(Self.maxLimit), not \"\(text)\"")
            }
            self.limit = limit
        }
    }

    /// The delivery log's `status` filter: `pending`, `delivered` or `dead`; nil when absent.
    static func status(_ request: Request) throws(APIError) -> Spool.DeliveryState? {
        guard let text = parameter("status", in: request) else { return nil }
        guard let state = Spool.DeliveryState(rawValue: text) else {
            let names = Spool.DeliveryState.allCases.map(\.rawValue).joined(separator: ", ")
            throw invalid("status must be one of \(names), not \"\(text)\"")
        }
        return state
    }

    /// A parameter's value; nil when absent or empty.
    static func parameter(_ name: Substring, in request: Request) -> String? {
        request.uri.queryParameters[name].flatMap { $0.isEmpty ? nil : String($0) }
    }

    private static func invalid(_ message: String) -> APIError {
        APIError(.badRequest, code: "invalid_parameter", message)
    }
}
