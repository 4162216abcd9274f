extension Value {
    /// Decodes one JSON document under Go's template data model: integers that fit become
    /// `int64`, other numbers `float64`, objects maps with sorted keys, `null` a nil interface.
    /// Throws a `JSONDecodingError` naming the offset, line and column of the problem.
    public init(json: [UInt8]) throws(JSONDecodingError) {
        self = try JSONValueDecoder.decode(json)
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
