// Per-field changes computed from a before- and an after-state (goflagship's ComputeChanges).

import GoTemplate
import Testing
@testable import AuditRouter

@Suite struct NormalizeChangesTests {
    @Test func changedAddedAndRemovedFieldsAreListed() {
        let changes = FieldChanges.between(
            jsonValue(#"{"key":"f","enabled":false,"rollout":10,"old":"x","same":{"a":[1,2]}}"#),
            jsonValue(#"{"key":"f","enabled":true,"rollout":10,"new":null,"added":"y","same":{"a":[1,2]}}"#))
        #expect(changes == jsonValue(#"""
            {"enabled":{"before":false,"after":true},"old":{"before":"x","after":null},"added":{"before":null,"after":"y"}}
            """#))
    }

    @Test func nestedValuesAreComparedWhole() {
        let changes = FieldChanges.between(jsonValue(#"{"config":{"a":1,"b":[1]}}"#), jsonValue(#"{"config":{"a":1,"b":[2]}}"#))
        #expect(changes == jsonValue(#"{"config":{"before":{"a":1,"b":[1]},"after":{"a":1,"b":[2]}}}"#))
    }

    @Test func numbersAreComparedAsJSONWrites() {
        #expect(FieldChanges.between(jsonValue(#"{"rollout":50}"#), jsonValue(#"{"rollout":50.0}"#)) == jsonValue("{}"))
    }

    @Test func identicalStatesHaveNoChanges() {
        #expect(FieldChanges.between(jsonValue(#"{"a":1}"#), jsonValue(#"{"a":1}"#)) == jsonValue("{}"))
    }

    @Test(arguments: [("null", #"{"a":1}"#), (#"{"a":1}"#, "null"), ("[1]", "[2]")])
    func statesThatAreNotBothObjectsHaveNone(before: String, after: String) {
        #expect(FieldChanges.between(jsonValue(before), jsonValue(after)) == .null)
    }
}
