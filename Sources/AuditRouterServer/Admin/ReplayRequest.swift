import Foundation
import GoTemplate

/// What `POST /v1/admin/sinks/{name}/replay` re-queues: the dead letters named by id
/// (`{"delivery_ids": [...]}`), or every dead letter of the sink that died in a window
/// (`{"since": RFC 3339, "until": RFC 3339}`, both optional; `since` inclusive, `until`
/// exclusive). An empty body is the window without bounds: every dead letter of the sink.
enum ReplayRequest: Equatable {
    case ids([String])
    case window(since: Date?, until: Date?)

    /// The most ids one request may name.
    static let maxIDs = 1000

    init(body: ValueMap?) throws(APIError) {
        guard let body else {
            self = .window(since: nil, until: nil)
            return
        }
        try AdminRequestBody.rejectUnknownKeys(body, known: ["delivery_ids", "since", "until"])
        if let ids = body["delivery_ids"] {
            guard body["since"] == nil, body["until"] == nil else {
                throw AdminRequestBody.invalid("give either delivery_ids or a since/until window, not both")
            }
            self = .ids(try Self.ids(ids))
            return
        }
        let since = try Self.time(body, "since")
        let until = try Self.time(body, "until")
        if let since, let until, since >= until {
            throw AdminRequestBody.invalid("since must be before until")
        }
        self = .window(since: since, until: until)
    }

    private static func ids(_ value: Value) throws(APIError) -> [String] {
        guard case .array(let items) = value else {
            throw AdminRequestBody.invalid("delivery_ids must be an array of delivery id strings")
        }
        guard items.count <= maxIDs else { throw AdminRequestBody.invalid("delivery_ids may name at most \(maxIDs) deliveries") }
        var ids: [String] = []
        for item in items {
            guard case .string(let id) = item else {
                throw AdminRequestBody.invalid("delivery_ids must be an array of delivery id strings")
            }
            if !ids.contains(id) { ids.append(id) }
        }
        guard !ids.isEmpty else { throw AdminRequestBody.invalid("delivery_ids must name at least one delivery") }
        return ids
    }

    private static func time(_ body: ValueMap, _ key: String) throws(APIError) -> Date? {
        guard let text = try AdminRequestBody.string(body, key) else { return nil }
        guard let date = AdminJSON.parseTime(text) else {
            throw AdminRequestBody.invalid("\(key) must be an RFC 3339 time such as 2024-05-01T10:00:00Z, not \"\(text)\"")
        }
        return date
    }
}
