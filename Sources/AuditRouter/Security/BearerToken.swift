import Crypto

/// Checks `Authorization: Bearer <token>` headers (the scheme in any case, RFC 9110) against a
/// configured token without telling a caller anything through timing: both sides are hashed to
/// SHA-256 first, so the comparison always runs over 32 bytes and leaks neither where the token
/// differs nor how long it is.
public enum BearerToken {
    /// Whether `authorization` (a request's `Authorization` value, nil when absent) carries `token`.
    public static func matches(_ authorization: String?, token: String) -> Bool {
        let given = Array((authorization ?? "").utf8)
        let scheme = String(decoding: given.prefix(7), as: UTF8.self).lowercased()
        let matches = SourceSignature.constantTimeEqual(
            Array(SHA256.hash(data: given.dropFirst(7))), Array(SHA256.hash(data: Array(token.utf8))))
        return scheme == "bearer " && matches
    }
}
