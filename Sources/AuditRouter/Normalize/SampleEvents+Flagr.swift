extension SampleEvents {
    /// Flagr notifications (`operation` × `component_type`, with and without the detailed diff's
    /// `pre_value` / `post_value` / `diff`, users given as an email or a plain name), then every
    /// event of Flagr's webhook docs (`{event, flag_id, flag_key, timestamp, data}`).
    static let flagrBodies: [SampleBody] = flagrNotifications + flagrDocumentedEvents

    private static let flagrNotifications: [SampleBody] = [
        flagr("create", "flag", id: 12, key: "checkout-v2", user: "alice@example.com", at: "2026-05-20T10:15:03.123456789Z",
              post: flagrFlag(enabled: false, updatedAt: "2026-05-20T10:15:03.120Z")),
        flagr("update", "flag", id: 12, key: "checkout-v2", user: "alice@example.com", at: "2026-05-20T10:20:41.5Z",
              pre: flagrFlag(enabled: false, updatedAt: "2026-05-20T10:15:03.120Z"),
              post: flagrFlag(enabled: true, updatedAt: "2026-05-20T10:20:41.498Z"),
              diff: "--- Previous\n+++ Current\n@@ -4,5 +4,5 @@\n   \"description\": \"Checkout \\\"v2\\\" <beta> & more\",\n-  \"enabled\": false,\n+  \"enabled\": true,\n   \"entityType\": \"\",\n"),
        flagr("delete", "flag", id: 12, key: nil, user: "bob", at: "2026-05-21T08:00:00.000000001Z"),
        flagr("restore", "flag", id: 12, key: "checkout-v2", user: "bob", at: "2026-05-21T08:05:00Z"),
        flagr("create", "segment", id: 34, key: "Beta users", user: "alice@example.com", at: "2026-05-20T10:16:00.25Z"),
        flagr("update", "segment", id: 34, key: "Beta users", user: "Zoë O'Brien", at: "2026-05-20T10:30:12.75Z",
              pre: flagrFlag(rolloutPercent: 50, updatedAt: "2026-05-20T10:20:41.498Z"),
              post: flagrFlag(rolloutPercent: 75, updatedAt: "2026-05-20T10:30:12.740Z"),
              diff: "--- Previous\n+++ Current\n@@ -29,3 +29,3 @@\n       \"rank\": 0,\n-      \"rolloutPercent\": 50\n+      \"rolloutPercent\": 75\n     }\n"),
        flagr("delete", "segment", id: 34, key: nil, user: "alice@example.com", at: "2026-05-22T09:00:00Z"),
        flagr("create", "variant", id: 2, key: "treatment", user: "alice@example.com", at: "2026-05-20T10:17:00Z"),
        flagr("update", "variant", id: 2, key: "treatment", user: "alice@example.com", at: "2026-05-20T10:40:00.5Z",
              pre: flagrFlag(label: "Grün", updatedAt: "2026-05-20T10:30:12.740Z"),
              post: flagrFlag(label: "Grün & <b>fett</b> \"neu\"", updatedAt: "2026-05-20T10:40:00.490Z"),
              diff: "--- Previous\n+++ Current\n@@ -41,3 +41,3 @@\n-        \"label\": \"Grün\"\n+        \"label\": \"Grün & <b>fett</b> \\\"neu\\\"\"\n"),
        flagr("delete", "variant", id: 2, key: nil, user: "alice@example.com", at: "2026-05-22T09:01:00Z"),
        flagr("create", "constraint", id: 56, key: "country", user: "alice@example.com", at: "2026-05-20T10:18:00Z"),
        flagr("update", "constraint", id: 56, key: "country", user: "alice@example.com", at: "2026-05-20T10:50:00Z"),
        flagr("delete", "constraint", id: 56, key: nil, user: "alice@example.com", at: "2026-05-22T09:02:00Z"),
        flagr("update", "distribution", id: 78, key: "control", user: "alice@example.com", at: "2026-05-20T10:55:00Z"),
        flagr("create", "tag", id: 5, key: "checkout", user: "ops-bot", at: "2026-05-20T11:00:00Z"),
        flagr("delete", "tag", id: 5, key: nil, user: "ops-bot", at: "2026-05-20T11:05:00Z"),
    ]

    private static let flagrDocumentedEvents: [SampleBody] = [
        "flag.created", "flag.updated", "flag.deleted", "flag.enabled", "flag.disabled",
        "segment.created", "segment.updated", "segment.deleted", "segment.rollout_percent.updated",
        "variant.created", "variant.updated", "variant.deleted", "variant.attachment.updated",
        "constraint.created", "constraint.updated", "constraint.deleted", "distribution.updated",
    ].map { event in
        SampleBody(
            .flagr, "\(event) (webhook docs)",
            #"{"event":"\#(event)","flag_id":12,"flag_key":"checkout-v2","timestamp":"2024-03-21T12:00:00Z","data":\#(flagrFlag(enabled: event != "flag.disabled", updatedAt: "2024-03-21T12:00:00Z"))}"#)
    }

    /// A Flagr notification, in the field order of Flagr's `Notification` struct.
    private static func flagr(
        _ operation: String, _ component: String, id: Int, key: String?, user: String, at timestamp: String,
        pre: String? = nil, post: String? = nil, diff: String? = nil
    ) -> SampleBody {
        var fields = [#""operation":"\#(operation)","flag_id":12,"flag_key":"checkout-v2""#]
        fields.append(#""component_type":"\#(component)","component_id":\#(id)"#)
        if let key { fields.append(#""component_key":\#(quoted(key))"#) }
        if let pre { fields.append(#""pre_value":\#(quoted(pre))"#) }
        if let post { fields.append(#""post_value":\#(quoted(post))"#) }
        if let diff { fields.append(#""diff":\#(quoted(diff))"#) }
        fields.append(#""user":\#(quoted(user)),"timestamp":"\#(timestamp)""#)
        let past = ["create": "created", "update": "updated", "delete": "deleted", "restore": "restored"][operation] ?? operation
        let note = pre != nil || post != nil ? ", detailed diff" : ""
        return SampleBody(.flagr, "\(component):\(past) (operation \(operation)\(note))", "{" + fields.joined(separator: ",") + "}")
    }

    /// A Flagr flag snapshot (`models.Flag` as JSON), the form of `pre_value`, `post_value` and `data`.
    private static func flagrFlag(
        enabled: Bool = true, rolloutPercent: Int = 50, label: String = "Grün & <b>fett</b>", updatedAt: String
    ) -> String {
        #"{"createdBy":"alice@example.com","dataRecordsEnabled":false,"description":"Checkout \"v2\" <beta> & more","enabled":\#(enabled),"entityType":"","id":12,"key":"checkout-v2","notes":"Roll out slowly\n— Zoë","segments":[{"constraints":[{"id":56,"operator":"EQ","property":"country","value":"\"NL\""}],"description":"Beta users","distributions":[{"bitmap":"","id":78,"percent":50,"variantID":1,"variantKey":"control"},{"bitmap":"","id":79,"percent":50,"variantID":2,"variantKey":"treatment"}],"id":34,"rank":0,"rolloutPercent":\#(rolloutPercent)}],"tags":[{"id":5,"value":"checkout"}],"updatedAt":"\#(updatedAt)","updatedBy":"alice@example.com","variants":[{"attachment":{"color":"blue"},"id":1,"key":"control"},{"attachment":{"color":"green","label":\#(quoted(label))},"id":2,"key":"treatment"}]}"#
    }
}
