/// One HTTP request ready to send: what the render stage produces for a delivery and the
/// transport sends, unchanged, on every attempt.
public struct OutgoingRequest: Sendable, Equatable {
    /// The HTTP method, e.g. `POST`.
    public var method: String
    /// The absolute `http` or `https` URL.
    public var url: String
    /// Header fields in sending order; a name may repeat.
    public var headers: [(String, String)]
    /// The exact body bytes (signatures are computed over these).
    public var body: [UInt8]

    public init(method: String, url: String, headers: [(String, String)], body: [UInt8]) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    public static func == (lhs: OutgoingRequest, rhs: OutgoingRequest) -> Bool {
        lhs.method == rhs.method && lhs.url == rhs.url && lhs.body == rhs.body
            && lhs.headers.elementsEqual(rhs.headers) { $0.0 == $1.0 && $0.1 == $1.1 }
    }
}
