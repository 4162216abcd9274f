extension SampleEvents {
    /// Flipt v1 audit events as its webhook sink posts them (`json.Marshal(audit.Event)`, payload
    /// keys sorted): all nine types × created/updated/deleted, with the payloads of
    /// `internal/server/audit/types.go` (deletes carry the request, except rules and rollouts,
    /// which carry the deleted object), rule and rollout reorders, a `denied` event with a `null`
    /// payload, and the docs' `0.1` event without `status`. Flipt 1.x does not emit
    /// `token:updated`; it is here so that templates are tried on it too.
    static let fliptBodies: [SampleBody] = [
        flipt("flag", "created", FliptActor.none, #"{"description":"Checkout \"v2\" <beta> & more\nfor 10% of users — café ✓","enabled":true,"key":"checkout-v2","name":"Checkout v2","namespace_key":"default"}"#, at: "2024-09-17T02:50:06Z"),
        flipt("flag", "updated", FliptActor.oidc, #"{"default_variant":"blue","description":"Rollout «Kasse» für 日本 & <EU>","enabled":true,"key":"checkout-v2","name":"Checkout v2","namespace_key":"production"}"#, at: "2024-09-17T04:12:45+02:00"),
        flipt("flag", "deleted", FliptActor.token, #"{"key":"checkout-v2","namespace_key":"default"}"#, at: "2024-09-18T08:00:00Z"),
        flipt("variant", "created", FliptActor.oidc, #"{"attachment":"{\"color\":\"royalblue\",\"label\":\"Bleu \\\"foncé\\\" <b>\"}","description":"Blue \"primary\" button","flag_key":"checkout-v2","id":"5f4e3c1a-8b0d-4a0e-9a51-2b7f3d1c9e10","key":"blue","name":"Blue","namespace_key":"default"}"#, at: "2024-09-17T02:51:10Z"),
        flipt("variant", "updated", FliptActor.github, #"{"attachment":"{\"color\":\"navy\"}","description":"Darker blue\n(accessibility review)","flag_key":"checkout-v2","id":"5f4e3c1a-8b0d-4a0e-9a51-2b7f3d1c9e10","key":"blue","name":"Blue ✓","namespace_key":"default"}"#, at: "2024-09-17T02:52:30Z"),
        flipt("variant", "deleted", FliptActor.token, #"{"flag_key":"checkout-v2","id":"5f4e3c1a-8b0d-4a0e-9a51-2b7f3d1c9e10","namespace_key":"default"}"#, at: "2024-09-17T02:53:00Z"),
        flipt("segment", "created", FliptActor.none, #"{"constraints":[],"description":"Users in the \"beta\" programme <opt-in>","key":"beta-users","match_type":"ALL_MATCH_TYPE","name":"Beta users","namespace_key":"default"}"#, at: "2024-09-17T02:54:00Z"),
        flipt("segment", "updated", FliptActor.oidc, #"{"constraints":[{"id":"9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f","namespace_key":"default","operator":"isoneof","property":"country","segment_key":"beta-users","type":"STRING_COMPARISON_TYPE","value":"[\"NL\",\"BE\",\"DE\"]"}],"description":"Benelux & Deutschland — Beta","key":"beta-users","match_type":"ANY_MATCH_TYPE","name":"Beta users","namespace_key":"default"}"#, at: "2024-09-17T02:55:00Z"),
        flipt("segment", "deleted", FliptActor.kubernetes, #"{"key":"beta-users","namespace_key":"default"}"#, at: "2024-09-17T02:56:00Z"),
        flipt("constraint", "created", FliptActor.oidc, #"{"id":"9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f","namespace_key":"default","operator":"eq","property":"country","segment_key":"beta-users","type":"STRING_COMPARISON_TYPE","value":"NL"}"#, at: "2024-09-17T02:57:00Z"),
        flipt("constraint", "updated", FliptActor.oidc, #"{"id":"9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f","namespace_key":"default","operator":"isoneof","property":"country","segment_key":"beta-users","type":"STRING_COMPARISON_TYPE","value":"[\"NL\",\"BE\",\"DE\"]"}"#, at: "2024-09-17T02:58:00Z"),
        flipt("constraint", "deleted", FliptActor.token, #"{"id":"9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f","namespace_key":"default","segment_key":"beta-users"}"#, at: "2024-09-17T02:59:00Z"),
        flipt("rule", "created", FliptActor.oidc, #"{"distributions":[{"id":"0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a","rollout":50,"rule_id":"7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d","variant_id":"5f4e3c1a-8b0d-4a0e-9a51-2b7f3d1c9e10"}],"flag_key":"checkout-v2","id":"7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d","namespace_key":"default","rank":1,"segment_key":"beta-users"}"#, at: "2024-09-17T03:00:00Z"),
        flipt("rule", "updated", FliptActor.jwt, #"{"distributions":[],"flag_key":"checkout-v2","id":"7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d","namespace_key":"default","rank":1,"segment_key":"beta-users,internal","segment_operator":"AND_SEGMENT_OPERATOR"}"#, at: "2024-09-17T03:01:00Z"),
        flipt("rule", "updated", FliptActor.jwt, #"{"flag_key":"checkout-v2","namespace_key":"default","rule_ids":["1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e","7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d"]}"#, at: "2024-09-17T03:02:00Z", note: "reorder"),
        flipt("rule", "deleted", FliptActor.token, #"{"distributions":[],"flag_key":"checkout-v2","id":"7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d","namespace_key":"default","rank":2,"segment_key":"beta-users"}"#, at: "2024-09-17T03:03:00Z"),
        flipt("distribution", "created", FliptActor.oidc, #"{"id":"0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a","rollout":50,"rule_id":"7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d","variant_id":"5f4e3c1a-8b0d-4a0e-9a51-2b7f3d1c9e10"}"#, at: "2024-09-17T03:04:00Z"),
        flipt("distribution", "updated", FliptActor.oidc, #"{"id":"0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a","rollout":33.3,"rule_id":"7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d","variant_id":"5f4e3c1a-8b0d-4a0e-9a51-2b7f3d1c9e10"}"#, at: "2024-09-17T03:05:00Z"),
        flipt("distribution", "deleted", FliptActor.token, #"{"flag_key":"checkout-v2","id":"0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a","namespace_key":"default","rule_id":"7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d","variant_id":"5f4e3c1a-8b0d-4a0e-9a51-2b7f3d1c9e10"}"#, at: "2024-09-17T03:06:00Z"),
        flipt("namespace", "created", FliptActor.github, #"{"description":"Production — «prod» & <live>","key":"production","name":"Production","protected":true}"#, at: "2024-09-16T22:00:00-04:00"),
        flipt("namespace", "updated", FliptActor.github, #"{"description":"Staging\n\"pre-prod\" environment","key":"staging","name":"Staging ✓","protected":false}"#, at: "2024-09-16T22:05:00-04:00"),
        flipt("namespace", "deleted", FliptActor.github, #"{"key":"staging"}"#, at: "2024-09-16T22:10:00-04:00"),
        flipt("rollout", "created", FliptActor.oidc, #"{"description":"10% of traffic \"canary\"","flag_key":"dark-mode","id":"2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b","namespace_key":"default","rank":1,"threshold":{"percentage":10,"value":true}}"#, at: "2024-09-17T03:07:00Z"),
        flipt("rollout", "updated", FliptActor.oidc, #"{"description":"Beta users <opt-in> & staff","flag_key":"dark-mode","id":"3f4a5b6c-7d8e-4f9a-8b1c-2d3e4f5a6b7c","namespace_key":"default","rank":2,"segment":{"key":"beta-users","operator":"OR_SEGMENT_OPERATOR","value":true}}"#, at: "2024-09-17T03:08:00Z"),
        flipt("rollout", "updated", FliptActor.oidc, #"{"flag_key":"dark-mode","namespace_key":"default","rollout_ids":["3f4a5b6c-7d8e-4f9a-8b1c-2d3e4f5a6b7c","2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b"]}"#, at: "2024-09-17T03:09:00Z", note: "reorder"),
        flipt("rollout", "deleted", FliptActor.token, #"{"description":"10% of traffic \"canary\"","flag_key":"dark-mode","id":"2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b","namespace_key":"default","rank":1,"threshold":{"percentage":10,"value":true}}"#, at: "2024-09-17T03:10:00Z"),
        flipt("token", "created", FliptActor.oidc, #"{"io.flipt.auth.token.description":"Deploys from CI — \"main\" branch <prod> & hotfixes","io.flipt.auth.token.name":"ci-token","io.flipt.auth.token.namespace":"production"}"#, at: "2024-09-17T03:11:00Z"),
        flipt("token", "updated", FliptActor.oidc, #"{"io.flipt.auth.token.description":"Rotated ✓","io.flipt.auth.token.name":"ci-token","io.flipt.auth.token.namespace":"production"}"#, at: "2024-09-17T03:12:00Z"),
        flipt("token", "deleted", FliptActor.oidc, #"{"io.flipt.auth.token.description":"Deploys from CI — \"main\" branch <prod> & hotfixes","io.flipt.auth.token.name":"ci-token"}"#, at: "2024-09-17T03:13:00Z"),
        flipt("segment", "created", FliptActor.jwt, "null", at: "2024-09-17T03:14:00Z", status: "denied", note: "denied"),
        SampleBody(.flipt, "flag:updated (version 0.1, Flipt's docs)", #"{"version":"0.1","type":"flag","action":"updated","metadata":{"actor":{"authentication":"none","ip":"127.0.0.1"}},"payload":{"description":"","enabled":true,"key":"maintenance-mode","name":"Maintenance Mode","namespace_key":"default"},"timestamp":"2023-09-13T13:05:18-04:00"}"#),
    ]

    /// Flipt actors (`metadata.actor`), one per authentication method.
    private enum FliptActor {
        static let none = #"{"authentication":"none","ip":"172.17.0.1"}"#
        static let oidc = #"{"authentication":"oidc","email":"zoe.obrien@example.com","ip":"192.168.1.1","name":"Zoë \"Z\" O'Brien","picture":"https://avatars.example.com/u/42?s=64&v=4"}"#
        static let token = #"{"authentication":"token","ip":"10.0.0.5"}"#
        static let github = #"{"authentication":"github","email":"octocat@example.com","ip":"203.0.113.7","name":"The Octocat","picture":"https://avatars.githubusercontent.com/u/583231?v=4"}"#
        static let jwt = #"{"authentication":"jwt","email":"ci-bot@example.com","ip":"10.1.2.3","name":"CI <bot> & friends"}"#
        static let kubernetes = #"{"authentication":"kubernetes","ip":"10.244.0.12"}"#
    }

    /// A Flipt event of the current version (`0.2`), in `json.Marshal(audit.Event)`'s field order.
    private static func flipt(
        _ type: String, _ action: String, _ actor: String, _ payload: String, at timestamp: String,
        status: String = "success", note: String? = nil
    ) -> SampleBody {
        SampleBody(
            .flipt, "\(type):\(action)" + (note.map { " (\($0))" } ?? ""),
            #"{"version":"0.2","type":"\#(type)","action":"\#(action)","metadata":{"actor":\#(actor)},"payload":\#(payload),"timestamp":"\#(timestamp)","status":"\#(status)"}"#)
    }
}
