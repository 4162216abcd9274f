import Foundation
import Testing

import AuditRouter

/// Every signature scheme against an independent computation: the Standard Webhooks spec's
/// published example, and Python's `hmac` for the hex schemes
/// (`hmac.new(secret, body, hashlib.sha256).hexdigest()`).
@Suite struct SigningTests {
    static let body = Array(#"{"type":"flag","action":"created"}"#.utf8)
    static let at = Date(timeIntervalSince1970: 1_614_265_330)

    static func headers(_ scheme: SigningScheme, _ secret: String, body: [UInt8] = body) -> [String] {
        signatureHeaders(
            settings: SigningSettings(scheme: scheme, secret: secret), body: body, deliveryID: "dlv_1",
            eventType: "flag:created", timestamp: at
        ).map { "\($0.0): \($0.1)" }
    }

    @Test func standardWebhooksMatchesTheSpecExample() {
        let headers = signatureHeaders(
            settings: SigningSettings(scheme: .standardWebhooks, secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
            body: Array(#"{"test": 2432232314}"#.utf8), deliveryID: "msg_p5jXN8AQM9LWM0D4loKWxJek",
            eventType: "flag:created", timestamp: Date(timeIntervalSince1970: 1_614_265_330.9))
        #expect(headers.map { "\($0.0): \($0.1)" } == [
            "webhook-id: msg_p5jXN8AQM9LWM0D4loKWxJek",
            "webhook-timestamp: 1614265330",
            "webhook-signature: v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
        ])
    }

    @Test func fliptIsBareLowercaseHex() {
        #expect(Self.headers(.flipt, "flipt-secret") == [
            "X-Flipt-Webhook-Signature: 4f11a2f95827a33d5f6588ba820bf094bfd5680c12da372efe95c1efbdae3724"
        ])
    }

    @Test func githubIsPrefixedHex() {
        #expect(Self.headers(.github, "gh-secret") == [
            "X-Hub-Signature-256: sha256=a74c7b1d3cc2793f5ce2acfee3c55fd200162745970b34c06be6edab845f6505"
        ])
    }

    @Test func flagshipKeysWithTheWholeSecretAndNamesEventAndDelivery() {
        #expect(Self.headers(.flagship, "whsec_abc123") == [
            "X-Flagship-Signature: sha256=5ecc916fceb3479198a69d6960ed044e7431bb147d8890ac4c7f32241ab40160",
            "X-Flagship-Event: flag:created",
            "X-Flagship-Delivery: dlv_1",
        ])
    }

    @Test func flagrIsPrefixedHex() {
        #expect(Self.headers(.flagr, "flagr-secret") == [
            "X-Flagr-Signature: sha256=5fa6cf36cc935241ae2a9ba334b019adc29222458ae058d610d4f0044b674104"
        ])
    }

    @Test func anEmptyBodyIsSignedToo() {
        #expect(Self.headers(.flipt, "key", body: []) == [
            "X-Flipt-Webhook-Signature: 5d5d139563c95b5967b9bd9a8c9b233a9dedb45072794cd232dc1b74832607d0"
        ])
    }

    @Test func validSettingsHaveNoProblem() {
        for scheme in SigningScheme.allCases where scheme != .standardWebhooks {
            #expect(SigningSettings(scheme: scheme, secret: "s3cret").validationProblem == nil)
        }
        #expect(SigningSettings(scheme: .standardWebhooks, secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").validationProblem == nil)
    }

    @Test(arguments: SigningScheme.allCases)
    func anEmptySecretIsAProblem(scheme: SigningScheme) {
        #expect(SigningSettings(scheme: scheme, secret: "").validationProblem == "signing secret is empty")
    }

    @Test(arguments: ["MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_", "whsec_not base64!", "whsec_abc", "whsk_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"])
    func aStandardWebhooksSecretMustBeWhsecBase64(secret: String) {
        #expect(
            SigningSettings(scheme: .standardWebhooks, secret: secret).validationProblem
                == #"a standard-webhooks secret must be "whsec_" followed by base64"#)
    }
}
