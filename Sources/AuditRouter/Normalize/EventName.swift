/// A dotted event name (`flag.updated`, `segment.rollout_percent.updated`, `webhook.test`) read as
/// Flipt's noun and verb: the first part is the type, the last the action.
struct EventName {
    /// The noun: `flag`, `segment`, `webhook`, ...
    let type: String
    /// The verb, mapped onto Flipt's vocabulary where the source has a synonym.
    let action: String

    /// Splits `name`; nil unless it has at least two non-empty parts.
    init?(_ name: String) {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        type = String(parts[0])
        action = Self.action(for: String(parts[parts.count - 1]))
    }

    /// Flipt's verb for a source's verb: `enabled` and `disabled` (Flagr) are updates; other verbs
    /// (`created`, `updated`, `deleted`, `restored`, goflagship's `test`) are kept.
    private static func action(for verb: String) -> String {
        switch verb {
        case "enabled", "disabled": return "updated"
        default: return verb
        }
    }
}
