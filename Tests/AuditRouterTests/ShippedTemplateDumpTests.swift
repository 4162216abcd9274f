import Foundation
import GoTemplate
import Testing
@testable import AuditRouter

@Suite struct ShippedTemplateDumpTests {
    @Test func dump() throws {
        var lines: [String] = []
        for event in ShippedEvents.all {
            lines.append(String(decoding: try event.storageValue.jsonBytes(escapeHTML: false), as: UTF8.self))
        }
        try lines.joined(separator: "\n").write(toFile: "/tmp/shipped/events.jsonl", atomically: true, encoding: .utf8)
        for t in ShippedTemplate.allCases {
            var out = ""
            for event in ShippedEvents.all {
                out += try t.render(event).body + "\n\u{1E}\n"
            }
            try out.write(toFile: "/tmp/shipped/\(t.rawValue).swift.out", atomically: true, encoding: .utf8)
        }
    }
}
