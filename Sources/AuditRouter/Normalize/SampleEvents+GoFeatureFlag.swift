extension SampleEvents {
    /// GO Feature Flag webhook notifications: a poll with an added, an updated and a deleted flag
    /// in the current flag format (with `meta.environment`), a first load that reports every flag
    /// as added, and the legacy-format example of GO Feature Flag's docs.
    static let goFeatureFlagBodies: [SampleBody] = [
        SampleBody(.gofeatureflag, "flags added, updated and deleted", #"""
            {"meta":{"environment":"production","hostname":"relay-proxy-7d9f8c6b5-x2kqz"},"flags":{"deleted":{"old-search":\#(goffFlag(description: "Legacy search <v1>", disable: true))},"added":{"new-banner":\#(goffFlag(description: "Promo banner: \"Sommer-Sale\" — 20% & more\n<b>bold</b> ✓", disable: false))},"updated":{"checkout-v2":{"old_value":\#(goffFlag(description: "Checkout v2", disable: true, percentage: 10)),"new_value":\#(goffFlag(description: "Checkout v2 — «Kasse» & <EU>", disable: false, percentage: 50))}}}}
            """#),
        SampleBody(.gofeatureflag, "first load: every flag added", #"""
            {"meta":{"hostname":"relay-proxy-7d9f8c6b5-abcde"},"flags":{"deleted":{},"added":{"checkout-v2":\#(goffFlag(description: "Checkout v2", disable: false)),"dark-mode":{"variations":{"off":false,"on":true},"defaultRule":{"variation":"off"},"trackEvents":false}},"updated":{}}}
            """#),
        SampleBody(.gofeatureflag, "legacy flag format (GO Feature Flag's docs)", #"""
            {"meta":{"hostname":"server01"},"flags":{"deleted":{"test-flag":{"rule":"key eq \"random-key\"","percentage":100,"true":true,"false":false,"default":false}},"added":{"test-flag3":{"percentage":5,"true":"test","false":"false","default":"default"}},"updated":{"test-flag2":{"old_value":{"rule":"key eq \"not-a-key\"","percentage":100,"true":true,"false":false,"default":false},"new_value":{"disable":true,"rule":"key eq \"not-a-key\"","percentage":100,"true":true,"false":false,"default":false}}}}}
            """#),
    ]

    /// A flag in GO Feature Flag's current format (`modules/core/flag/internal_flag.go`).
    private static func goffFlag(description: String, disable: Bool, percentage: Int = 20) -> String {
        #"{"variations":{"disabled":false,"enabled":true},"targeting":[{"name":"beta-testers","query":"email ew \"@example.com\" and country in [\"NL\",\"BE\"]","variation":"enabled"}],"defaultRule":{"name":"legacyDefaultRule","percentage":{"disabled":\#(100 - percentage),"enabled":\#(percentage)}},"bucketingKey":"teamId","experimentation":{"start":"2024-09-01T00:00:00Z","end":"2024-12-31T23:59:59Z"},"trackEvents":true,"disable":\#(disable),"version":"1.4.2","metadata":{"description":\#(quoted(description)),"issue-link":"https://jira.example.com/browse/CHK-42?x=1&y=2"}}"#
    }
}
