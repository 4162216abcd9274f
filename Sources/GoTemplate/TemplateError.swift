/// A parse or execution error, with Go's message: `template: NAME:LINE: …` when parsing,
/// `template: NAME:LINE:COL: executing "NAME" at <NODE>: …` when executing.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    /// When the error arose.
    public enum Phase: Sendable { case parse, execution }

    public let phase: Phase
    /// The message, exactly as Go words it.
    public let message: String

    public var description: String { message }

    init(phase: Phase, message: String) {
        self.phase = phase
        self.message = message
    }
}

/// A message-only error raised while parsing a literal, wrapped by the parser with its location.
struct TemplateSyntaxError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
