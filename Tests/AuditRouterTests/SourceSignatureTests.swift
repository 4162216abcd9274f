// Incoming webhook signatures. Every expected digest was computed independently with Python:
//
//     python3 -c 'import hmac,hashlib; print(hmac.new(KEY.encode(), BODY.encode(), hashlib.sha256).hexdigest())'

import Testing
@testable import AuditRouter

@Suite struct SourceSignatureTests {
    private static let fliptBody = #"{"version":"0.2","type":"flag","action":"created","metadata":{"actor":{"authentication":"none","ip":"172.17.0.1"}},"payload":{"description":"flipt flag","enabled":true,"key":"flipt","name":"flipt","namespace_key":"default"},"timestamp":"1970-01-01T00:00:00Z","status":"success"}"#
    private static let flagrBody = #"{"operation":"update","flag_id":12,"flag_key":"checkout-v2","user":"alice@example.com"}"#
    private static let goflagshipBody = #"{"event":"flag.updated","environment":"prod","resource":{"type":"flag","key":"feature_x"}}"#
    private static let goflagshipSecret = "whsec_dGVzdC1zZWNyZXQtMzItYnl0ZXMtbG9uZy1hYmNkZWY"
    private static let goffBody = #"{"meta":{"hostname":"server01"},"flags":{"deleted":{},"added":{},"updated":{}}}"#

    /// One signed request per source, with the header value each system sends.
    private static let signed: [(EventSource, String, String, String, String)] = [
        (.flipt, "flipt-signing-secret", fliptBody, "X-Flipt-Webhook-Signature",
         "7b491069474fa5c7f7145d7d32d8f58af53999edbff0ed2a44a976ca9087d148"),
        (.flagr, "flagr secret ✓", flagrBody, "X-Flagr-Signature",
         "sha256=714ec7af907dc6206f0c9ff97930333689eb59e2798310412907b8330528e47a"),
        (.goflagship, goflagshipSecret, goflagshipBody, "X-Flagship-Signature",
         "sha256=9acf87c5e259b907a6b837f2a81525ebc463bdf27ff8c896d476953668369e65"),
        (.gofeatureflag, "Secret", goffBody, "X-Hub-Signature-256",
         "sha256=055292f9304522ec723f4e40f9e82f8f1b3519d5dad1808a2d4bcbf8d690a5f1"),
    ]

    private func check(_ source: EventSource, _ secret: String, _ body: String, _ headers: [String: String]) -> SignatureCheck {
        SourceSignature.verify(source: source, secret: secret, headers: { headers[$0] }, body: Array(body.utf8))
    }

    @Test(arguments: signed)
    func eachSourcesOwnSignatureIsValid(source: EventSource, secret: String, body: String, header: String, value: String) {
        #expect(SourceSignature.header(for: source) == header)
        #expect(check(source, secret, body, [header: value]) == .valid)
        #expect(check(source, secret, body, [header.lowercased(): value]) == .valid)
        #expect(check(source, secret, body, [header: " " + value.uppercased() + "\t"]) == .valid)
    }

    @Test(arguments: signed)
    func aChangedBodyOrSecretIsAMismatch(source: EventSource, secret: String, body: String, header: String, value: String) {
        #expect(check(source, secret, body + " ", [header: value]) == .mismatch(header: header))
        #expect(check(source, secret + "x", body, [header: value]) == .mismatch(header: header))
    }

    @Test(arguments: signed)
    func aMissingOrEmptyHeaderIsMissing(source: EventSource, secret: String, body: String, header: String, value: String) {
        #expect(check(source, secret, body, [:]) == .missing(header: header))
        #expect(check(source, secret, body, [header: "  "]) == .missing(header: header))
        #expect(check(source, secret, body, ["X-Signature": value]) == .missing(header: header))
    }

    @Test func thePrefixIsOptionalForEverySource() {
        let digest = "714ec7af907dc6206f0c9ff97930333689eb59e2798310412907b8330528e47a"
        #expect(check(.flagr, "flagr secret ✓", Self.flagrBody, ["X-Flagr-Signature": digest]) == .valid)
        #expect(check(.flagr, "flagr secret ✓", Self.flagrBody, ["X-Flagr-Signature": "SHA256=" + digest]) == .valid)
        let flipt = "sha256=7b491069474fa5c7f7145d7d32d8f58af53999edbff0ed2a44a976ca9087d148"
        #expect(check(.flipt, "flipt-signing-secret", Self.fliptBody, ["X-Flipt-Webhook-Signature": flipt]) == .valid)
    }

    @Test func goflagshipKeysWithTheWholeSecretPrefixIncluded() {
        // The digest under the secret without its `whsec_` prefix, which goflagship does not use.
        let withoutPrefix = "sha256=6992775243e9d242970dc894d796bc61e97272cce741e125a7a6388f414b46a1"
        #expect(check(.goflagship, Self.goflagshipSecret, Self.goflagshipBody, ["X-Flagship-Signature": withoutPrefix]) == .mismatch(header: "X-Flagship-Signature"))
    }

    @Test func rfc4231TestCase2() {
        // RFC 4231 §4.3: key "Jefe", data "what do ya want for nothing?".
        let value = "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        #expect(check(.gofeatureflag, "Jefe", "what do ya want for nothing?", ["X-Hub-Signature-256": value]) == .valid)
    }

    @Test(arguments: ["sha256=", "sha256=zz", "sha256=7b4", "7b491069474fa5c7f7145d7d32d8f58af53999edbff0ed2a44a976ca9087d14", "md5=abc", "7b491069474fa5c7f7145d7d32d8f58af53999edbff0ed2a44a976ca9087d148, 00"])
    func aValueThatIsNotTheDigestIsAMismatch(value: String) {
        #expect(check(.flipt, "flipt-signing-secret", Self.fliptBody, ["X-Flipt-Webhook-Signature": value]) == .mismatch(header: "X-Flipt-Webhook-Signature"))
    }

    @Test func constantTimeComparisonComparesEveryByte() {
        let digest: [UInt8] = Array(0..<32)
        #expect(SourceSignature.constantTimeEqual(digest, digest))
        for index in digest.indices {
            var changed = digest
            changed[index] ^= 0x80
            #expect(!SourceSignature.constantTimeEqual(digest, changed), "a difference at byte \(index) went unnoticed")
        }
        #expect(!SourceSignature.constantTimeEqual(digest, Array(digest.dropLast())))
        #expect(SourceSignature.constantTimeEqual([], []))
    }

    @Test func hexDecodingAcceptsEitherCaseAndRejectsTheRest() {
        #expect(SourceSignature.bytes(fromHex: "00ff7Fa0") == [0x00, 0xFF, 0x7F, 0xA0])
        #expect(SourceSignature.bytes(fromHex: "") == [])
        #expect(SourceSignature.bytes(fromHex: "abc") == nil)
        #expect(SourceSignature.bytes(fromHex: "0g") == nil)
    }
}
