import Crypto

/// The outcome of checking the signature of an incoming webhook.
public enum SignatureCheck: Sendable, Equatable {
    /// The signature matches the body.
    case valid
    /// The request has no (or an empty) signature header; `header` is its name.
    case missing(header: String)
    /// The header is there but is not the body's HMAC under the secret (or is not hex).
    case mismatch(header: String)
}

/// Verifies the HMAC-SHA256 signatures the source systems put on their webhooks: the hex digest
/// of the raw body, keyed with the shared secret's UTF-8 bytes.
///
/// | Source | Header | Value |
/// |---|---|---|
/// | flipt | `X-Flipt-Webhook-Signature` | `<hex>` |
/// | flagr | `X-Flagr-Signature` | `sha256=<hex>` or `<hex>` |
/// | goflagship | `X-Flagship-Signature` | `sha256=<hex>`, keyed with the whole secret, `whsec_` prefix included |
/// | gofeatureflag | `X-Hub-Signature-256` | `sha256=<hex>` |
///
/// Every source's value is accepted with or without the `sha256=` prefix, in either case of hex:
/// the digest alone decides. Digests are compared in constant time.
public enum SourceSignature {
    /// The header that carries `source`'s signature.
    public static func header(for source: EventSource) -> String {
        switch source {
        case .flipt: "X-Flipt-Webhook-Signature"
        case .flagr: "X-Flagr-Signature"
        case .goflagship: "X-Flagship-Signature"
        case .gofeatureflag: "X-Hub-Signature-256"
        }
    }

    /// Checks the signature of a request from `source` whose raw body is `body`.
    ///
    /// - Parameters:
    ///   - secret: the secret shared with the source; call only when one is configured.
    ///   - headers: looks a request header up by name. It is asked for the canonical name
    ///     (`X-Hub-Signature-256`) and then the lower-case one, so a case-insensitive lookup
    ///     (such as `HTTPFields`) or a dictionary keyed either way both work.
    public static func verify(
        source: EventSource, secret: String, headers: (String) -> String?, body: [UInt8]
    ) -> SignatureCheck {
        let name = header(for: source)
        let value = trimmed(headers(name) ?? headers(name.lowercased()) ?? "")
        guard !value.isEmpty else { return .missing(header: name) }
        let prefix = "sha256="
        let hex = value.lowercased().hasPrefix(prefix) ? value.dropFirst(prefix.count) : value[...]
        guard let claimed = bytes(fromHex: hex) else { return .mismatch(header: name) }
        let expected = Array(HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array(secret.utf8))))
        return constantTimeEqual(claimed, expected) ? .valid : .mismatch(header: name)
    }

    /// Whether `a` and `b` hold the same bytes, taking the same time wherever they differ: every
    /// byte is compared. Only the lengths (not secret: a digest's is fixed) return early.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }

    /// The bytes of a hex string (either case); nil when it has an odd length or a non-hex character.
    static func bytes(fromHex hex: Substring) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            result.append(high << 4 | low)
            index += 2
        }
        return result
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// `text` without leading and trailing spaces and tabs.
    private static func trimmed(_ text: String) -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = text.firstIndex(where: { !isBlank($0) }), let last = text.lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return String(text[first...last])
    }
}
