extension TemplateFunction {
    /// `toJson`: Go's `json.Marshal` of its argument, as a string (Flipt's audit template
    /// function); marshalling failures, such as NaN, are execution errors.
    public static let toJson = TemplateFunction(builtin: .toJson)
}

extension FunctionMap {
    /// The functions Flipt's audit webhook templates have beyond Go's builtins: `toJson`.
    public static var standard: FunctionMap { ["toJson": .toJson] }
}
