import GoTemplate

/// The budget of one rendering of a sink's template part (URL, a header, body or `when`):
/// an event's data cannot make a template run without end or write without bound (nested
/// `range`s over a large payload, a recursive `{{template}}`). Past either limit the rendering
/// fails with an error naming it, and the delivery is a dead letter, replayable once the
/// template is fixed or the limit raised. Go's `text/template` has no such limits; Liquid's
/// `resource_limits` are the model.
public struct RenderLimits: Sendable, Equatable {
    /// The most bytes one part may render to (`max_render_bytes`).
    public var maxBytes: Int
    /// The most steps one part may take: template nodes walked and `range` iterations
    /// (`max_render_steps`).
    public var maxSteps: Int

    public init(maxBytes: Int = RenderLimits.default.maxBytes, maxSteps: Int = RenderLimits.default.maxSteps) {
        self.maxBytes = maxBytes
        self.maxSteps = maxSteps
    }

    /// 4 MiB and 1,000,000 steps: far above what any shipped template needs for a 1 MiB event,
    /// and a few tenths of a second of work at most.
    public static let `default` = RenderLimits(maxBytes: 4 << 20, maxSteps: 1_000_000)

    /// The template options a sink's parts are compiled with: `toJson`'s lenient numbers and
    /// these limits.
    var templateOptions: Template.Options {
        Template.Options(lenientNumbers: true, maxOutputBytes: maxBytes, maxSteps: maxSteps)
    }
}
