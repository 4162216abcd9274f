// Bodies that are not UTF-8 are refused, with where the first bad byte is.

import Foundation
import Testing
@testable import AuditRouter

@Suite struct UTF8ValidationTests {
    @Test func wellFormedTextHasNoInvalidByte() {
        for text in ["", "plain ascii", "ünïcödé", "日本語", "emoji 🚀 and 𝄞", "\u{10FFFF}", "\u{0}"] {
            #expect(UTF8Validation.firstInvalidByte(in: Array(text.utf8)) == nil, "\(text)")
        }
    }

    @Test(arguments: [
        ([0xFF], 0), ([0x61, 0x80], 1), ([0xC0, 0xAF], 0),  // a lone continuation byte; an overlong "/"
        ([0x61, 0x62, 0xE2, 0x82], 2),  // cut short at the end
        ([0xED, 0xA0, 0x80], 0),  // a surrogate, U+D800
        ([0xF4, 0x90, 0x80, 0x80], 0),  // past U+10FFFF
        ([0xC3, 0xA9, 0x20, 0xC3, 0x28], 3),  // é, space, then a lead byte without its continuation
    ] as [([UInt8], Int)])
    func theFirstInvalidByteIsFound(bytes: [UInt8], offset: Int) {
        #expect(UTF8Validation.firstInvalidByte(in: bytes) == offset)
    }

    @Test(arguments: EventSource.allCases)
    func aBodyWithInvalidUTF8InAStringIsMalformedAndLocated(source: EventSource) throws {
        let body = Array("{\n  \"type\": \"flag\",\n  \"action\": \"cr".utf8) + [0xC3, 0x28] + Array("eated\"\n}".utf8)
        do {
            _ = try SourceFormat.normalize(source: source, body: body, receivedAt: Date(), makeID: { "id" })
            Issue.record("accepted a body that is not UTF-8")
        } catch {
            #expect(error.kind == .malformedJSON(line: 3, column: 16))
            #expect(error.message == "body is not valid UTF-8: byte 0xC3 at line 3, column 16")
        }
    }
}
