import Crypto
import NIOSSL

/// How an http sink's HTTPS connections are verified and authenticated (`tls:`): the roots its
/// server's certificate must chain to (a Splunk HEC or SIEM with a private CA), a client
/// certificate for servers that require mutual TLS, or no verification at all (tests only).
/// Certificates and keys are read when the configuration is loaded, and the client
/// configuration is built and checked then (a key that does not match its certificate fails the
/// load, not the first delivery).
public struct SinkTLSSettings: Sendable, Equatable {
    /// The PEM file of the roots trusted instead of the system's (`ca_file`); nil trusts the system's.
    public let caFile: String?
    /// The certificates of `caFile`.
    public let trustRoots: [NIOSSLCertificate]
    /// The PEM file of the client certificate chain (`cert_file`), leaf first.
    public let certificateFile: String?
    /// The certificates of `certificateFile`.
    public let certificateChain: [NIOSSLCertificate]
    /// The PEM file of the client certificate's private key (`key_file`), unencrypted.
    public let keyFile: String?
    /// Accept any server certificate, for any name (`insecure_skip_verify`): for tests only.
    public let insecureSkipVerify: Bool
    /// The client configuration: TLS 1.2 or later, these roots, this certificate and key.
    public let clientConfiguration: TLSConfiguration
    /// A digest of everything that makes `clientConfiguration` (roots, chain, key, verification),
    /// for telling settings apart cheaply: equal settings have equal fingerprints.
    public let fingerprint: [UInt8]

    /// Builds and checks the client configuration; throws NIOSSL's error when it cannot make a
    /// TLS context (a key that does not belong to the certificate).
    public init(
        caFile: String? = nil, trustRoots: [NIOSSLCertificate] = [], certificateFile: String? = nil,
        certificateChain: [NIOSSLCertificate] = [], keyFile: String? = nil, privateKey: NIOSSLPrivateKey? = nil,
        insecureSkipVerify: Bool = false
    ) throws {
        self.caFile = caFile
        self.trustRoots = trustRoots
        self.certificateFile = certificateFile
        self.certificateChain = certificateChain
        self.keyFile = keyFile
        self.insecureSkipVerify = insecureSkipVerify
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        if insecureSkipVerify {
            configuration.certificateVerification = .none
        } else if caFile != nil {
            configuration.trustRoots = .certificates(trustRoots)
        }
        // Each part framed by its kind and length, so that no two settings digest the same bytes
        // (roots [R, L] with chain [I] against roots [R] with chain [L, I]).
        var digest = SHA256()
        func add(_ kind: String, _ bytes: [UInt8]) {
            digest.update(data: Array("\(kind) \(bytes.count)\n".utf8))
            digest.update(data: bytes)
        }
        add("verify", Array("\(!insecureSkipVerify) roots:\(caFile != nil)".utf8))
        for root in trustRoots { add("root", try root.toDERBytes()) }
        if let privateKey, !certificateChain.isEmpty {
            configuration.certificateChain = certificateChain.map { .certificate($0) }
            configuration.privateKey = .privateKey(privateKey)
            for certificate in certificateChain { add("chain", try certificate.toDERBytes()) }
            add("key", try privateKey.derBytes)
        }
        _ = try NIOSSLContext(configuration: configuration)
        clientConfiguration = configuration
        fingerprint = Array(digest.finalize())
    }

    public static func == (lhs: SinkTLSSettings, rhs: SinkTLSSettings) -> Bool {
        lhs.fingerprint == rhs.fingerprint && lhs.caFile == rhs.caFile && lhs.certificateFile == rhs.certificateFile
            && lhs.keyFile == rhs.keyFile
    }
}
