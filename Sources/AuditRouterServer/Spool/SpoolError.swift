/// What the spool itself refuses; SQLite's errors are thrown as GRDB's `DatabaseError`.
public enum SpoolError: Error, Equatable, CustomStringConvertible {
    /// `record` named a delivery that is not pending: unknown, or already delivered or dead.
    case notPending(String)
    /// A row the spool cannot read back: it was not written by this code.
    case corruptRow(String)

    public var description: String {
        switch self {
        case .notPending(let id): "no pending delivery \(id) in the spool"
        case .corruptRow(let problem): "corrupt spool row: \(problem)"
        }
    }
}
