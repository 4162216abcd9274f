/// A sink's `retry:` and `signing:` settings.
extension ConfigurationDecoder {
    /// `retry:`: each key optional, defaulting to `RetryPolicySettings.default`.
    mutating func retry(_ node: ConfigNode) -> RetryPolicySettings {
        var retry = RetryPolicySettings.default
        let keys = ["max_attempts", "initial_backoff", "multiplier", "max_backoff", "max_elapsed", "jitter"]
        guard let fields = fields(of: node, allowed: keys) else { return retry }
        if let value = fields["max_attempts"].flatMap({ integer($0, minimum: 1) }) { retry.maxAttempts = value }
        if let value = fields["initial_backoff"].flatMap({ duration($0) }) { retry.initialBackoff = value }
        if let value = fields["multiplier"].flatMap({ number($0, in: 1...Double.infinity) }) { retry.multiplier = value }
        if let value = fields["max_backoff"].flatMap({ duration($0) }) { retry.maxBackoff = value }
        if let value = fields["max_elapsed"].flatMap({ duration($0) }) { retry.maxElapsed = value }
        if let value = fields["jitter"].flatMap({ number($0, in: 0...1) }) { retry.jitter = value }
        if retry.maxBackoff < retry.initialBackoff {
            let at = fields["max_backoff"] ?? fields["initial_backoff"] ?? node
            report("max_backoff must not be shorter than initial_backoff", at: at)
        }
        return retry
    }

    /// `signing:`: a scheme and a secret, both required. The secret is checked (not empty; for
    /// `standard-webhooks`, `whsec_` and base64) unless the sink is disabled and the secret empty.
    mutating func signing(_ node: ConfigNode, enabled: Bool) -> SigningSettings? {
        guard let fields = fields(of: node, allowed: ["scheme", "secret"]) else { return nil }
        var scheme: SigningScheme?
        if let schemeNode = fields["scheme"] {
            scheme = choice(schemeNode, "signing scheme")
        } else {
            report("required", path: "\(node.path).scheme", mark: node.mark)
        }
        guard let secretNode = fields["secret"] else {
            report("required", path: "\(node.path).secret", mark: node.mark)
            return nil
        }
        guard let scheme, let secret = scalar(secretNode) else { return nil }
        let settings = SigningSettings(scheme: scheme, secret: secret.text)
        if enabled || !secret.text.isEmpty, let problem = settings.validationProblem {
            report(problem + secret.unsetNote, at: secretNode)
        }
        return settings
    }
}
