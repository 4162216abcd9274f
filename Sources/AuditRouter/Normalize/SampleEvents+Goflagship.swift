extension SampleEvents {
    /// goflagship webhook events (`internal/webhook/types.go`, flags as `flagToMap` writes them):
    /// `flag.created` (after-state only), `flag.updated` (before, after and changes),
    /// `flag.deleted` (before-state only) and the test endpoint's `webhook.test`.
    static let goflagshipBodies: [SampleBody] = [
        SampleBody(.goflagship, "flag.created", #"{"event":"flag.created","timestamp":"2026-02-10T14:03:12.481516273+01:00","environment":"prod","resource":{"type":"flag","key":"new-checkout"},"data":{"after":\#(goflagshipFlag(enabled: false, rollout: 0, updatedAt: "2026-02-10T14:03:12.470112+01:00"))},"metadata":{"apiKeyId":"6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b","ipAddress":"192.168.1.100","requestId":"api-7f3c/Yx1nB2kQ9-000012"}}"#),
        SampleBody(.goflagship, "flag.updated", #"{"event":"flag.updated","timestamp":"2026-02-11T09:30:00.000000001+01:00","environment":"prod","resource":{"type":"flag","key":"new-checkout"},"data":{"before":\#(goflagshipFlag(enabled: false, rollout: 0, updatedAt: "2026-02-10T14:03:12.470112+01:00")),"after":\#(goflagshipFlag(enabled: true, rollout: 25, updatedAt: "2026-02-11T09:29:59.998+01:00")),"changes":{"enabled":{"after":true,"before":false},"rollout":{"after":25,"before":0},"updated_at":{"after":"2026-02-11T09:29:59.998+01:00","before":"2026-02-10T14:03:12.470112+01:00"}}},"metadata":{"apiKeyId":"6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b","ipAddress":"192.168.1.100","requestId":"api-7f3c/Yx1nB2kQ9-000013"}}"#),
        SampleBody(.goflagship, "flag.deleted", #"{"event":"flag.deleted","timestamp":"2026-02-12T17:45:10.5-05:00","environment":"staging","resource":{"type":"flag","key":"new-checkout"},"data":{"before":\#(goflagshipFlag(enabled: true, rollout: 25, updatedAt: "2026-02-11T09:29:59.998+01:00", env: "staging"))},"metadata":{"apiKeyId":"0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d","ipAddress":"2001:db8::17","requestId":"api-7f3c/Yx1nB2kQ9-000020"}}"#),
        SampleBody(.goflagship, "webhook.test", #"{"event":"webhook.test","timestamp":"2026-02-12T18:00:00.123+01:00","environment":"test","resource":{"type":"webhook","key":"550e8400-e29b-41d4-a716-446655440000"},"data":{"after":{"message":"This is a test webhook delivery"}},"metadata":{}}"#),
    ]

    /// A goflagship flag as `flagToMap` writes it, keys sorted as `json.Marshal` sorts a map.
    private static func goflagshipFlag(enabled: Bool, rollout: Int, updatedAt: String, env: String = "prod") -> String {
        #"{"config":{"banner":"Neue Kasse \"v2\" <beta> & mehr\nZeile 2 — ünïcödé ✓","theme":{"color":"seagreen"}},"description":"New checkout flow — «Kasse»","enabled":\#(enabled),"env":"\#(env)","expression":"user.country == \"DE\" && user.plan != \"free\"","key":"new-checkout","rollout":\#(rollout),"updated_at":"\#(updatedAt)","variants":[{"name":"control","weight":50},{"config":{"color":"green"},"name":"treatment","weight":50}]}"#
    }
}
