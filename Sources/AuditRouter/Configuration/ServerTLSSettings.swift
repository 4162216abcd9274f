import NIOSSL

/// HTTPS for ingest, the admin API and the probes (`server.tls`): the router's certificate
/// chain and key, and optionally the roots client certificates must chain to (mutual TLS: a
/// client without one is refused in the handshake). Read when the configuration is loaded, and
/// checked then (a key that does not belong to the certificate fails the load).
public struct ServerTLSSettings: Sendable, Equatable {
    /// The PEM file of the certificate chain (`cert_file`), leaf first.
    public var certificateFile: String
    /// The certificates of `certificateFile`.
    public var certificateChain: [NIOSSLCertificate]
    /// The PEM file of the certificate's private key (`key_file`), unencrypted.
    public var keyFile: String
    /// The key of `keyFile`.
    public var privateKey: NIOSSLPrivateKey
    /// The PEM file of the roots client certificates must chain to (`client_ca_file`); nil asks
    /// no client certificate.
    public var clientCAFile: String?
    /// The certificates of `clientCAFile`.
    public var clientRoots: [NIOSSLCertificate]

    /// Throws NIOSSL's error when the settings cannot make a TLS context.
    public init(
        certificateFile: String, certificateChain: [NIOSSLCertificate], keyFile: String, privateKey: NIOSSLPrivateKey,
        clientCAFile: String? = nil, clientRoots: [NIOSSLCertificate] = []
    ) throws {
        self.certificateFile = certificateFile
        self.certificateChain = certificateChain
        self.keyFile = keyFile
        self.privateKey = privateKey
        self.clientCAFile = clientCAFile
        self.clientRoots = clientRoots
        _ = try NIOSSLContext(configuration: serverConfiguration)
    }

    /// The server configuration these settings make (TLS 1.2 or later).
    public var serverConfiguration: TLSConfiguration {
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: certificateChain.map { .certificate($0) }, privateKey: .privateKey(privateKey))
        configuration.minimumTLSVersion = .tlsv12
        if clientCAFile != nil {
            // Clients are identified by their certificate's chain, not by a host name.
            configuration.certificateVerification = .noHostnameVerification
            configuration.trustRoots = .certificates(clientRoots)
        }
        return configuration
    }
}
