/// How `listen` must be written, for messages.
let listenHint = "use HOST:PORT, e.g. 127.0.0.1:8080, [::1]:8080 or :8080"

/// Parses `listen`: `HOST:PORT`, `[IPV6]:PORT`, or `:PORT` for every interface (`0.0.0.0`).
/// The port is 0 to 65535 (0 picks a free one). Nil for anything else.
func parseListenAddress(_ text: String) -> (host: String, port: Int)? {
    guard let colon = text.lastIndex(of: ":") else { return nil }
    var host = String(text[..<colon])
    let portText = text[text.index(after: colon)...]
    guard !portText.isEmpty, portText.allSatisfy({ $0.isASCII && $0.isNumber }), portText.count <= 5,
        let port = Int(portText), port <= 65_535
    else { return nil }
    if host.hasPrefix("[") && host.hasSuffix("]") && host.count > 2 {
        host = String(host.dropFirst().dropLast())
        guard host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { return nil }
        return (host, port)
    }
    if host.isEmpty { return ("0.0.0.0", port) }
    guard host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_") }) else {
        return nil
    }
    return (host, port)
}
