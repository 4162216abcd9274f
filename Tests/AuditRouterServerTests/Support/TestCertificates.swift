import Foundation
import NIOSSL

/// The test PKI in `Fixtures/tls` (made with openssl, valid until 2125): a CA, a server
/// certificate it signed for `localhost` and `127.0.0.1`, a client certificate it signed, a
/// self-signed certificate of the same client key (`client-reissued.pem`), a self-signed server
/// certificate for the same names with a key of its own (`server-renewed.pem`), and an unrelated CA.
enum TestCertificates {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/tls")

    /// The absolute path of a fixture (`ca.pem`, `server.pem`, `server-key.pem`, `client.pem`,
    /// `client-key.pem`, `other-ca.pem`).
    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// A receiver's TLS: the server certificate; with `requireClientCertificate`, only clients
    /// presenting a certificate the test CA signed get through the handshake.
    static func server(requireClientCertificate: Bool = false) throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(path("server.pem")).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: path("server-key.pem"), format: .pem)))
        if requireClientCertificate {
            configuration.certificateVerification = .noHostnameVerification
            configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(path("ca.pem")))
        }
        return configuration
    }
}
