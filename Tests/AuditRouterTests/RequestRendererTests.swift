import Foundation
import GoTemplate
import Testing

@testable import AuditRouter

/// The render stage: a sink's templates and an event become the request to send.
@Suite struct RequestRendererTests {
    static let event = Event(
        id: "evt_01TEST", source: .flipt, type: "flag", action: "created",
        actor: Actor(authentication: "token", email: "ann@example.com"),
        payload: ["key": "new-checkout", "namespace_key": "default", "enabled": true],
        timestamp: "2024-05-01T10:00:00Z", namespace: "default")
    static let at = Date(timeIntervalSince1970: 1_714_557_600.75)

    static func render(_ sink: SinkConfiguration, meta: ValueMap = ValueMap(), event: Event = event) throws(RenderError) -> OutgoingRequest {
        try RequestRenderer(meta: meta).render(sink: sink, event: event, deliveryID: "dlv_01TEST", now: at)
    }

    static func header(_ request: OutgoingRequest, _ name: String) -> String? {
        request.headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    /// The error a render throws, or nil when it succeeds.
    static func renderError(_ sink: SinkConfiguration) -> RenderError? {
        do {
            _ = try render(sink)
            return nil
        } catch {
            return error
        }
    }

    // MARK: templates

    @Test func theURLIsRenderedWithTheEvent() throws {
        let sink = try SinkConfiguration(name: "s", url: "https://hooks.test/{{.Type}}/{{.Payload.key}}?ns={{.Namespace}}")
        #expect(try Self.render(sink).url == "https://hooks.test/flag/new-checkout?ns=default")
    }

    @Test("a rendered URL that is not absolute http(s) fails the render, without repeating the URL (it may hold a secret)")
    func aRenderedURLMustBeSendable() throws {
        let cases: [(String, String)] = [
            ("{{.Type}}.hooks.test/T0SECRET", "s: rendered url has no scheme (it must start with http:// or https://)"),
            ("ftp://{{.Type}}.test/T0SECRET", #"s: rendered url has scheme "ftp" (only http and https are sent to)"#),
            ("https://{{if false}}x{{end}}/T0SECRET", "s: rendered url has no host"),
        ]
        for (url, message) in cases {
            #expect(Self.renderError(try SinkConfiguration(name: "s", url: url))?.message == message, "\(url)")
        }
        // A disabled sink never sends: its (often empty) URL is not held against it.
        #expect(Self.renderError(try SinkConfiguration(name: "s", enabled: false, url: "{{.Type}}")) == nil)
    }

    @Test func theURLAndHeaderValuesAreTrimmed() throws {
        let sink = try SinkConfiguration(name: "s", url: "  https://hooks.test/a\n", headers: [("X-Actor", "\n {{.Metadata.Actor.Email}} \n")])
        let request = try Self.render(sink)
        #expect(request.url == "https://hooks.test/a")
        #expect(Self.header(request, "X-Actor") == "ann@example.com")
    }

    @Test func headerValuesAreRenderedInFileOrder() throws {
        let sink = try SinkConfiguration(
            name: "s", url: "https://hooks.test",
            headers: [("X-Kind", "{{.Type}}:{{.Action}}"), ("Authorization", "Bearer {{.Meta.token}}")])
        let request = try Self.render(sink, meta: ValueMap([("token", "t0k")]))
        #expect(request.headers.prefix(3).map { "\($0.0): \($0.1)" } == [
            "X-Kind: flag:created", "Authorization: Bearer t0k", "Content-Type: application/json",
        ])
    }

    @Test func theBodyIsRenderedWithTheEventAndMeta() throws {
        let sink = try SinkConfiguration(
            name: "s", url: "https://hooks.test",
            body: #"{"text": {{printf "%s %s by %s" .Type .Action .Metadata.Actor.Email | toJson}}, "cluster": {{toJson .Meta.cluster}}}"#)
        let request = try Self.render(sink, meta: ValueMap([("cluster", "eu-1")]))
        #expect(String(decoding: request.body, as: UTF8.self) == #"{"text": "flag created by ann@example.com", "cluster": "eu-1"}"#)
    }

    @Test func withoutABodyTemplateTheBodyIsFliptJSON() throws {
        let sink = try SinkConfiguration(name: "s", url: "https://hooks.test")
        let request = try Self.render(sink)
        #expect(request.body == Self.event.fliptJSON)
        #expect(String(decoding: request.body, as: UTF8.self).hasPrefix(#"{"version":"0.2","type":"flag","action":"created","#))
    }

    @Test func theMethodIsTheSinksUpperCased() throws {
        let sink = try SinkConfiguration(name: "s", url: "https://hooks.test", method: "put")
        #expect(try Self.render(sink).method == "PUT")
    }

    // MARK: router headers

    @Test func theDeliveryHeaderCarriesTheDeliveryID() throws {
        let request = try Self.render(try SinkConfiguration(name: "s", url: "https://hooks.test"))
        #expect(Self.header(request, RequestRenderer.deliveryHeader) == "dlv_01TEST")
        #expect(RequestRenderer.deliveryHeader == "X-Audit-Router-Delivery")
    }

    @Test func theEventHeaderCarriesTypeColonAction() throws {
        let event = Event(id: "evt_2", source: .flagr, type: "segment", action: "deleted", timestamp: "2024-05-01T10:00:00Z")
        let request = try Self.render(try SinkConfiguration(name: "s", url: "https://hooks.test"), event: event)
        #expect(Self.header(request, "X-Audit-Router-Event") == "segment:deleted")
    }

    @Test func unsignedRequestsEndWithTheTwoRouterHeaders() throws {
        let request = try Self.render(try SinkConfiguration(name: "s", url: "https://hooks.test", headers: [("X-A", "1")]))
        #expect(request.headers.map(\.0) == ["X-A", "Content-Type", "X-Audit-Router-Delivery", "X-Audit-Router-Event"])
    }

    // MARK: JSON bodies

    @Test func anInvalidJSONBodyIsARenderErrorThatHidesTheBody() throws {
        let sink = try SinkConfiguration(name: "hook", url: "https://hooks.test", body: "secret-token-42 {{.Payload.key}}")
        let error = try #require(Self.renderError(sink))
        #expect(error.message.contains("not valid JSON"))
        #expect(error.message.hasPrefix("hook: "))
        #expect(!error.message.contains("secret-token-42"))
        #expect(!error.message.contains("new-checkout"))
    }

    @Test func aPlusJSONContentTypeIsCheckedToo() throws {
        let sink = try SinkConfiguration(
            name: "s", url: "https://hooks.test", headers: [("content-type", "application/vnd.api+json; charset=utf-8")],
            body: "{not json")
        #expect(Self.renderError(sink)?.message.contains("not valid JSON") == true)
    }

    @Test func trailingTextAfterAJSONValueIsNotValidJSON() throws {
        let sink = try SinkConfiguration(name: "s", url: "https://hooks.test", body: #"{"a": 1} {"b": {{toJson .Type}}}"#)
        #expect(Self.renderError(sink)?.message.contains("not valid JSON") == true)
    }

    @Test func aTextBodyNeedNotBeJSON() throws {
        let sink = try SinkConfiguration(
            name: "s", url: "https://hooks.test", headers: [("Content-Type", "text/plain")], body: "{{.Type}} {{.Action}}: {{.Payload.key}}\n")
        let request = try Self.render(sink)
        #expect(String(decoding: request.body, as: UTF8.self) == "flag created: new-checkout\n")
        #expect(Self.header(request, "Content-Type") == "text/plain")
    }

    @Test func ndjsonIsNotCheckedAsOneJSONDocument() throws {
        let sink = try SinkConfiguration(
            name: "s", url: "https://hooks.test", headers: [("Content-Type", "application/x-ndjson")], body: "{\"a\":1}\n{\"b\":2}\n")
        #expect(try Self.render(sink).body == Array("{\"a\":1}\n{\"b\":2}\n".utf8))
    }

    // MARK: template errors

    @Test func aBodyExecutionErrorIsARenderErrorWithGosMessage() throws {
        let sink = try SinkConfiguration(name: "hook", url: "https://hooks.test", body: #"{"x": {{.Nope}}}"#)
        let error = try #require(Self.renderError(sink))
        #expect(error.message == #"template: hook.body:1:8: executing "hook.body" at <.Nope>: can't evaluate field Nope in type audit.Event"#)
    }

    @Test func aURLExecutionErrorIsARenderError() throws {
        let sink = try SinkConfiguration(name: "hook", url: "https://hooks.test/{{index .Payload.key 99}}")
        let error = try #require(Self.renderError(sink))
        #expect(error.message.hasPrefix(#"template: hook.url:1:21: executing "hook.url" at <index .Payload.key 99>: error calling index: "#))
    }

    @Test func aHeaderExecutionErrorIsARenderError() throws {
        let sink = try SinkConfiguration(name: "hook", url: "https://hooks.test", headers: [("X-Bad", "{{.Metadata.Nope}}")])
        let error = try #require(Self.renderError(sink))
        #expect(error.message.contains(#"executing "hook.headers.X-Bad" at <.Metadata.Nope>: can't evaluate field Nope"#))
    }

    // MARK: signing

    /// Every scheme's headers follow the router's, with the values in each scheme's format.
    @Test(arguments: SigningScheme.allCases)
    func signingHeadersAreAppendedForEachScheme(scheme: SigningScheme) throws {
        let secret = scheme == .standardWebhooks ? "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" : "shh"
        let sink = try SinkConfiguration(name: "s", url: "https://hooks.test", signing: SigningSettings(scheme: scheme, secret: secret))
        let request = try Self.render(sink)
        let names = request.headers.map(\.0)
        let routerEnd = try #require(names.firstIndex(of: "X-Audit-Router-Event"))
        let signing = Array(request.headers[(routerEnd + 1)...])
        let hex = /[0-9a-f]{64}/
        switch scheme {
        case .flipt:
            #expect(signing.map(\.0) == ["X-Flipt-Webhook-Signature"])
            #expect(try hex.wholeMatch(in: signing[0].1) != nil)
        case .github, .flagr:
            #expect(signing.map(\.0) == [scheme == .github ? "X-Hub-Signature-256" : "X-Flagr-Signature"])
            #expect(try /sha256=[0-9a-f]{64}/.wholeMatch(in: signing[0].1) != nil)
        case .flagship:
            #expect(signing.map(\.0) == ["X-Flagship-Signature", "X-Flagship-Event", "X-Flagship-Delivery"])
            #expect(try /sha256=[0-9a-f]{64}/.wholeMatch(in: signing[0].1) != nil)
        case .standardWebhooks:
            #expect(signing.map { "\($0.0)" } == ["webhook-id", "webhook-timestamp", "webhook-signature"])
            #expect(signing[0].1 == "dlv_01TEST")
            #expect(signing[1].1 == "1714557600")
            let signature = try #require(signing[2].1.split(separator: ",", maxSplits: 1).last)
            #expect(signing[2].1.hasPrefix("v1,"))
            #expect(Data(base64Encoded: String(signature))?.count == 32)
        }
    }

    /// The signature is computed over the exact bytes sent.
    @Test(arguments: SigningScheme.allCases)
    func theSignatureCoversTheRenderedBody(scheme: SigningScheme) throws {
        let settings = SigningSettings(scheme: scheme, secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        let sink = try SinkConfiguration(name: "s", url: "https://hooks.test", body: #"{"k": {{toJson .Payload.key}}}"#, signing: settings)
        let request = try Self.render(sink)
        let expected = signatureHeaders(settings: settings, body: request.body, deliveryID: "dlv_01TEST", eventType: "flag.created", timestamp: Self.at)
        #expect(request.headers.suffix(expected.count).map { "\($0.0): \($0.1)" } == expected.map { "\($0.0): \($0.1)" })
    }

    @Test func flagshipEventIsTypeDotAction() throws {
        let sink = try SinkConfiguration(name: "s", url: "https://hooks.test", signing: SigningSettings(scheme: .flagship, secret: "shh"))
        let event = Event(id: "evt_3", source: .goflagship, type: "flag", action: "updated", timestamp: "2024-05-01T10:00:00Z")
        let request = try Self.render(sink, event: event)
        #expect(Self.header(request, "X-Flagship-Event") == "flag.updated")
        #expect(Self.header(request, "X-Flagship-Delivery") == "dlv_01TEST")
    }

    @Test("rendered URLs and headers lose surrounding white space as Foundation trims it")
    func whiteSpaceTrimming() {
        for text in ["", " ", "\n\t x y \r\n", "x", "  https://h/p  ", "\u{00A0}\u{2003}v\u{3000}", "é ", "\u{85}a\u{2028}"] {
            #expect(text.trimmingWhiteSpace() == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(text.debugDescription)")
        }
    }
}
