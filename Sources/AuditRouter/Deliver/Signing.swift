import Crypto
import Foundation

/// The headers that sign one request body with the sink's scheme; every scheme is HMAC-SHA256:
///
/// - `flipt`: `X-Flipt-Webhook-Signature: <lowercase hex>` (Flipt's webhook sink).
/// - `github`: `X-Hub-Signature-256: sha256=<hex>` (GitHub, GO Feature Flag).
/// - `flagship`: `X-Flagship-Signature: sha256=<hex>`, keyed with the whole secret string
///   (`whsec_` prefix included, as goflagship does), plus `X-Flagship-Event` and
///   `X-Flagship-Delivery`.
/// - `flagr`: `X-Flagr-Signature: sha256=<hex>`.
/// - `standard-webhooks`: `webhook-id`, `webhook-timestamp` (Unix seconds) and
///   `webhook-signature: v1,<base64>` over `id.timestamp.body`, keyed with the base64-decoded
///   part of a `whsec_` secret. Settings that fail `validationProblem` are keyed with the secret's
///   UTF-8 bytes instead; validate them when the configuration loads.
///
/// - Parameters:
///   - body: the exact bytes that will be sent.
///   - deliveryID: the delivery id, the same on every retry.
///   - eventType: the event type the flagship scheme names.
///   - timestamp: when the attempt is made (standard-webhooks signs it).
public func signatureHeaders(
    settings: SigningSettings, body: [UInt8], deliveryID: String, eventType: String, timestamp: Date
) -> [(String, String)] {
    let secret = Array(settings.secret.utf8)
    switch settings.scheme {
    case .flipt:
        return [("X-Flipt-Webhook-Signature", SigningSettings.hmacHex(key: secret, body))]
    case .github:
        return [("X-Hub-Signature-256", "sha256=" + SigningSettings.hmacHex(key: secret, body))]
    case .flagship:
        return [
            ("X-Flagship-Signature", "sha256=" + SigningSettings.hmacHex(key: secret, body)),
            ("X-Flagship-Event", eventType),
            ("X-Flagship-Delivery", deliveryID),
        ]
    case .flagr:
        return [("X-Flagr-Signature", "sha256=" + SigningSettings.hmacHex(key: secret, body))]
    case .standardWebhooks:
        let seconds = String(Int64(timestamp.timeIntervalSince1970.rounded(.down)))
        let key = SigningSettings.standardWebhooksKey(settings.secret) ?? secret
        let signed = Array("\(deliveryID).\(seconds).".utf8) + body
        let mac = Data(HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: key)))
        return [
            ("webhook-id", deliveryID),
            ("webhook-timestamp", seconds),
            ("webhook-signature", "v1," + mac.base64EncodedString()),
        ]
    }
}

extension SigningSettings {
    /// What is wrong with these settings, or nil when they can sign: the secret must not be empty,
    /// and a standard-webhooks secret must be `whsec_` followed by base64.
    public var validationProblem: String? {
        if secret.isEmpty { return "signing secret is empty" }
        if scheme == .standardWebhooks, Self.standardWebhooksKey(secret) == nil {
            return "a standard-webhooks secret must be \"whsec_\" followed by base64"
        }
        return nil
    }

    /// The HMAC key of a Standard Webhooks secret: the base64 decoding of what follows `whsec_`.
    fileprivate static func standardWebhooksKey(_ secret: String) -> [UInt8]? {
        guard secret.hasPrefix("whsec_"), let key = Data(base64Encoded: String(secret.dropFirst(6))), !key.isEmpty
        else { return nil }
        return Array(key)
    }

    /// Lowercase hex HMAC-SHA256 of `body`.
    fileprivate static func hmacHex(key: [UInt8], _ body: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: key)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
