import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL

/// Minimal HTTP calls for tests, through AsyncHTTPClient's shared client.
enum HTTP {
    static func request(
        _ method: String, _ url: String, headers: [(String, String)] = [], body: [UInt8]? = nil, tls: TLSConfiguration? = nil,
        timeout: Duration = .seconds(30)
    ) async throws -> (Int, String) {
        let answer = try await exchange(method, url, headers: headers, body: body, tls: tls, timeout: timeout)
        return (answer.status, answer.text)
    }

    /// A request's answer with its headers (names in lower case); HTTPS with `tls` when given.
    /// The shared client retries a failed connection until `timeout`.
    static func exchange(
        _ method: String, _ url: String, headers: [(String, String)] = [], body: [UInt8]? = nil, tls: TLSConfiguration? = nil,
        timeout: Duration = .seconds(30)
    ) async throws -> (status: Int, headers: [String: String], text: String) {
        var request = HTTPClientRequest(url: url)
        request.tlsConfiguration = tls
        request.method = .init(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .init(timeout))
        let buffer = try await response.body.collect(upTo: 16 << 20)
        let fields = Dictionary(response.headers.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { $1 })
        return (Int(response.status.code), fields, String(buffer: buffer))
    }

    static func postJSON(_ url: String, _ json: String, headers: [(String, String)] = []) async throws -> (Int, String) {
        try await request("POST", url, headers: [("Content-Type", "application/json")] + headers, body: Array(json.utf8))
    }
}
