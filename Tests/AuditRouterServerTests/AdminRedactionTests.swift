import Testing

@testable import AuditRouterServer

/// What the admin API hides of sink settings.
@Suite("Admin API secret redaction")
struct AdminRedactionTests {
    @Test(
        "header names that look secret",
        arguments: [
            ("Authorization", true), ("Proxy-Authorization", true), ("X-API-Key", true), ("DD-API-KEY", true),
            ("X-Auth-Token", true), ("X-Webhook-Secret", true), ("Cookie", true), ("X-Signature", true),
            ("Content-Type", false), ("X-Trace", false), ("Accept", false), ("Keep-Alive", false), ("User-Agent", false),
        ])
    func secretHeaders(name: String, secret: Bool) {
        #expect(SecretRedaction.isSecretHeader(name) == secret)
    }

    @Test(
        "URLs keep where they point and lose their secrets",
        arguments: [
            ("https://hooks.slack.com/services/T0123ABCD/B0123ABCD/abcdefghij0123456789XYZW",
             "https://hooks.slack.com/services/T0123ABCD/B0123ABCD/***"),
            ("https://discord.com/api/webhooks/123456789012345678/AbCdEf-0123456789_abcdefghijklmnop",
             "https://discord.com/api/webhooks/123456789012345678/***"),
            ("https://user:pa55word@example.com:8088/services/collector", "https://user:***@example.com:8088/services/collector"),
            ("https://example.com/hook?api_key=abc&team=ops&sig=xyz&code=1#frag", "https://example.com/hook?api_key=***&team=ops&sig=***&code=***#frag"),
            ("https://example.com/events/{{.ID}}?token={{.Meta.token}}", "https://example.com/events/{{.ID}}?token=***"),
            ("http://127.0.0.1:9200/audit/_doc/{{.ID}}", "http://127.0.0.1:9200/audit/_doc/{{.ID}}"),
            ("https://example.com/a-very-long-but-readable-path-name/x", "https://example.com/a-very-long-but-readable-path-name/x"),
            // A token without a digit (mixed case), a Telegram bot token (with a colon).
            ("https://hooks.slack.com/services/T0A1B2C3D/B0A1B2C3D/abcdEFGHijklMNOPqrstUVWX",
             "https://hooks.slack.com/services/T0A1B2C3D/B0A1B2C3D/***"),
            ("https://api.telegram.org/bot123456:ABCdefGhIJKlmnoPQRstuVWxyz/sendMessage", "https://api.telegram.org/***/sendMessage"),
            ("https://example.com/incoming-webhooks-integration/x", "https://example.com/incoming-webhooks-integration/x"),
            ("", ""),
        ])
    func urls(url: String, redacted: String) {
        #expect(SecretRedaction.url(url) == redacted)
    }
}
