// Host records (Go structs). Expectations come from a Go 1.19 program that executes the same
// templates on equivalent Go values:
//
//     type Actor struct { Email string `json:"email"`; Name string `json:"name,omitempty"` }
//     type Metadata struct { Actor Actor `json:"actor"`; Tags []interface{} `json:"tags,omitempty"` }
//     type Event struct {
//         Version string `json:"version"`; Type string `json:"type"`; Action string `json:"action,omitempty"`
//         Count int64 `json:"count,omitempty"`; Ratio float64 `json:"ratio"`; Enabled bool `json:"enabled,omitempty"`
//         Metadata Metadata `json:"metadata"`; Payload interface{} `json:"payload"`
//         Extra map[string]interface{} `json:"extra,omitempty"`; Secret string `json:"-"`; NoTag string
//     }
//
// in package main, so `%T` prints `main.Event`.

import Testing
@testable import GoTemplate

enum RecordData: Sendable {
    /// Every field set.
    case full
    /// Empty optional fields, a nil Payload.
    case sparse
    /// Payload holding a string.
    case stringPayload
    /// `map[string]interface{}{"event": full}`.
    case inMap
    /// `[]interface{}{sparse, full}`.
    case inArray
    /// `Wrapper{V: map[string]interface{}{"a": 1}}` with `type Wrapper struct { V interface{} `json:"v"` }`.
    case wrapped

    var value: Value {
        switch self {
        case .full: return fullEvent
        case .sparse: return sparseEvent
        case .stringPayload: return stringPayloadEvent
        case .inMap: return ["event": fullEvent]
        case .inArray: return [sparseEvent, fullEvent]
        case .wrapped:
            return .record(Record(typeName: "main.Wrapper", fields: [.init(name: "V", jsonName: "v", isInterface: true, value: ["a": 1])]))
        }
    }
}

private func makeActor(email: String, name: String) -> Value {
    .record(Record(typeName: "main.Actor", fields: [
        .init(name: "Email", jsonName: "email", value: .string(email)),
        .init(name: "Name", jsonName: "name", omitEmpty: true, value: .string(name)),
    ]))
}

private func event(version: String = "", type: String, action: String = "", count: Int64 = 0, ratio: Double = 0,
                   enabled: Bool = false, actor: Value = makeActor(email: "", name: ""), tags: [Value] = [],
                   payload: Value, extra: Value = [:], secret: String = "", noTag: String = "") -> Value {
    let metadata: Value = .record(Record(typeName: "main.Metadata", fields: [
        .init(name: "Actor", jsonName: "actor", value: actor),
        .init(name: "Tags", jsonName: "tags", omitEmpty: true, value: .array(tags)),
    ]))
    return .record(Record(typeName: "main.Event", fields: [
        .init(name: "Version", jsonName: "version", value: .string(version)),
        .init(name: "Type", jsonName: "type", value: .string(type)),
        .init(name: "Action", jsonName: "action", omitEmpty: true, value: .string(action)),
        .init(name: "Count", jsonName: "count", omitEmpty: true, value: .int64(count)),
        .init(name: "Ratio", jsonName: "ratio", value: .float64(ratio)),
        .init(name: "Enabled", jsonName: "enabled", omitEmpty: true, value: .bool(enabled)),
        .init(name: "Metadata", jsonName: "metadata", value: metadata),
        .init(name: "Payload", jsonName: "payload", isInterface: true, value: payload),
        .init(name: "Extra", jsonName: "extra", omitEmpty: true, value: extra),
        .init(name: "Secret", jsonName: "-", value: .string(secret)),
        .init(name: "NoTag", value: .string(noTag)),
    ]))
}

private let fullEvent = event(
    version: "0.2", type: "flag", action: "created", count: 3, ratio: 0.5, enabled: true,
    actor: makeActor(email: "a@b.c", name: "Ann <admin>"), tags: ["x", 1],
    payload: ["key": "f1", "enabled": true, "n": 2], extra: ["k": "v"], secret: "s3cr3t", noTag: "plain")

private let sparseEvent = event(version: "0.2", type: "segment", payload: nil)

private let stringPayloadEvent = event(type: "t", payload: "str")

struct RecordCase: Sendable, CustomTestStringConvertible {
    let id: String
    let data: RecordData
    let text: String
    let output: String

    init(_ id: String, _ data: RecordData, _ text: String, _ output: String) {
        self.id = id
        self.data = data
        self.text = text
        self.output = output
    }

    var testDescription: String { id }
}

struct RecordErrorCase: Sendable, CustomTestStringConvertible {
    let id: String
    let data: RecordData
    let text: String
    let output: String
    let message: String

    init(_ id: String, _ data: RecordData, _ text: String, output: String, _ message: String) {
        self.id = id
        self.data = data
        self.text = text
        self.output = output
        self.message = message
    }

    var testDescription: String { id }
}

@Suite("Records")
struct RecordTests {
    @Test("field access, toJson and printing of records", arguments: recordCases)
    func record(_ c: RecordCase) throws {
        #expect(try render(c.text, c.data.value) == c.output)
    }

    @Test("record errors: missing fields, nil interfaces, non-iterable records", arguments: recordErrorCases)
    func recordError(_ c: RecordErrorCase) {
        expectFailure(ErrorCase(c.id, c.text, c.data.value, output: c.output, c.message))
    }

    @Test("Record.field(named:) finds fields by exact name")
    func fieldLookup() {
        guard case .record(let record) = fullEvent else { Issue.record("not a record"); return }
        #expect(record.field(named: "Type")?.jsonName == "type")
        #expect(record.field(named: "type") == nil)
        #expect(record.field(named: "NoTag")?.jsonName == "NoTag")
    }

    @Test("a record's %T is its type name")
    func typeName() {
        #expect(fullEvent.goTypeName == "main.Event")
        #expect(fullEvent.isTrue)
    }
}

private let recordCases: [RecordCase] = [
    RecordCase("fieldAccess", .full, "{{.Type}} {{.Version}} {{.Count}} {{.Ratio}} {{.Enabled}} {{.NoTag}}", "flag 0.2 3 0.5 true plain"),
    RecordCase("nestedRecordFields", .full, "{{.Metadata.Actor.Email}} {{.Metadata.Actor.Name}}", "a@b.c Ann <admin>"),
    RecordCase("interfaceFieldHoldingMap", .full, "{{.Payload.key}} {{.Payload.missing}}", "f1 <no value>"),
    RecordCase("nilInterfaceFieldPrints", .sparse, "{{.Payload}}|{{printf \"%v\" .Payload}}", "<no value>|<nil>"),
    RecordCase("jsonSkippedFieldStillAccessible", .full, "{{.Secret}}", "s3cr3t"),
    RecordCase("recordInMap", .inMap, "{{.event.Type}} {{.event.Metadata.Actor.Email}}", "flag a@b.c"),
    RecordCase("recordsInArray", .inArray, "{{range .}}[{{.Type}}]{{end}}", "[segment][flag]"),
    RecordCase("toJsonDeclarationOrderAndOmitEmpty", .full, "{{toJson .}}", "{\"version\":\"0.2\",\"type\":\"flag\",\"action\":\"created\",\"count\":3,\"ratio\":0.5,\"enabled\":true,\"metadata\":{\"actor\":{\"email\":\"a@b.c\",\"name\":\"Ann \\u003cadmin\\u003e\"},\"tags\":[\"x\",1]},\"payload\":{\"enabled\":true,\"key\":\"f1\",\"n\":2},\"extra\":{\"k\":\"v\"},\"NoTag\":\"plain\"}"),
    RecordCase("toJsonOmitsEmptyFields", .sparse, "{{toJson .}}", "{\"version\":\"0.2\",\"type\":\"segment\",\"ratio\":0,\"metadata\":{\"actor\":{\"email\":\"\"}},\"payload\":null,\"NoTag\":\"\"}"),
    RecordCase("toJsonOfNestedRecord", .full, "{{toJson .Metadata}}", "{\"actor\":{\"email\":\"a@b.c\",\"name\":\"Ann \\u003cadmin\\u003e\"},\"tags\":[\"x\",1]}"),
    RecordCase("toJsonRecordInMap", .inMap, "{{toJson .}}", "{\"event\":{\"version\":\"0.2\",\"type\":\"flag\",\"action\":\"created\",\"count\":3,\"ratio\":0.5,\"enabled\":true,\"metadata\":{\"actor\":{\"email\":\"a@b.c\",\"name\":\"Ann \\u003cadmin\\u003e\"},\"tags\":[\"x\",1]},\"payload\":{\"enabled\":true,\"key\":\"f1\",\"n\":2},\"extra\":{\"k\":\"v\"},\"NoTag\":\"plain\"}}"),
    RecordCase("toJsonStringPayload", .stringPayload, "{{toJson .}}", "{\"version\":\"\",\"type\":\"t\",\"ratio\":0,\"metadata\":{\"actor\":{\"email\":\"\"}},\"payload\":\"str\",\"NoTag\":\"\"}"),
    RecordCase("printfV", .full, "{{printf \"%v\" .}}", "{0.2 flag created 3 0.5 true {{a@b.c Ann <admin>} [x 1]} map[enabled:true key:f1 n:2] map[k:v] s3cr3t plain}"),
    RecordCase("printfPlusV", .full, "{{printf \"%+v\" .}}", "{Version:0.2 Type:flag Action:created Count:3 Ratio:0.5 Enabled:true Metadata:{Actor:{Email:a@b.c Name:Ann <admin>} Tags:[x 1]} Payload:map[enabled:true key:f1 n:2] Extra:map[k:v] Secret:s3cr3t NoTag:plain}"),
    RecordCase("printfVSparse", .sparse, "{{printf \"%v\" .}}", "{0.2 segment  0 0 false {{ } []} <nil> map[]  }"),
    RecordCase("printfPlusVSparse", .sparse, "{{printf \"%+v\" .}}", "{Version:0.2 Type:segment Action: Count:0 Ratio:0 Enabled:false Metadata:{Actor:{Email: Name:} Tags:[]} Payload:<nil> Extra:map[] Secret: NoTag:}"),
    RecordCase("defaultPrint", .full, "{{.}}", "{0.2 flag created 3 0.5 true {{a@b.c Ann <admin>} [x 1]} map[enabled:true key:f1 n:2] map[k:v] s3cr3t plain}"),
    RecordCase("defaultPrintNested", .full, "{{.Metadata}}", "{{a@b.c Ann <admin>} [x 1]}"),
    RecordCase("printRecordInMap", .inMap, "{{.}}", "map[event:{0.2 flag created 3 0.5 true {{a@b.c Ann <admin>} [x 1]} map[enabled:true key:f1 n:2] map[k:v] s3cr3t plain}]"),
    RecordCase("printRecordsInArray", .inArray, "{{.}}", "[{0.2 segment  0 0 false {{ } []} <nil> map[]  } {0.2 flag created 3 0.5 true {{a@b.c Ann <admin>} [x 1]} map[enabled:true key:f1 n:2] map[k:v] s3cr3t plain}]"),
    RecordCase("printfType", .full, "{{printf \"%T %T %T %T\" . .Metadata .Payload .Count}}", "main.Event main.Metadata map[string]interface {} int64"),
    RecordCase("printfTypeNilInterface", .sparse, "{{printf \"%T\" .Payload}}", "<nil>"),
    RecordCase("recordIsTrue", .sparse, "{{if .Metadata.Actor}}true{{else}}false{{end}}", "true"),
    RecordCase("withNilInterfaceField", .sparse, "{{with .Payload}}x{{else}}none{{end}}", "none"),
    RecordCase("withRecordSetsDot", .full, "{{with .Metadata}}{{.Actor.Email}}{{end}}", "a@b.c"),
    RecordCase("eqRecordFields", .full, "{{eq .Type \"flag\"}} {{eq .Count 3}} {{lt .Ratio 1.0}}", "true true true"),
    RecordCase("eqRecords", .sparse, "{{eq .Metadata.Actor .Metadata.Actor}}", "true"),
    RecordCase("printPlainRecord", .full, "{{print .Metadata.Actor}}", "{a@b.c Ann <admin>}"),
    RecordCase("htmlOfRecord", .full, "{{html .Metadata.Actor}}", "{a@b.c Ann &lt;admin&gt;}"),
    RecordCase("recordFieldInRange", .full, "{{range $i, $t := .Metadata.Tags}}{{$i}}={{$t}} {{end}}", "0=x 1=1 "),
    RecordCase("recordAsTemplateArgument", .full, "{{define \"actor\"}}<{{.Email}}>{{end}}{{template \"actor\" .Metadata.Actor}}", "<a@b.c>"),
    RecordCase("dollarIsRecordInsideWith", .full, "{{with .Payload}}{{.key}}:{{$.Type}}{{end}}", "f1:flag"),
    RecordCase("printfQuotedRecord", .full, "{{printf \"%q\" .Metadata.Actor}}", "{\"a@b.c\" \"Ann <admin>\"}"),
    RecordCase("wrappedInterfaceField", .wrapped, "{{printf \"%v %+v\" . .}} {{toJson .}} {{.V.a}}", "{map[a:1]} {V:map[a:1]} {\"v\":{\"a\":1}} 1"),
]

private let recordErrorCases: [RecordErrorCase] = [
    RecordErrorCase("fieldOfInterfaceHoldingString", .stringPayload, "{{.Payload.x}}", output: "", "template: :1:10: executing \"\" at <.Payload.x>: can't evaluate field x in type interface {}"),
    RecordErrorCase("fieldOfNilInterfaceField", .sparse, "{{.Payload.x}}", output: "", "template: :1:10: executing \"\" at <.Payload.x>: nil pointer evaluating interface {}.x"),
    RecordErrorCase("fieldOfStringField", .full, "{{.Version.x}}", output: "", "template: :1:10: executing \"\" at <.Version.x>: can't evaluate field x in type string"),
    RecordErrorCase("missingField", .full, "{{.Missing}}", output: "", "template: :1:2: executing \"\" at <.Missing>: can't evaluate field Missing in type main.Event"),
    RecordErrorCase("missingNestedField", .full, "{{.Metadata.Nope}}", output: "", "template: :1:11: executing \"\" at <.Metadata.Nope>: can't evaluate field Nope in type main.Metadata"),
    RecordErrorCase("jsonNameIsNotAField", .full, "{{.type}}", output: "", "template: :1:2: executing \"\" at <.type>: can't evaluate field type in type main.Event"),
    RecordErrorCase("missingFieldOnRecordInArray", .inArray, "{{range .}}{{.Type}}{{.Nope}}{{end}}", output: "segment", "template: :1:22: executing \"\" at <.Nope>: can't evaluate field Nope in type interface {}"),
    RecordErrorCase("lenOfRecord", .full, "{{len .}}", output: "", "template: :1:2: executing \"\" at <len .>: error calling len: len of type main.Event"),
    RecordErrorCase("rangeOverRecord", .sparse, "{{range .Metadata.Actor}}x{{end}}", output: "", "template: :1:17: executing \"\" at <.Metadata.Actor>: range can't iterate over { }"),
    RecordErrorCase("indexRecord", .full, "{{index . \"Type\"}}", output: "", "template: :1:2: executing \"\" at <index . \"Type\">: error calling index: can't index item of type main.Event"),
    RecordErrorCase("argumentsToRecordField", .full, "{{.Type 1}}", output: "", "template: :1:2: executing \"\" at <.Type>: Type has arguments but cannot be invoked as function"),
    RecordErrorCase("chainAfterMissingField", .full, "{{.Nope.Deeper}}", output: "", "template: :1:7: executing \"\" at <.Nope.Deeper>: can't evaluate field Nope in type main.Event"),
    RecordErrorCase("eqRecordsWithSliceField", .full, "{{eq .Metadata .Metadata}}", output: "", "template: :1:2: executing \"\" at <eq .Metadata .Metadata>: error calling eq: non-comparable type {{a@b.c Ann <admin>} [x %!s(int64=1)]}: main.Metadata"),
    RecordErrorCase("eqRecordsWithMapInInterfaceField", .wrapped, "{{eq . .}}", output: "", "template: :1:2: executing \"\" at <eq . .>: error calling eq: runtime error: comparing uncomparable type map[string]interface {}"),
]
