extension Value {
    /// Decodes one JSON document under Go's template data model: integers that fit become
    /// `int64`, other numbers `float64`, objects maps with sorted keys, `null` a nil interface.
    /// Throws a `JSONDecodingError` naming the offset, line and column of the problem.
    /// `maxDepth` bounds how many arrays and objects may be open at once (Go's limit, 10000,
    /// by default); input from untrusted senders should use a much smaller one.
    public init(json: [UInt8], maxDepth: Int = 10000) throws(JSONDecodingError) {
        self = try JSONValueDecoder.decode(json, maxDepth: maxDepth)
    }

    /// Checks that `json` holds one valid JSON document (Go's `json.Valid`) without building
    /// its value: no allocation per container, and safe however deeply it nests.
    public static func validateJSON(_ json: [UInt8]) throws(JSONDecodingError) {
        try JSONValueDecoder.validate(json)
    }

    /// Decodes template data as Go's tools read a data file: empty or blank input is nil data.
    public init(templateData json: [UInt8]) throws(JSONDecodingError) {
        self = try JSONValueDecoder.decodeData(json) ?? .missing
    }

    /// The value encoded as Go's `json.Marshal` encodes it (with `escapeHTML`, as `toJson`
    /// does; without, as an encoder with `SetEscapeHTML(false)`).
    public func jsonBytes(escapeHTML: Bool = true) throws(JSONEncodingError) -> [UInt8] {
        var out: [UInt8] = []
        try GoJSON.marshal(self, escapeHTML: escapeHTML, into: &out)
        return out
    }

    /// A string value as a JSON string literal without HTML escaping; other values as `jsonBytes`.
    public func jsonStringBytes() -> [UInt8] {
        (try? jsonBytes(escapeHTML: false)) ?? Array("null".utf8)
    }
}
