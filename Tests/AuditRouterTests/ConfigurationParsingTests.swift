import Testing

@testable import AuditRouter

/// The scalar syntaxes: durations, listen addresses and `${VAR}` references.
@Suite struct ConfigurationParsingTests {
    @Test(arguments: [
        ("500ms", Duration.milliseconds(500)), ("10s", .seconds(10)), ("5m", .seconds(300)), ("24h", .seconds(86_400)),
        ("1h30m", .seconds(5400)), ("1.5s", .milliseconds(1500)), ("2m30s", .seconds(150)), ("0.25ms", .microseconds(250)),
        ("0s", .zero), (".5s", .milliseconds(500)),
    ])
    func durations(text: String, expected: Duration) {
        #expect(parseDuration(text) == expected)
    }

    @Test(arguments: ["", "10", "10 s", " 10s", "s", "-1s", "+1s", "1d", "1.2.3s", "10sec", "1h 30m", ".s", "99999999999h"])
    func invalidDurations(text: String) {
        #expect(parseDuration(text) == nil)
    }

    @Test func listenAddresses() {
        #expect(parseListenAddress("127.0.0.1:8080")! == ("127.0.0.1", 8080))
        #expect(parseListenAddress(":80")! == ("0.0.0.0", 80))
        #expect(parseListenAddress("[::]:65535")! == ("::", 65535))
        #expect(parseListenAddress("router.internal:0")! == ("router.internal", 0))
        for bad in ["", "8080", ":", "host:", "host:65536", "host:-1", "::1:80", "[]:80", "[::1]x:80", "a/b:80", "h:8o"] {
            #expect(parseListenAddress(bad) == nil, "\(bad)")
        }
    }

    @Test func expansion() throws {
        let environment = ["A": "alpha", "EMPTY": "", "N": "3"]
        func expand(_ text: String) throws -> String { try expandEnvironment(text, environment: environment).text }
        #expect(try expand("plain") == "plain")
        #expect(try expand("${A}") == "alpha")
        #expect(try expand("x${A}y${N}") == "xalphay3")
        #expect(try expand("${MISSING}") == "")
        #expect(try expand("${MISSING:-fallback}") == "fallback")
        #expect(try expand("${EMPTY:-fallback}") == "fallback")
        #expect(try expand("${A:-fallback}") == "alpha")
        #expect(try expand("${MISSING:-${A}}") == "alpha")
        #expect(try expand("${MISSING:-}") == "")
        #expect(try expand("${A:+on}") == "on")
        #expect(try expand("${EMPTY:+on}") == "")
        #expect(try expand("${MISSING:+${A}-x}") == "")
        #expect(try expand("$$") == "$" && expand("$${A}") == "${A}" && expand("a$$$$b") == "a$$b")
        #expect(try expand("{{ $x := 1 }}{{ $ }}{{$}}$") == "{{ $x := 1 }}{{ $ }}{{$}}$")
        #expect(try expand("${A}:-x") == "alpha:-x")
    }

    @Test func expansionRemembersUnsetVariables() throws {
        let result = try expandEnvironment("${A}${B:-b}${C:+c}${D}${A}", environment: ["D": "d"])
        #expect(result.text == "bd")
        #expect(result.unsetVariables == ["A", "B", "C"])
        #expect(result.unsetNote == " (A, B, C are not set)")
        #expect(try expandEnvironment("${X}", environment: [:]).unsetNote == " (X is not set)")
        #expect(try expandEnvironment("${X}", environment: ["X": "1"]).unsetNote == "")
    }

    @Test func shieldingSwapsOnlyTheBracesOfReferences() throws {
        #expect(ReferenceShield.shield("a: {b: c}") == nil)
        #expect(ReferenceShield.shield("a: { b: ${B:-${C}} }\nd: {e}") == "a: { b: $\u{E000}B:-$\u{E000}C\u{E001}\u{E001} }\nd: {e}")
        #expect(ReferenceShield.shield("a: ${B\n}") == nil)
        #expect(ReferenceShield.shield("a: ${B}\u{E000}") == nil)
    }

    @Test(arguments: ["${", "${A", "x${A:-${B}", "${}", "${1A}", "${A-B}", "${A:=b}", "${A B}", "${é}"])
    func malformedReferences(text: String) {
        #expect(throws: ExpansionError.self) { try expandEnvironment(text, environment: [:]) }
    }
}
