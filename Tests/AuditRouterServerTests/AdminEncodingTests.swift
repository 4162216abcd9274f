import Foundation
import GoTemplate
import Testing

@testable import AuditRouterServer

/// The admin API's scalar encodings and the replay request's parsing.
@Suite("Admin API encoding")
struct AdminEncodingTests {
    @Test("times are RFC 3339 in UTC with milliseconds, rounded, and read back with offsets")
    func times() {
        #expect(AdminJSON.time(Date(timeIntervalSince1970: 1_714_557_600.123)) == "2024-05-01T10:00:00.123Z")
        #expect(AdminJSON.time(Date(timeIntervalSince1970: 1_714_557_600)) == "2024-05-01T10:00:00.000Z")
        #expect(AdminJSON.time(Date(timeIntervalSince1970: 1_714_557_600.9996)) == "2024-05-01T10:00:01.000Z")
        #expect(AdminJSON.time(nil) == .null)
        #expect(AdminJSON.parseTime("2024-05-01T12:00:00.5+02:00") == Date(timeIntervalSince1970: 1_714_557_600.5))
        #expect(AdminJSON.parseTime("2024-05-01T10:00:00Z") == Date(timeIntervalSince1970: 1_714_557_600))
        #expect(AdminJSON.parseTime("2024-05-01t10:00:00z") == Date(timeIntervalSince1970: 1_714_557_600))
        #expect(AdminJSON.parseTime("2024-02-29T23:59:59-01:30") == Date(timeIntervalSince1970: 1_709_251_199 + 5400))
        for bad in ["2024-05-01", "2024-05-01T10:00:00", "yesterday", "", "2024-02-30T10:00:00Z", "2023-02-29T10:00:00Z",
                    "2024-05-01T25:00:00Z", "2024-05-01T10:60:00Z", "2024-13-01T10:00:00Z", "2024-05-01T10:00:00+24:00", "02024-05-01T10:00:00Z"] { #expect(AdminJSON.parseTime(bad) == nil, "\(bad)") }
    }

    @Test("durations read as the configuration writes them")
    func durations() {
        let cases: [(Duration, String)] = [
            (.zero, "0s"), (.milliseconds(500), "500ms"), (.seconds(10), "10s"), (.milliseconds(1500), "1s500ms"),
            (.seconds(300), "5m"), (.seconds(5400), "1h30m"), (.seconds(86_400), "24h"),
        ]
        for (duration, text) in cases { #expect(AdminJSON.durationText(duration) == text) }
        #expect(AdminJSON.millis(.microseconds(1500)) == .float64(1.5))
    }

    @Test("a replay body names ids or a window; an empty body is every dead letter")
    func replayRequests() throws {
        func parse(_ json: String?) throws(APIError) -> ReplayRequest {
            guard let json, case .map(let object)? = try? Value(json: Array(json.utf8)) else { return try ReplayRequest(body: nil) }
            return try ReplayRequest(body: object)
        }
        #expect(try parse(nil) == .window(since: nil, until: nil))
        #expect(try parse(#"{"delivery_ids": ["a", "b", "a"]}"#) == .ids(["a", "b"]))
        #expect(try parse(#"{"since": "2024-05-01T10:00:00Z", "until": null}"#) == .window(since: Date(timeIntervalSince1970: 1_714_557_600), until: nil))
        #expect(try parse("{}") == .window(since: nil, until: nil))
        let tooMany = "{\"delivery_ids\": [" + (0...ReplayRequest.maxIDs).map { "\"d\($0)\"" }.joined(separator: ",") + "]}"
        for bad in [tooMany, #"{"delivery_ids": ["a"], "until": "2024-05-01T10:00:00Z"}"#, #"{"since": "2024-05-01T10:00:00Z", "until": "2024-05-01T10:00:00Z"}"#] {
            #expect(throws: APIError.self, "\(bad.prefix(60))") { try parse(bad) }
        }
    }
}
