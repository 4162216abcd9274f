import Foundation
import NIOSSL
import Testing

@testable import AuditRouter

/// A sink's `tls:`: files resolved against the config folder, read and parsed at load, each
/// problem at its key.
@Suite struct ConfigurationTLSTests {
    /// The test PKI of the server tests (`Fixtures/tls`).
    static func pem(_ name: String) throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("AuditRouterServerTests/Fixtures/tls/\(name)")
        return try String(contentsOf: url, encoding: .utf8)
    }

    let fixture: ConfigurationFixture

    init() throws {
        fixture = try ConfigurationFixture(files: [
            "certs/ca.pem": try Self.pem("ca.pem") + Self.pem("other-ca.pem"),
            "certs/client.pem": try Self.pem("client.pem"),
            "certs/client-key.pem": try Self.pem("client-key.pem"),
            "certs/empty.pem": "",
            "certs/key-as-cert.pem": try Self.pem("client-key.pem"),
            "certs/server-key.pem": try Self.pem("server-key.pem"),
            "certs/root.pem": try Self.pem("ca.pem"),
            "certs/client-then-reissued.pem": try Self.pem("client.pem") + Self.pem("client-reissued.pem"),
            "certs/root-and-client.pem": try Self.pem("ca.pem") + Self.pem("client.pem"),
            "certs/reissued.pem": try Self.pem("client-reissued.pem"),
        ])
    }

    func expectProblems(_ yaml: String, _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let problems = try fixture.problems(yaml)
        #expect(problems == expected, sourceLocation: sourceLocation)
    }

    func sink(_ tls: String) -> String {
        "sinks:\n  - name: siem\n    url: https://siem.example:8088/in\n    tls: \(tls)\n"
    }

    @Test func filesAreReadRelativeToTheConfigFolder() throws {
        let config = try fixture.load(sink("{ ca_file: certs/ca.pem, cert_file: certs/client.pem, key_file: certs/client-key.pem }"))
        let tls = try #require(config.sinks.first?.tls)
        let folder = fixture.directory.standardizedFileURL.path
        #expect(tls.caFile == folder + "/certs/ca.pem")
        #expect(tls.trustRoots.count == 2)
        #expect(tls.certificateFile == folder + "/certs/client.pem" && tls.certificateChain.count == 1)
        #expect(tls.keyFile == folder + "/certs/client-key.pem" && tls.clientConfiguration.privateKey != nil)
        #expect(!tls.insecureSkipVerify)
        let client = tls.clientConfiguration
        #expect(client.trustRoots == .certificates(tls.trustRoots))
        #expect(client.certificateChain.count == 1)
        #expect(client.certificateVerification == .fullVerification)
        #expect(client.minimumTLSVersion == .tlsv12)
    }

    @Test func aKeyThatIsNotTheCertificatesFailsTheLoad() throws {
        try expectProblems(sink("{ cert_file: certs/client.pem, key_file: certs/server-key.pem }"), [
            "config.yaml:4:41: sinks[0].tls.key_file: the key does not belong to the certificate of cert_file",
        ])
        try expectProblems("server:\n  tls: { cert_file: certs/client.pem, key_file: certs/server-key.pem }\nsinks: []\n", [
            "config.yaml:2:39: server.tls.key_file: the key does not belong to the certificate of cert_file",
        ])
    }

    @Test func pemTextWhereAPathGoesIsRefusedWithoutRepeatingIt() throws {
        let key = try Self.pem("client-key.pem")
        let problems = try fixture.problems(
            "sinks:\n  - name: siem\n    url: https://x\n    tls: { cert_file: certs/client.pem, key_file: \"${KEY}\" }\n",
            environment: ["KEY": key])
        #expect(problems == [
            "config.yaml:4:41: sinks[0].tls.key_file: takes the path of a PEM file, not the PEM text itself (the value is not shown)",
        ])
        let secretLine = try #require(key.split(separator: "\n").dropFirst().first)
        #expect(!problems.joined().contains(secretLine))
    }

    @Test func equalFilesMakeEqualFingerprints() throws {
        let yaml = sink("{ ca_file: certs/ca.pem, cert_file: certs/client.pem, key_file: certs/client-key.pem }")
        let first = try #require(try fixture.load(yaml).sinks.first?.tls)
        let second = try #require(try fixture.load(yaml).sinks.first?.tls)
        #expect(first.fingerprint == second.fingerprint && first == second)
        let insecure = try #require(try fixture.load(sink("{ insecure_skip_verify: true }")).sinks.first?.tls)
        let system = try #require(try fixture.load(sink("{ insecure_skip_verify: false }")).sinks.first?.tls)
        #expect(insecure.fingerprint != system.fingerprint)
        // The same certificates split differently between roots and chain (two certificates of
        // one key) are different settings.
        let x = try #require(try fixture.load(sink(
            "{ ca_file: certs/root.pem, cert_file: certs/client-then-reissued.pem, key_file: certs/client-key.pem }")).sinks.first?.tls)
        let y = try #require(try fixture.load(sink(
            "{ ca_file: certs/root-and-client.pem, cert_file: certs/reissued.pem, key_file: certs/client-key.pem }")).sinks.first?.tls)
        #expect(x.fingerprint != y.fingerprint && x != y)
    }

    @Test func aKeyFileValueWithoutADotIsNotRepeated() throws {
        let material = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg"
        let problems = try fixture.problems(
            "sinks:\n  - name: siem\n    url: https://x\n    tls: { cert_file: certs/client.pem, key_file: \"${KEY}\" }\n",
            environment: ["KEY": material])
        #expect(problems == [
            "config.yaml:4:41: sinks[0].tls.key_file: no such file (the value is not shown: with no dot in it, it may be key material rather than a file name)",
        ])
    }

    @Test func insecureSkipVerifyTurnsVerificationOff() throws {
        let tls = try #require(try fixture.load(sink("{ insecure_skip_verify: true }")).sinks.first?.tls)
        #expect(tls.clientConfiguration.certificateVerification == .none)
        #expect(try fixture.load("sinks:\n  - name: plain\n    url: https://x\n").sinks.first?.tls == nil)
    }

    @Test func eachBadFileIsReportedAtItsKey() throws {
        try expectProblems(sink("{ ca_file: certs/nope.pem }"), [
            "config.yaml:4:12: sinks[0].tls.ca_file: no such file: certs/nope.pem (FOLDER/certs/nope.pem)",
        ])
        try expectProblems(sink("{ ca_file: certs/empty.pem }"), [
            "config.yaml:4:12: sinks[0].tls.ca_file: no certificate could be read from FOLDER/certs/empty.pem (expected PEM: -----BEGIN CERTIFICATE-----)",
        ])
        try expectProblems(sink("{ cert_file: certs/key-as-cert.pem, key_file: certs/client.pem }"), [
            "config.yaml:4:12: sinks[0].tls.cert_file: no certificate could be read from FOLDER/certs/key-as-cert.pem (expected PEM: -----BEGIN CERTIFICATE-----)",
            "config.yaml:4:46: sinks[0].tls.key_file: no private key could be read from FOLDER/certs/client.pem (expected an unencrypted PEM key)",
        ])
    }

    @Test func aClientCertificateAndItsKeyComeTogether() throws {
        try expectProblems(sink("{ cert_file: certs/client.pem }"), [
            "config.yaml:4:5: sinks[0].tls.key_file: required with cert_file",
        ])
        try expectProblems(sink("{ key_file: certs/client-key.pem }"), [
            "config.yaml:4:12: sinks[0].tls.key_file: a key_file needs its cert_file",
        ])
    }

    @Test func contradictionsAndMisplacedSettingsAreProblems() throws {
        try expectProblems(sink("{ ca_file: certs/ca.pem, insecure_skip_verify: yes }"), [
            "config.yaml:4:12: sinks[0].tls.ca_file: insecure_skip_verify accepts any certificate, so ca_file would be ignored: keep one of them",
        ])
        try expectProblems(sink("{ verify: false }"), [
            "config.yaml:4:12: sinks[0].tls.verify: unknown key (expected one of: ca_file, cert_file, key_file, insecure_skip_verify)",
        ])
        try expectProblems("sinks:\n  - name: out\n    type: stdout\n    tls: { insecure_skip_verify: true }\n", [
            "config.yaml:4:5: sinks[0].tls: only http sinks have tls (this sink is stdout)",
        ])
    }

    @Test func serverTLSReadsItsFilesAndNeedsBoth() throws {
        let config = try fixture.load("""
            server:
              tls: { cert_file: certs/client.pem, key_file: certs/client-key.pem, client_ca_file: certs/ca.pem }
            sinks: []
            """)
        let tls = try #require(config.server.tls)
        #expect(tls.certificateChain.count == 1 && tls.clientRoots.count == 2)
        #expect(tls.clientCAFile == fixture.directory.standardizedFileURL.path + "/certs/ca.pem")
        #expect(tls.serverConfiguration.certificateVerification == .noHostnameVerification)
        #expect(try fixture.load("server:\n  tls: { cert_file: certs/client.pem, key_file: certs/client-key.pem }\nsinks: []\n")
            .server.tls?.serverConfiguration.certificateVerification == TLSConfiguration.makeServerConfiguration(
                certificateChain: [], privateKey: .privateKey(tls.privateKey)).certificateVerification)
        try expectProblems("server:\n  tls: { cert_file: certs/client.pem }\nsinks: []\n", [
            "config.yaml:2:3: server.tls.key_file: required",
        ])
        try expectProblems("server:\n  tls: { cert_file: certs/empty.pem, key_file: certs/client-key.pem, client_ca_file: certs/nope.pem }\nsinks: []\n", [
            "config.yaml:2:10: server.tls.cert_file: no certificate could be read from FOLDER/certs/empty.pem (expected PEM: -----BEGIN CERTIFICATE-----)",
            "config.yaml:2:70: server.tls.client_ca_file: no such file: certs/nope.pem (FOLDER/certs/nope.pem)",
        ])
    }
}
