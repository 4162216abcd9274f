/// What the spool itself refuses; SQLite's errors are thrown as GRDB's `DatabaseError`.
public enum SpoolError: Error, Equatable, CustomStringConvertible {
    /// `record` named a delivery that is not pending: unknown, or already delivered or dead.
    case notPending(String)
    /// A row the spool cannot read back: it was not written by this code.
    case corruptRow(String)
    /// `accept` found `limit` or more pending deliveries of the sinks it counts
    /// (`spool.max_pending`) and stored nothing.
    case full(limit: Int)
    /// `accept` was given a receipt already recorded: the request was accepted before (a retry).
    case duplicate(String)

    public var description: String {
        switch self {
        case .notPending(let id): "no pending delivery \(id) in the spool"
        case .corruptRow(let problem): "corrupt spool row: \(problem)"
        case .full(let limit): "the spool holds \(limit) undelivered deliveries to running sinks (spool.max_pending)"
        case .duplicate(let deliveryID): "a request with delivery id \(deliveryID) was accepted before"
        }
    }
}
