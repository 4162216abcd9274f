import Foundation
import GoTemplate
import Testing

/// A sink's `tls:` against the real binary: HTTPS receivers on 127.0.0.1 with the test PKI
/// (`Fixtures/tls`), one of them requiring a client certificate.
@Suite("Sink TLS end to end", .serialized)
struct SinkTLSTests {
    @Test("ca_file trusts a private CA, insecure_skip_verify trusts anything, cert_file/key_file pass mutual TLS; the rest fail the handshake with a reason")
    func verification() async throws {
        let receiver = try await TestReceiver.start(tls: try TestCertificates.server())
        defer { receiver.stop() }
        let strict = try await TestReceiver.start(tls: try TestCertificates.server(requireClientCertificate: true))
        defer { strict.stop() }
        let ca = TestCertificates.path("ca.pem")
        let router = try RouterProcess(config: AdminEndToEndTests.config("""
              - name: trusted
                url: \(receiver.url)/trusted
                tls: { ca_file: \(ca) }
              - name: system-roots
                url: \(receiver.url)/system-roots
                retry: { max_attempts: 1 }
              - name: wrong-ca
                url: \(receiver.url)/wrong-ca
                retry: { max_attempts: 1 }
                tls: { ca_file: \(TestCertificates.path("other-ca.pem")) }
              - name: insecure
                url: \(receiver.url)/insecure
                tls: { insecure_skip_verify: true }
              - name: mutual
                url: \(strict.url)/mutual
                tls: { ca_file: \(ca), cert_file: \(TestCertificates.path("client.pem")), key_file: \(TestCertificates.path("client-key.pem")) }
              - name: no-client-certificate
                url: \(strict.url)/no-client-certificate
                retry: { max_attempts: 1 }
                tls: { ca_file: \(ca) }
            """))
        try await router.start()
        defer { router.kill() }

        let (status, text) = try await HTTP.postJSON(router.baseURL + "/v1/events", #"{"type":"flag","action":"created","payload":{"key":"k"}}"#)
        #expect(status == 202, "\(text)")
        let delivered = await receiver.waitFor { requests in Set(requests.map(\.path)).isSuperset(of: ["/trusted", "/insecure"]) }
        #expect(Set(delivered.map(\.path)) == ["/trusted", "/insecure"])
        let mutual = await strict.waitFor { $0.contains { $0.path == "/mutual" } }
        #expect(mutual.map(\.path) == ["/mutual"])

        let letters = try await pollAdmin(router, "/v1/admin/dead-letters") { $0["total"].integer == 3 }
        #expect(letters["total"].integer == 3, "\(letters)")
        let errors = Dictionary(uniqueKeysWithValues: letters["items"].items.compactMap { item in
            item["sink"].text.map { ($0, item["last_error"].text ?? "") }
        })
        #expect(errors["system-roots"]?.contains("TLS: handshake failed: CERTIFICATE_VERIFY_FAILED") == true, "\(errors)")
        #expect(errors["wrong-ca"]?.contains("TLS: handshake failed: CERTIFICATE_VERIFY_FAILED") == true, "\(errors)")
        // Refused by the receiver (TLS 1.3: after the handshake), with BoringSSL's reason and no source paths.
        #expect(errors["no-client-certificate"]?.contains("TLS: ") == true, "\(errors)")
        #expect(errors.values.allSatisfy { !$0.contains(".cc:") && !$0.contains("/checkouts/") }, "\(errors)")

        // The admin API shows where the files are, never a key.
        let sinksText = try await HTTP.exchange("GET", router.baseURL + "/v1/admin/sinks", headers: [("Authorization", "Bearer \(AdminEndToEndTests.token)")]).text
        let sinks = try Value(json: Array(sinksText.utf8))
        let view = sinks["sinks"].items.first { $0["name"].text == "mutual" }?["settings"] ?? .missing
        #expect(view["tls"]["ca_file"].text == ca, "\(view)")
        #expect(view["tls"]["key_file"].text == TestCertificates.path("client-key.pem"))
        #expect(view["tls"]["insecure_skip_verify"] == .bool(false))
        let key = try String(contentsOfFile: TestCertificates.path("client-key.pem"), encoding: .utf8)
        let keyLine = try #require(key.split(separator: "\n").dropFirst().first)
        #expect(!sinksText.contains(keyLine))
        #expect(sinks["sinks"].items.first { $0["name"].text == "system-roots" }?["settings"]["tls"] == .null)
        #expect(router.output().contains("sink accepts any TLS certificate (insecure_skip_verify): for tests only"))
    }
}

/// Polls an admin `path` with the end-to-end token (bounded) until `predicate` holds.
private func pollAdmin(_ router: RouterProcess, _ path: String, _ predicate: (Value) -> Bool) async throws -> Value {
    let deadline = ContinuousClock.now + .seconds(20)
    while true {
        let answer = try await HTTP.exchange("GET", router.baseURL + path, headers: [("Authorization", "Bearer \(AdminEndToEndTests.token)")])
        let json = (try? Value(json: Array(answer.text.utf8))) ?? .missing
        if predicate(json) || ContinuousClock.now >= deadline { return json }
        try await Task.sleep(for: .milliseconds(50))
    }
}
