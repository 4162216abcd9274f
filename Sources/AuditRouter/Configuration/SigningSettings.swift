/// How a sink signs its requests (`signing: { scheme: ..., secret: ... }`).
public struct SigningSettings: Sendable, Equatable {
    /// Which headers carry the signature, and how it is computed.
    public var scheme: SigningScheme
    /// The shared secret (for `standard-webhooks`, `whsec_` followed by base64).
    public var secret: String

    public init(scheme: SigningScheme, secret: String) {
        self.scheme = scheme
        self.secret = secret
    }
}

/// The signature schemes a sink can use; raw values are the names `config.yaml` uses.
public enum SigningScheme: String, Sendable, Equatable, CaseIterable {
    /// Flipt's webhook sink: `X-Flipt-Webhook-Signature`, lowercase hex HMAC-SHA256.
    case flipt
    /// GitHub and GO Feature Flag: `X-Hub-Signature-256: sha256=<hex>`.
    case github
    /// goflagship: `X-Flagship-Signature: sha256=<hex>` with `X-Flagship-Event` and `X-Flagship-Delivery`.
    case flagship
    /// Flagr: `X-Flagr-Signature`.
    case flagr
    /// Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64>`.
    case standardWebhooks = "standard-webhooks"
}
