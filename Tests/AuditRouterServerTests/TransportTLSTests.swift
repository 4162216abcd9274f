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

    @Test("equal settings share a client; a retired client closes at once when idle, after its last attempt otherwise")
    func retirement() async throws {
        let receiver = try await TestReceiver.start(tls: try TestCertificates.server()) { request, _ in
            ReceiverReply(delay: request.path == "/slow" ? .milliseconds(800) : .zero)
        }
        defer { receiver.stop() }
        let transport = HTTPTransport()
        let request = OutgoingRequest(method: "POST", url: receiver.url + "/in", headers: [], body: [])
        let first = try Self.settings(), second = try Self.settings()
        #expect(first.fingerprint == second.fingerprint)

        #expect(await transport.send(request, timeout: .seconds(10), tls: first).0.status == 200)
        #expect(await transport.send(request, timeout: .seconds(10), tls: second).0.status == 200)
        #expect(transport.tlsClientCounts == (1, 0))

        // A reload that keeps the setting keeps the client; one that drops it closes it at once
        // when no attempt is using it.
        transport.retireTLSClients(keeping: [first.fingerprint])
        #expect(transport.tlsClientCounts == (1, 0))
        transport.retireTLSClients(keeping: [])
        #expect(transport.tlsClientCounts == (0, 0))

        // A later send makes a new client; retired while an attempt is under way, it waits for it.
        #expect(await transport.send(request, timeout: .seconds(10), tls: first).0.status == 200)
        let slow = OutgoingRequest(method: "POST", url: receiver.url + "/slow", headers: [], body: [])
        let attempt = Task { await transport.send(slow, timeout: .seconds(10), tls: first).0 }
        let deadline = ContinuousClock.now + .seconds(10)
        while await receiver.requests().count < 4, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        transport.retireTLSClients(keeping: [])
        #expect(transport.tlsClientCounts == (0, 1))
        #expect(await attempt.value.status == 200, "the attempt under way was not cut short")
        #expect(transport.tlsClientCounts == (0, 0))
        try await transport.shutdown()
        #expect(await receiver.requests().count == 4)
    }
}
