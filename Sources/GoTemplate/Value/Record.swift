/// A Go struct value presented by a host program: named fields in declaration order, each with
/// the name `encoding/json` uses, so that templates and `toJson` see it exactly as Go would.
public struct Record: Sendable {
    /// One struct field.
    public struct Field: Sendable {
        /// The Go field name templates use (`.Metadata`); exported when it starts upper-case.
        public var name: String
        /// The JSON name `toJson` writes (`json:"metadata"`); `"-"` leaves the field out.
        public var jsonName: String
        /// Whether `toJson` leaves the field out when it holds an empty value (`omitempty`).
        public var omitEmpty: Bool
        /// Whether the field is declared `interface {}`: its value then behaves as an element of
        /// a JSON map does (for instance, `null` in it is a nil interface).
        public var isInterface: Bool
        /// The field's value.
        public var value: Value

        public init(name: String, jsonName: String? = nil, omitEmpty: Bool = false, isInterface: Bool = false, value: Value) {
            self.name = name
            self.jsonName = jsonName ?? name
            self.omitEmpty = omitEmpty
            self.isInterface = isInterface
            self.value = value
        }
    }

    /// The Go type name `%T` prints, such as `audit.Event`.
    public var typeName: String
    /// The fields in declaration order.
    public var fields: [Field]

    public init(typeName: String, fields: [Field]) {
        self.typeName = typeName
        self.fields = fields
    }

    /// The field called `name`, compared byte-wise.
    public func field(named name: String) -> Field? {
        for field in fields where utf8Equal(field.name, name) { return field }
        return nil
    }
}
