import Foundation
import NIOSSL

/// `server.tls` and a sink's `tls:`: their files are read and parsed now, each problem
/// reported at its key.
extension ConfigurationDecoder {
    /// `server.tls`: `cert_file` and `key_file` required, `client_ca_file` optional.
    mutating func serverTLS(_ node: ConfigNode) -> ServerTLSSettings? {
        guard let fields = fields(of: node, allowed: ["cert_file", "key_file", "client_ca_file"]) else { return nil }
        let problemsBefore = problems.count
        for key in ["cert_file", "key_file"] where fields[key] == nil {
            report("required", path: "\(node.path).\(key)", mark: node.mark)
        }
        let chain = fields["cert_file"].flatMap { certificates($0) }
        let key = fields["key_file"].flatMap { privateKey($0) }
        let clientRoots = fields["client_ca_file"].flatMap { certificates($0) }
        guard problems.count == problemsBefore, let chain, let key else { return nil }
        return ServerTLSSettings(
            certificateFile: chain.path, certificateChain: chain.certificates, keyFile: key.path, privateKey: key.key,
            clientCAFile: clientRoots?.path, clientRoots: clientRoots?.certificates ?? [])
    }

    /// A sink's `tls:`.
    mutating func tls(_ node: ConfigNode) -> SinkTLSSettings? {
        guard let fields = fields(of: node, allowed: ["ca_file", "cert_file", "key_file", "insecure_skip_verify"]) else { return nil }
        let problemsBefore = problems.count
        var settings = SinkTLSSettings()
        settings.insecureSkipVerify = fields["insecure_skip_verify"].flatMap { bool($0) } ?? false
        if let caNode = fields["ca_file"], let (path, roots) = certificates(caNode) {
            settings.caFile = path
            settings.trustRoots = roots
            if settings.insecureSkipVerify {
                report("insecure_skip_verify accepts any certificate, so ca_file would be ignored: keep one of them", at: caNode)
            }
        }
        if let certificateNode = fields["cert_file"], let (path, chain) = certificates(certificateNode) {
            settings.certificateFile = path
            settings.certificateChain = chain
        }
        if let keyNode = fields["key_file"], let (path, key) = privateKey(keyNode) {
            settings.keyFile = path
            settings.privateKey = key
        }
        switch (fields["cert_file"], fields["key_file"]) {
        case (.some, nil): report("required with cert_file", path: "\(node.path).key_file", mark: node.mark)
        case (nil, .some(let keyNode)): report("a key_file needs its cert_file", at: keyNode)
        default: break
        }
        return problems.count == problemsBefore ? settings : nil
    }

    /// The certificates of the PEM file `node` names (at least one).
    private mutating func certificates(_ node: ConfigNode) -> (path: String, certificates: [NIOSSLCertificate])? {
        guard let (path, bytes) = pemFile(node) else { return nil }
        let certificates = (try? NIOSSLCertificate.fromPEMBytes(bytes)) ?? []
        guard !certificates.isEmpty else {
            report("no certificate could be read from \(path) (expected PEM: -----BEGIN CERTIFICATE-----)", at: node)
            return nil
        }
        return (path, certificates)
    }

    /// The private key of the PEM file `node` names.
    private mutating func privateKey(_ node: ConfigNode) -> (path: String, key: NIOSSLPrivateKey)? {
        guard let (path, bytes) = pemFile(node) else { return nil }
        guard let key = try? NIOSSLPrivateKey(bytes: bytes, format: .pem) else {
            report("no private key could be read from \(path) (expected an unencrypted PEM key)", at: node)
            return nil
        }
        return (path, key)
    }

    /// The absolute path and contents of the file `node` names.
    private mutating func pemFile(_ node: ConfigNode) -> (path: String, bytes: [UInt8])? {
        guard let written = string(node), let path = path(node) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            let problem = FileManager.default.fileExists(atPath: path) ? "cannot read" : "no such file:"
            report("\(problem) \(written) (\(path))", at: node)
            return nil
        }
        return (path, Array(data))
    }
}
