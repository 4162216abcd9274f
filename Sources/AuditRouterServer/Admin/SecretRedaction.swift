/// What the admin API hides of a sink's settings. Sink settings hold secrets after `${VAR}`
/// expansion (signing secrets, API keys in headers, tokens inside webhook URLs), and the admin
/// API shows settings, never secrets: each is replaced by `***`.
enum SecretRedaction {
    /// What a secret reads as.
    static let mask = "***"

    /// Words that make a header name a secret's (`Authorization`, `X-Auth-Token`, `DD-API-KEY`,
    /// `X-Webhook-Secret`, `Cookie`).
    private static let secretHeaderWords = ["auth", "token", "secret", "password", "key", "signature", "credential", "cookie"]
    /// Words that make a query parameter's name a secret's: the header words, plus Azure's `sig`
    /// and `code`.
    private static let secretQueryWords = secretHeaderWords + ["sig", "code"]

    /// Whether a header named `name` carries a secret: `Authorization`, `Cookie`, `*-Key`,
    /// `*Token*`, `*Secret*`, `*Signature*`, `*Password*` (any case).
    static func isSecretHeader(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return secretHeaderWords.contains { lowered.contains($0) }
    }

    /// A URL (template text) with its secrets masked: the password of `user:password@`, the values
    /// of query parameters whose names look secret (`token`, `api_key`, `sig`, `code`, ...), and
    /// path segments that look like tokens (see `looksLikeToken`), as in Slack's, Discord's and
    /// Telegram's webhook URLs. Template actions are kept.
    static func url(_ text: String) -> String {
        let (beforeFragment, fragment) = split(text, at: "#")
        let (beforeQuery, query) = split(beforeFragment, at: "?")
        var result = maskUserInfo(maskPathTokens(beforeQuery))
        if let query {
            result += "?" + query.split(separator: "&", omittingEmptySubsequences: false).map { parameter in
                let (name, value) = split(String(parameter), at: "=")
                guard value != nil, secretQueryWords.contains(where: { name.lowercased().contains($0) }) else { return String(parameter) }
                return name + "=" + mask
            }.joined(separator: "&")
        }
        if let fragment { result += "#" + fragment }
        return result
    }

    /// `text` before and after the first `separator`; nil after when there is none.
    private static func split(_ text: String, at separator: Character) -> (String, String?) {
        guard let index = text.firstIndex(of: separator) else { return (text, nil) }
        return (String(text[..<index]), String(text[text.index(after: index)...]))
    }

    /// `scheme://user:password@host` → `scheme://user:***@host`.
    private static func maskUserInfo(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://") else { return text }
        let rest = text[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" }
        guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":" + mask + String(text[at...])
    }

    /// Masks the path segments (after the authority) that look like tokens.
    private static func maskPathTokens(_ text: String) -> String {
        let pathStart = text.range(of: "://").map { after in
            text[after.upperBound...].firstIndex(of: "/") ?? text.endIndex
        } ?? text.startIndex
        let segments = text[pathStart...].split(separator: "/", omittingEmptySubsequences: false).map { segment in
            looksLikeToken(segment) ? mask : String(segment)
        }
        return String(text[..<pathStart]) + segments.joined(separator: "/")
    }

    /// 16 or more letters, digits and `-_:.~`, with letters, and with a digit, a colon, or both
    /// cases of letters: Slack's and Discord's tokens, a Telegram `bot123:ABC…`, hex keys; not
    /// `incoming-webhooks`, nor a numeric id.
    private static func looksLikeToken(_ segment: Substring) -> Bool {
        segment.count >= 16
            && segment.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_:.~".contains($0)) }
            && segment.contains(where: \.isLetter)
            && (segment.contains(where: \.isNumber) || segment.contains(":")
                || (segment.contains(where: \.isUppercase) && segment.contains(where: \.isLowercase)))
    }
}
