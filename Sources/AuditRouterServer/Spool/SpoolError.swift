/// What the spool itself refuses; SQLite's errors are thrown as GRDB's `DatabaseError`.
public enum SpoolError: Error, Equatable, CustomStringConvertible {
    /// `record` named a delivery the spool does not hold.
    case unknownDelivery(String)
    /// A row the spool cannot read back: it was not written by this code.
    case corruptRow(String)

    public var description: String {
        switch self {
        case .unknownDelivery(let id): "no delivery \(id) in the spool"
        case .corruptRow(let problem): "corrupt spool row: \(problem)"
        }
    }
}
