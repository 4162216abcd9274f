import GoTemplate

/// Why an ingest body was rejected. Nothing of a rejected body is kept: one bad element rejects
/// the whole body. `description` is the message to show whoever called the API.
public struct IngestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem it is.
    public enum Kind: Sendable, Equatable {
        /// The body is not JSON; `line` and `column` (1-based, column in bytes) locate the problem.
        case malformedJSON(line: Int, column: Int)
        /// An event lacks a required field or has one of the wrong type. `field` is its path in the
        /// body: `type` in a single object, `events[2].type` in an array, `flags.added.my-flag`.
        case invalidEvent(field: String)
        /// Valid JSON that is not a shape this source sends (a string, or an object with none of the
        /// fields that identify the format).
        case unsupportedShape
    }

    /// What kind of problem it is.
    public var kind: Kind
    /// A sentence for a human: what is wrong, where, and what was expected.
    public var message: String

    /// An error of `kind` explained by `message`.
    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    /// The message.
    public var description: String { message }

    /// The body could not be decoded as JSON.
    static func malformed(_ error: JSONDecodingError) -> IngestError {
        IngestError(
            kind: .malformedJSON(line: error.line, column: error.column),
            message: "body is not valid JSON: \(error.message) (line \(error.line), column \(error.column))")
    }

    /// A field of a `source` event is missing or wrong; `problem` says how (`missing`, `must be a string, got number`).
    static func invalid(_ source: EventSource, field: String, _ problem: String) -> IngestError {
        IngestError(kind: .invalidEvent(field: field), message: "invalid \(source.rawValue) event: \(field): \(problem)")
    }

    /// The body is JSON, but not what `source` sends.
    static func unsupported(_ source: EventSource, _ explanation: String) -> IngestError {
        IngestError(kind: .unsupportedShape, message: "unsupported \(source.rawValue) body: \(explanation)")
    }
}
