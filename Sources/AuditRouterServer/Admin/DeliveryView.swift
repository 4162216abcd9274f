import GoTemplate

/// The spool's delivery records and logged attempts as the admin API shows them, and pages of
/// them (`{"items": [...], "page", "limit", "total"}`).
enum DeliveryView {
    /// One attempt of the delivery log: `status` is the state the attempt left its delivery in.
    static func attempt(_ logged: Spool.LoggedAttempt) -> Value {
        let attempt = logged.attempt
        return .map(ValueMap([
            ("event_id", .string(attempt.eventID)),
            ("delivery_id", .string(attempt.deliveryID)),
            ("sink", .string(attempt.sink)),
            ("attempt", .int64(Int64(attempt.attempt))),
            ("status", .string(logged.outcome.rawValue)),
            ("status_code", AdminJSON.int(attempt.statusCode)),
            ("error", AdminJSON.string(attempt.error)),
            ("duration_ms", AdminJSON.millis(attempt.duration)),
            ("at", AdminJSON.time(attempt.at)),
        ]))
    }

    /// One delivery of one event to one sink, with its state and its last attempt.
    static func delivery(_ record: Spool.DeliveryRecord) -> Value {
        .map(ValueMap([
            ("delivery_id", .string(record.id)),
            ("event_id", .string(record.eventID)),
            ("sink", .string(record.sink)),
            ("state", .string(record.state.rawValue)),
            ("attempts", .int64(Int64(record.attempts))),
            ("last_status", AdminJSON.int(record.lastStatus)),
            ("last_error", AdminJSON.string(record.lastError)),
            ("created_at", AdminJSON.time(record.createdAt)),
            ("first_attempt_at", AdminJSON.time(record.firstAttemptAt)),
            ("last_attempt_at", AdminJSON.time(record.lastAttemptAt)),
            ("next_attempt_at", AdminJSON.time(record.nextAttemptAt)),
            ("updated_at", AdminJSON.time(record.updatedAt)),
        ]))
    }

    /// A page of items, with where it is in the listing.
    static func page<Item>(_ page: Spool.Page<Item>, _ query: PageQuery, item: (Item) -> Value) -> Value {
        .map(ValueMap([
            ("items", .array(page.items.map(item))),
            ("page", .int64(Int64(query.page))),
            ("limit", .int64(Int64(query.limit))),
            ("total", .int64(Int64(page.total))),
        ]))
    }
}
