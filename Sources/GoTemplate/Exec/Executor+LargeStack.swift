extension Executor {
    /// Runs `step` on a thread with a large stack, where deep recursion (nested template calls,
    /// deeply nested actions) can go on until Go's own limits end it; the caller's stack limit
    /// is restored afterwards.
    mutating func continueOnLargeStack<Result>(_ step: @escaping (inout Executor) throws(TemplateError) -> Result) throws(TemplateError) -> Result {
        var result: Result?
        let savedLimit = stackLimit
        defer { stackLimit = savedLimit }
        do {
            try LargeStack.run(&self) { (executor: inout Executor) in
                executor.stackLimit = LargeStack.limit(budget: LargeStack.stackSize - LargeStack.reserve)
                result = try step(&executor)
            }
        } catch let error as TemplateError {
            throw error
        } catch {
            preconditionFailure("execution throws only TemplateError")
        }
        return result!
    }
}
