/// The execution budget of `Template.Options` (`maxSteps`, `maxOutputBytes`): checks made as
/// the walk goes, each an integer comparison.
extension Executor {
    /// Counts one step; throws once the execution has taken more than `Options.maxSteps`.
    @inline(__always)
    mutating func takeStep() throws(TemplateError) {
        steps &+= 1
        if steps > stepLimit {
            throw error("execution exceeds the limit of \(stepLimit) steps (nodes walked and range iterations)")
        }
    }

    /// Throws once the output has grown past `Options.maxOutputBytes`, reporting the error at
    /// `site` (the action that wrote last, or none for text).
    @inline(__always)
    mutating func checkOutputLimit(at site: SiteID) throws(TemplateError) {
        if output.count > outputLimit {
            current = site
            throw error("output exceeds the limit of \(storage.options.maxOutputBytes ?? .max) bytes")
        }
    }
}
