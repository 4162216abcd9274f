import NIOSSL

/// How an http sink's HTTPS connections are verified and authenticated (`tls:`): the roots its
/// server's certificate must chain to (a Splunk HEC or SIEM with a private CA), a client
/// certificate for servers that require mutual TLS, or no verification at all (tests only).
/// Certificates and keys are read when the configuration is loaded, so a bad file fails the
/// load (or the reload) rather than the first delivery.
public struct SinkTLSSettings: Sendable, Equatable {
    /// The PEM file of the roots trusted instead of the system's (`ca_file`); nil trusts the system's.
    public var caFile: String?
    /// The certificates of `caFile`.
    public var trustRoots: [NIOSSLCertificate]
    /// The PEM file of the client certificate chain (`cert_file`), leaf first.
    public var certificateFile: String?
    /// The certificates of `certificateFile`.
    public var certificateChain: [NIOSSLCertificate]
    /// The PEM file of the client certificate's private key (`key_file`), unencrypted.
    public var keyFile: String?
    /// The key of `keyFile`.
    public var privateKey: NIOSSLPrivateKey?
    /// Accept any server certificate, for any name (`insecure_skip_verify`): for tests only.
    public var insecureSkipVerify: Bool

    public init(
        caFile: String? = nil, trustRoots: [NIOSSLCertificate] = [], certificateFile: String? = nil,
        certificateChain: [NIOSSLCertificate] = [], keyFile: String? = nil, privateKey: NIOSSLPrivateKey? = nil,
        insecureSkipVerify: Bool = false
    ) {
        self.caFile = caFile
        self.trustRoots = trustRoots
        self.certificateFile = certificateFile
        self.certificateChain = certificateChain
        self.keyFile = keyFile
        self.privateKey = privateKey
        self.insecureSkipVerify = insecureSkipVerify
    }

    /// The client configuration these settings make: TLS 1.2 or later, as AsyncHTTPClient's default.
    public var clientConfiguration: TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if insecureSkipVerify {
            configuration.certificateVerification = .none
        } else if caFile != nil {
            configuration.trustRoots = .certificates(trustRoots)
        }
        if let privateKey, !certificateChain.isEmpty {
            configuration.certificateChain = certificateChain.map { .certificate($0) }
            configuration.privateKey = .privateKey(privateKey)
        }
        return configuration
    }
}
