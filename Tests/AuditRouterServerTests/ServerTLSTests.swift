import Foundation
import GoTemplate
import NIOSSL
import Testing

/// `server.tls` against the real binary: ingest, probes and the admin API over HTTPS, and with
/// `client_ca_file` only for clients with a certificate the CA signed.
@Suite("Server TLS end to end", .serialized)
struct ServerTLSTests {
    static func config(clientCA: Bool, certificate: String = "server") -> String {
        """
        server:
          listen: 127.0.0.1:{{PORT}}
          admin_token: \(AdminEndToEndTests.token)
          tls:
            cert_file: \(TestCertificates.path("\(certificate).pem"))
            key_file: \(TestCertificates.path("\(certificate)-key.pem"))
        \(clientCA ? "    client_ca_file: \(TestCertificates.path("ca.pem"))" : "")
        spool:
          path: {{DIR}}/spool.sqlite
        sinks:
          - name: out
            type: file
            path: {{DIR}}/events.jsonl
        """
    }

    /// A client trusting the test CA (or `roots`), with the test client certificate when `certificate`.
    static func client(certificate: Bool = false, roots: String = "ca.pem") throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(TestCertificates.path(roots)))
        if certificate {
            configuration.certificateChain = try NIOSSLCertificate.fromPEMFile(TestCertificates.path("client.pem")).map { .certificate($0) }
            configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: TestCertificates.path("client-key.pem"), format: .pem))
        }
        return configuration
    }

    @Test("with server.tls, ingest, probes and the admin API answer over HTTPS, and plain HTTP gets nothing")
    func https() async throws {
        let router = try RouterProcess(config: Self.config(clientCA: false))
        router.clientTLS = try Self.client()
        try await router.start()
        defer { router.kill() }

        let body = Array(#"{"type":"flag","action":"created","payload":{"key":"over-tls"}}"#.utf8)
        let (status, text) = try await HTTP.request(
            "POST", router.baseURL + "/v1/events", headers: [("Content-Type", "application/json")], body: body, tls: router.clientTLS)
        #expect(status == 202, "\(text)")
        let sinks = try await HTTP.exchange(
            "GET", router.baseURL + "/v1/admin/sinks", headers: [("Authorization", "Bearer \(AdminEndToEndTests.token)")], tls: router.clientTLS)
        #expect(sinks.status == 200)
        #expect(try await HTTP.request("GET", router.baseURL + "/readyz", tls: router.clientTLS).0 == 200)

        // Plain HTTP gets no answer: the connection is closed at once (not at a timeout).
        let started = ContinuousClock.now
        let plain = await RawHTTP.exchange(port: router.port, RawHTTP.request("GET", "/healthz"), timeout: 10)
        #expect(plain.status == nil, "\(plain)")
        #expect(ContinuousClock.now - started < .seconds(5))
        // A client that does not trust the router's CA refuses it (and retries until its timeout).
        await #expect(throws: (any Error).self) { try await HTTP.request("GET", router.baseURL + "/healthz", timeout: .seconds(2)) }
        let events = router.directory.appendingPathComponent("events.jsonl")
        let deadline = ContinuousClock.now + .seconds(15)
        while ContinuousClock.now < deadline, (try? String(contentsOf: events, encoding: .utf8))?.contains("over-tls") != true {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(try String(contentsOf: events, encoding: .utf8).contains("over-tls"))
    }

    @Test("with client_ca_file, a client without a certificate the CA signed is refused in the handshake")
    func mutualTLS() async throws {
        let router = try RouterProcess(config: Self.config(clientCA: true))
        router.clientTLS = try Self.client(certificate: true)
        try await router.start()
        defer { router.kill() }
        #expect(try await HTTP.request("GET", router.baseURL + "/healthz", tls: router.clientTLS).0 == 200)
        let withoutCertificate = try Self.client()
        await #expect(throws: (any Error).self) { try await HTTP.request("GET", router.baseURL + "/healthz", tls: withoutCertificate) }
        // Reloading a changed tls section keeps the running listener and says so.
        try router.rewriteConfig(Self.config(clientCA: false))
        router.send(SIGHUP)
        let deadline = ContinuousClock.now + .seconds(15)
        while ContinuousClock.now < deadline, !router.output().contains("server.tls") {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(router.output().contains("changed settings take effect at the next start only"), "\(router.output().suffix(2000))")
        await #expect(throws: (any Error).self) { try await HTTP.request("GET", router.baseURL + "/healthz", tls: withoutCertificate) }
    }

    @Test("a reload with a renewed certificate serves it to new connections without a restart")
    func renewal() async throws {
        let router = try RouterProcess(config: Self.config(clientCA: false))
        router.clientTLS = try Self.client()
        try await router.start()
        defer { router.kill() }
        let renewedRoots = try Self.client(roots: "server-renewed.pem")
        #expect(try await HTTP.request("GET", router.baseURL + "/healthz", tls: router.clientTLS).0 == 200)

        try router.rewriteConfig(Self.config(clientCA: false, certificate: "server-renewed"))
        router.send(SIGHUP)
        let deadline = ContinuousClock.now + .seconds(15)
        while ContinuousClock.now < deadline, !router.output().contains("server certificate renewed") {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(router.output().contains("server certificate renewed: new connections get it"), "\(router.output().suffix(2000))")
        #expect(!router.output().contains("take effect at the next start"))
        #expect(try await HTTP.request("GET", router.baseURL + "/healthz", tls: renewedRoots).0 == 200)
        // On a new connection (a TLS configuration of its own, so not the pooled one from before
        // the reload), a client that trusts only the old certificate's CA now refuses the router.
        var oldRootsOnly = try Self.client()
        oldRootsOnly.minimumTLSVersion = .tlsv12
        await #expect(throws: (any Error).self) {
            try await HTTP.request("GET", router.baseURL + "/healthz", tls: oldRootsOnly, timeout: .seconds(2))
        }
    }
}
