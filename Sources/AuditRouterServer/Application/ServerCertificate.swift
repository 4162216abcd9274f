import AuditRouter
import NIOSSL
import Synchronization

/// The router's own HTTPS certificate and key, which a reload can replace: each TLS handshake
/// asks for the current pair (NIOSSL's context callback), so a renewed certificate is served to
/// new connections without a restart, whatever else the reload changes. The rest of `server.tls`
/// (`client_ca_file`, whether TLS is on) is fixed at start.
final class ServerCertificate: Sendable {
    /// The settings the listener started with, their certificate and key renewed since.
    private let current: Mutex<ServerTLSSettings?>

    /// `settings`: the `server.tls` the listener starts with (nil for plain HTTP).
    init(_ settings: ServerTLSSettings?) {
        current = Mutex(settings)
    }

    /// Serves `settings`' certificate and key from the next handshake on, when the listener
    /// speaks TLS and they differ from those served now; returns whether they did.
    func renew(with settings: ServerTLSSettings) -> Bool {
        current.withLock { current in
            guard let served = current,
                served.certificateChain != settings.certificateChain || served.privateKey != settings.privateKey
            else { return false }
            current = settings
            return true
        }
    }

    /// The listener's TLS configuration (nil for plain HTTP), taking the certificate and key at
    /// each handshake from the current settings.
    func configuration() -> TLSConfiguration? {
        guard var configuration = current.withLock({ $0 })?.serverConfiguration else { return nil }
        configuration.sslContextCallback = { [self] _, promise in
            var override = NIOSSLContextConfigurationOverride()
            if let settings = self.current.withLock({ $0 }) {
                override.certificateChain = settings.certificateChain.map { .certificate($0) }
                override.privateKey = .privateKey(settings.privateKey)
            }
            promise.succeed(override)
        }
        return configuration
    }

    /// Whether two listeners' settings ask the same of clients' certificates (both without TLS
    /// count as the same); a change of `client_ca_file` waits for the next start.
    static func sameClientRoots(_ old: ServerTLSSettings?, _ new: ServerTLSSettings?) -> Bool {
        guard let old, let new else { return true }
        return old.clientCAFile == new.clientCAFile && old.clientRoots == new.clientRoots
    }
}
