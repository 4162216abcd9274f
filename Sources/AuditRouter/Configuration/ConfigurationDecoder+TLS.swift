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
        guard problems.count == problemsBefore, let chain, let key, let keyNode = fields["key_file"] else { return nil }
        do {
            return try ServerTLSSettings(
                certificateFile: chain.path, certificateChain: chain.certificates, keyFile: key.path, privateKey: key.key,
                clientCAFile: clientRoots?.path, clientRoots: clientRoots?.certificates ?? [])
        } catch {
            report(Self.contextProblem(error), at: keyNode)
            return nil
        }
    }

    /// A sink's `tls:`.
    mutating func tls(_ node: ConfigNode) -> SinkTLSSettings? {
        guard let fields = fields(of: node, allowed: ["ca_file", "cert_file", "key_file", "insecure_skip_verify"]) else { return nil }
        let problemsBefore = problems.count
        let insecure = fields["insecure_skip_verify"].flatMap { bool($0) } ?? false
        let roots = fields["ca_file"].flatMap { certificates($0) }
        if insecure, let caNode = fields["ca_file"] {
            report("insecure_skip_verify accepts any certificate, so ca_file would be ignored: keep one of them", at: caNode)
        }
        let chain = fields["cert_file"].flatMap { certificates($0) }
        let key = fields["key_file"].flatMap { privateKey($0) }
        switch (fields["cert_file"], fields["key_file"]) {
        case (.some, nil): report("required with cert_file", path: "\(node.path).key_file", mark: node.mark)
        case (nil, .some(let keyNode)): report("a key_file needs its cert_file", at: keyNode)
        default: break
        }
        guard problems.count == problemsBefore else { return nil }
        do {
            return try SinkTLSSettings(
                caFile: roots?.path, trustRoots: roots?.certificates ?? [], certificateFile: chain?.path,
                certificateChain: chain?.certificates ?? [], keyFile: key?.path, privateKey: key?.key, insecureSkipVerify: insecure)
        } catch {
            report(Self.contextProblem(error), at: fields["key_file"] ?? fields["ca_file"] ?? node)
            return nil
        }
    }

    /// Why NIOSSL could not make a TLS context of files that each read well.
    private static func contextProblem(_ error: any Error) -> String {
        if let error = error as? NIOSSLError, error == .failedToLoadPrivateKey {
            return "the key does not belong to the certificate of cert_file"
        }
        return "no TLS context could be made of these files: \(error)"
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

    /// The absolute path and contents of the file `node` names. A value that is PEM text rather
    /// than a path (a variable holding the key itself) is refused without being repeated, and a
    /// file that cannot be read is named only when its name has a dot: base64 key material (a
    /// variable holding the key's body) has none.
    private mutating func pemFile(_ node: ConfigNode) -> (path: String, bytes: [UInt8])? {
        guard let written = string(node) else { return nil }
        if written.contains("-----BEGIN") || written.contains("\n") {
            report("takes the path of a PEM file, not the PEM text itself (the value is not shown)", at: node)
            return nil
        }
        guard let path = path(node) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            let problem = FileManager.default.fileExists(atPath: path) ? "cannot read" : "no such file"
            let named = written.contains(".") ? ": \(written) (\(path))" : " (the value is not shown: with no dot in it, it may be key material rather than a file name)"
            report(problem + named, at: node)
            return nil
        }
        return (path, Array(data))
    }
}
