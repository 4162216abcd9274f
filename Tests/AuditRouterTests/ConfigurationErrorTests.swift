import Foundation
import Testing

@testable import AuditRouter

/// Every kind of problem, each reported as `config.yaml:LINE:COLUMN: KEY.PATH: MESSAGE`.
@Suite struct ConfigurationErrorTests {
    let fixture: ConfigurationFixture

    init() throws {
        fixture = try ConfigurationFixture(files: ["templates/ok.tmpl": "{{ toJson . }}"])
    }

    /// The problems of a config made of `sink` (indented as one element of `sinks`).
    func sinkProblems(_ sink: String, environment: [String: String] = [:]) throws -> [String] {
        try fixture.problems("sinks:\n" + sink, environment: environment)
    }

    @Test func theIssueExample() throws {
        let problems = try sinkProblems("  - name: a\n    url: http://x\n    timeout: 10 s\n")
        #expect(problems == [#"config.yaml:4:5: sinks[0].timeout: invalid duration "10 s" (use 500ms, 10s, 5m, 24h)"#])
    }

    @Test func unknownKeysAnywhere() throws {
        let problems = try fixture.problems("""
            servr: {}
            server:
              port: 80
            sinks:
              - name: a
                url: http://x
                retry: { attempts: 3 }
            """)
        #expect(problems == [
            "config.yaml:1:1: servr: unknown key (expected one of: server, spool, meta, sources, sinks, alerting)",
            "config.yaml:3:3: server.port: unknown key (expected one of: listen, ingest_token, admin_token, max_body_bytes, drain_timeout, idle_timeout, tls)",
            "config.yaml:7:14: sinks[0].retry.attempts: unknown key (expected one of: max_attempts, initial_backoff, multiplier, max_backoff, max_elapsed, jitter)",
        ])
    }

    @Test func unknownChoices() throws {
        #expect(try fixture.problems("spool:\n  synchronous: off\nsinks: []\n") == [
            #"config.yaml:2:3: spool.synchronous: unknown synchronous mode "off" (expected one of: normal, full)"#,
        ])
        #expect(try fixture.problems("spool:\n  synchronous: ${SPOOL_SYNC}\nsinks: []\n") == [
            #"config.yaml:2:3: spool.synchronous: unknown synchronous mode "" (expected one of: normal, full) (SPOOL_SYNC is not set)"#,
        ])
    }

    @Test("headers the router or the signing scheme sets are refused: a second copy would come first on the wire")
    func reservedHeaders() throws {
        let problems = try sinkProblems("""
              - name: a
                url: http://x
                headers: { X-Audit-Router-Delivery: x, content-length: "1", Webhook-Signature: "v1,forged", X-Team: ops }
                signing: { scheme: standard-webhooks, secret: whsec_c2VjcmV0 }
              - name: b
                url: http://x
                headers: { webhook-id: mine }
            """)
        #expect(problems == [
            "config.yaml:4:5: sinks[0].headers.X-Audit-Router-Delivery: set by the router: leave it out",
            "config.yaml:4:5: sinks[0].headers.content-length: set by the router: leave it out",
            "config.yaml:4:5: sinks[0].headers.Webhook-Signature: set by the standard-webhooks signature: leave it out",
        ])
    }

    @Test func wrongTypes() throws {
        let problems = try sinkProblems("""
              - name: a
                url: [http://x]
                enabled: maybe
                concurrency: four
                headers: [X-A]
                events: "flag:*"
                retry: { multiplier: fast }
            """)
        #expect(problems == [
            #"config.yaml:3:5: sinks[0].url: expected a single value, got a list"#,
            #"config.yaml:4:5: sinks[0].enabled: expected true or false, got "maybe""#,
            #"config.yaml:5:5: sinks[0].concurrency: expected an integer, got "four""#,
            #"config.yaml:6:5: sinks[0].headers: expected a mapping, got a list"#,
            #"config.yaml:7:5: sinks[0].events: expected a list, got "flag:*""#,
            #"config.yaml:8:14: sinks[0].retry.multiplier: expected a number, got "fast""#,
        ])
        #expect(try fixture.problems("sinks: {}\n") == ["config.yaml:1:1: sinks: expected a list, got a mapping"])
        #expect(try fixture.problems("- a\n") == [#"config.yaml:1:1: expected a mapping, got a list"#])
    }

    @Test func missingRequiredKeys() throws {
        let problems = try sinkProblems("""
              - type: http
              - name: f
                type: file
              - name: s
                signing: { secret: x }
                url: http://x
            """)
        #expect(problems == [
            "config.yaml:2:5: sinks[0].name: required",
            "config.yaml:2:5: sinks[0].url: required for http sinks",
            "config.yaml:3:5: sinks[1].path: required for file sinks",
            "config.yaml:6:5: sinks[2].signing.scheme: required",
        ])
    }

    @Test func sinkNamesAreCheckedAndUnique() throws {
        let problems = try sinkProblems("""
              - { name: a, type: stdout }
              - { name: "b c", type: stdout }
              - { name: a, type: stdout }
            """)
        #expect(problems == [
            #"config.yaml:3:7: sinks[1].name: invalid sink name "b c" (use letters, digits, _ and -)"#,
            #"config.yaml:4:7: sinks[2].name: duplicate sink name "a" (first at line 2)"#,
        ])
    }

    @Test func eachInvalidFilterPatternIsNamed() throws {
        let problems = try sinkProblems("  - name: a\n    type: stdout\n    events: [\"flag:*\", flag, \"a:b:c\"]\n    namespaces: []\n")
        #expect(problems == [
            #"config.yaml:4:24: sinks[0].events[1]: invalid event filter "flag": expected noun:verb, each a name or *"#,
            #"config.yaml:4:30: sinks[0].events[2]: invalid event filter "a:b:c": expected noun:verb, each a name or *"#,
            "config.yaml:5:5: sinks[0].namespaces: empty list (leave the key out instead)",
        ])
    }

    @Test func badListenAddresses() throws {
        for listen in ["8080", "host:port", "1.2.3.4:70000", "a b:80"] {
            #expect(try fixture.problems("server:\n  listen: \(listen)\n") == [
                "config.yaml:2:3: server.listen: invalid listen address \"\(listen)\" (\(listenHint))",
            ])
        }
    }

    @Test func templateParseErrorsCarryTheTemplatesMessage() throws {
        try fixture.write("templates/bad.tmpl", "line one\n{{ .Type ")
        let problems = try sinkProblems("""
              - name: a
                enabled: false
                url: "http://x/{{ .Type"
                headers: { X-A: "{{ end }}" }
                when: "{{ if }}"
              - name: b
                body_file: templates/bad.tmpl
                url: http://x
            """)
        #expect(problems.count == 4)
        #expect(problems[0].hasPrefix("config.yaml:4:5: sinks[0].url: template: a.url:1: "))
        #expect(problems[1].hasPrefix("config.yaml:5:16: sinks[0].headers.X-A: template: a.headers.X-A:1: unexpected {{end}}"))
        #expect(problems[2].hasPrefix("config.yaml:6:5: sinks[0].when: template: a.when:1: missing value for if"))
        #expect(problems[3].hasPrefix("config.yaml:8:5: sinks[1].body_file: templates/bad.tmpl: template: b.body:2: "))
    }

    @Test func bodyFiles() throws {
        let problems = try sinkProblems("""
              - name: a
                url: http://x
                body_file: templates/missing.tmpl
              - name: b
                url: http://x
                body: "{}"
                body_file: templates/ok.tmpl
            """)
        #expect(problems == [
            "config.yaml:4:5: sinks[0].body_file: no such file: templates/missing.tmpl (FOLDER/templates/missing.tmpl)",
            "config.yaml:8:5: sinks[1].body_file: give either body or body_file, not both",
        ])
    }

    @Test func anEmptyURLNamesTheVariable() throws {
        let yaml = """
              - { name: off, enabled: false, url: "${OFF_URL}" }
              - name: slack
                url: ${SLACK_WEBHOOK_URL}
              - name: signed
                url: http://x
                signing: { scheme: github, secret: "${HOOK_SECRET:-}" }
              - name: sw
                url: http://x
                signing: { scheme: standard-webhooks, secret: not-base64 }
            """
        #expect(try sinkProblems(yaml) == [
            "config.yaml:4:5: sinks[1].url: empty (SLACK_WEBHOOK_URL is not set)",
            "config.yaml:7:32: sinks[2].signing.secret: signing secret is empty (HOOK_SECRET is not set)",
            #"config.yaml:10:43: sinks[3].signing.secret: a standard-webhooks secret must be "whsec_" followed by base64"#,
        ])
        #expect(try sinkProblems(yaml, environment: ["SLACK_WEBHOOK_URL": "http://s", "HOOK_SECRET": "k"]).count == 1)
    }

    @Test func httpOnlyKeysOnOtherSinks() throws {
        let problems = try sinkProblems("  - name: a\n    type: stdout\n    url: http://x\n    path: x.jsonl\n  - { name: b, type: ftp }\n")
        #expect(problems == [
            "config.yaml:4:5: sinks[0].url: only http sinks have url (this sink is stdout)",
            "config.yaml:5:5: sinks[0].path: only file sinks have a path (this sink is stdout)",
            #"config.yaml:6:16: sinks[1].type: unknown sink type "ftp" (expected one of: http, stdout, file)"#,
        ])
    }

    @Test func retrySigningAndSourceValues() throws {
        let problems = try fixture.problems("""
            sources:
              flipt: { secret: x }
              launchdarkly: { secret: y }
            sinks:
              - name: a
                url: http://x
                concurrency: 0
                retry: { jitter: 1.5, multiplier: 0.5, max_backoff: 1s, initial_backoff: 2s, max_attempts: 0 }
                signing: { scheme: hmac, secret: s }
                max_render_bytes: 0
                max_render_steps: lots
            """)
        #expect(problems == [
            "config.yaml:3:3: sources.launchdarkly: unknown source (expected one of: flipt, flagr, goflagship, gofeatureflag)",
            "config.yaml:7:5: sinks[0].concurrency: must be at least 1, got 0",
            "config.yaml:8:14: sinks[0].retry.jitter: must be at least 0 and at most 1, got 1.5",
            "config.yaml:8:27: sinks[0].retry.multiplier: must be at least 1, got 0.5",
            "config.yaml:8:44: sinks[0].retry.max_backoff: max_backoff must not be shorter than initial_backoff",
            "config.yaml:8:82: sinks[0].retry.max_attempts: must be at least 1, got 0",
            #"config.yaml:9:16: sinks[0].signing.scheme: unknown signing scheme "hmac" (expected one of: flipt, github, flagship, flagr, standard-webhooks)"#,
            "config.yaml:10:5: sinks[0].max_render_bytes: must be at least 1, got 0",
            #"config.yaml:11:5: sinks[0].max_render_steps: expected an integer, got "lots""#,
        ])
    }

    @Test func malformedReferences() throws {
        let problems = try fixture.problems("server:\n  listen: ${LISTEN\n  admin_token: ${1X}\n  max_body_bytes: ${MAX}\n")
        #expect(problems == [
            #"config.yaml:2:3: server.listen: unterminated "${" (write $$ for a literal $)"#,
            #"config.yaml:3:3: server.admin_token: invalid reference "${1X}" (use ${VAR}, ${VAR:-default} or ${VAR:+value})"#,
            #"config.yaml:4:3: server.max_body_bytes: expected an integer, got "" (MAX is not set)"#,
        ])
    }

    @Test func columnsAfterAnUnquotedReferenceStayRight() throws {
        #expect(try fixture.problems("server: { admin_token: ${T:-x}, port: 1 }\n") == [
            "config.yaml:1:33: server.port: unknown key (expected one of: listen, ingest_token, admin_token, max_body_bytes, drain_timeout, idle_timeout, tls)",
        ])
    }

    @Test func yamlSyntaxErrors() throws {
        #expect(try fixture.problems("server:\n  listen: [a\n") == [
            "config.yaml:3:1: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 2, column 11)",
        ])
        #expect(try fixture.problems("server: {}\nserver: {}\n") == [#"config.yaml:1:1: duplicate key "server" in a mapping"#])
        #expect(try fixture.problems("a: b\n  c: d\n") == ["config.yaml:2:4: invalid YAML: mapping values are not allowed in this context"])
    }

    @Test func everyProblemIsReportedOneLineEach() throws {
        do {
            _ = try fixture.load("server: { listen: x, max_body_bytes: 0 }\nsinks:\n  - { name: a, timeout: 5 }\n")
            Issue.record("loaded")
        } catch let error as ConfigurationError {
            #expect(error.problems.count == 4)
            #expect(error.description.split(separator: "\n").count == 4)
            #expect(error.problems.allSatisfy { $0.line != nil && $0.file.hasSuffix("config.yaml") })
        }
    }

    @Test func aMissingFile() throws {
        let path = fixture.directory.appendingPathComponent("nope.yaml").path
        #expect(throws: ConfigurationError.self) { try ConfigurationLoader.load(path: path, environment: [:]) }
        do {
            _ = try ConfigurationLoader.load(path: path, environment: [:])
        } catch {
            #expect(error.description == "\(path): no such file")
        }
    }
}
