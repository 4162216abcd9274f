import AuditRouter
import NIOSSL
import Testing

@testable import AuditRouterServer

/// The transport's HTTPS clients: one per distinct sink TLS setting, retired after a reload
/// leaves no sink with it.
@Suite("Transport TLS clients")
struct TransportTLSTests {
    static func settings() throws -> SinkTLSSettings {
        try SinkTLSSettings(caFile: TestCertificates.path("ca.pem"), trustRoots: try NIOSSLCertificate.fromPEMFile(TestCertificates.path("ca.pem")))
    }

    @Test("equal settings share a client; retired clients close after the grace and a later send makes a new one")
    func retirement() async throws {
        let receiver = try await TestReceiver.start(tls: try TestCertificates.server())
        defer { receiver.stop() }
        let transport = HTTPTransport()
        let request = OutgoingRequest(method: "POST", url: receiver.url + "/in", headers: [], body: [])
        let first = try Self.settings(), second = try Self.settings()
        #expect(first.fingerprint == second.fingerprint)

        #expect(await transport.send(request, timeout: .seconds(10), tls: first).0.status == 200)
        #expect(await transport.send(request, timeout: .seconds(10), tls: second).0.status == 200)
        #expect(transport.tlsClientCounts == (1, 0))

        // A reload that keeps the setting keeps the client.
        transport.retireTLSClients(keeping: [first.fingerprint], after: .milliseconds(50))
        #expect(transport.tlsClientCounts == (1, 0))
        // One that drops it retires it, and closes it after the grace.
        transport.retireTLSClients(keeping: [], after: .milliseconds(200))
        #expect(transport.tlsClientCounts == (0, 1))
        let deadline = ContinuousClock.now + .seconds(10)
        while transport.tlsClientCounts != (0, 0), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(transport.tlsClientCounts == (0, 0))

        #expect(await transport.send(request, timeout: .seconds(10), tls: first).0.status == 200)
        #expect(transport.tlsClientCounts == (1, 0))
        // Shutdown closes retiring clients too, before their grace has passed.
        transport.retireTLSClients(keeping: [], after: .seconds(3600))
        try await transport.shutdown()
        #expect(transport.tlsClientCounts == (0, 0))
        #expect(await receiver.requests().count == 3)
    }
}
