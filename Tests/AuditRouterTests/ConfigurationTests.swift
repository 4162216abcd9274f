import Foundation
import GoTemplate
import Testing

@testable import AuditRouter

/// A temporary folder holding a `config.yaml` and whatever files it names; removed when released.
final class ConfigurationFixture {
    let directory: URL

    init(files: [String: String] = [:]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (path, contents) in files { try write(path, contents) }
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func write(_ path: String, _ contents: String) throws {
        let url = directory.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try contents.write(to: url, atomically: true, encoding: .utf8)
    }

    /// Writes `yaml` as `config.yaml` and loads it.
    func load(_ yaml: String, environment: [String: String] = [:]) throws -> RouterConfiguration {
        try write("config.yaml", yaml)
        return try ConfigurationLoader.load(path: directory.appendingPathComponent("config.yaml").path, environment: environment)
    }

    /// The problems loading `yaml` reports, one line each, with the folder left out of the
    /// config file's name and written `FOLDER` elsewhere.
    func problems(_ yaml: String, environment: [String: String] = [:]) throws -> [String] {
        do {
            _ = try load(yaml, environment: environment)
            return []
        } catch let error as ConfigurationError {
            return error.problems.map {
                $0.description.replacingOccurrences(of: directory.path + "/config.yaml", with: "config.yaml")
                    .replacingOccurrences(of: directory.path, with: "FOLDER")
            }
        }
    }
}

/// A Flipt flag event for rendering templates.
let sampleEvent = Event(
    id: "evt_1", source: .flipt, type: "flag", action: "created", payload: ["key": "dark-mode"],
    timestamp: "2025-01-01T00:00:00Z", namespace: "production")

@Suite struct ConfigurationTests {
    @Test func defaultsFillEverythingLeftOut() throws {
        let fixture = try ConfigurationFixture()
        let config = try fixture.load("sinks:\n  - name: hook\n    url: https://example.com/hook\n")
        #expect(config.server == ServerSettings(host: "127.0.0.1", port: 8080, maxBodyBytes: 1_048_576))
        #expect(config.server.ingestToken == nil && config.server.adminToken == nil)
        #expect(config.spool.path == fixture.directory.appendingPathComponent("data/spool.sqlite").standardizedFileURL.path)
        #expect(config.meta["hostname"] != nil)
        #expect(config.sources.isEmpty)
        let sink = try #require(config.sinks.first)
        #expect(sink.name == "hook" && sink.kind == .http && sink.enabled && sink.method == "POST")
        #expect(sink.headers.map(\.name) == ["Content-Type"] && sink.headers.map(\.value) == ["application/json"])
        #expect(sink.headerTemplates.map(\.template.name) == ["hook.headers.Content-Type"])
        #expect(sink.body == nil && sink.bodyTemplate == nil && sink.bodyFile == nil && sink.filePath == nil)
        #expect(sink.events.matches(type: "segment", action: "deleted"))
        #expect(sink.namespaces == nil && sink.when == nil && sink.signing == nil)
        #expect(sink.timeout == .seconds(10) && sink.concurrency == 4)
        #expect(sink.renderLimits == RenderLimits(maxBytes: 4_194_304, maxSteps: 1_000_000))
        #expect(sink.bodyTemplate == nil && sink.urlTemplate?.options.maxSteps == 1_000_000)
        #expect(sink.urlTemplate?.options.maxOutputBytes == 4_194_304)
        #expect(sink.retry == RetryPolicySettings(
            maxAttempts: 10, initialBackoff: .seconds(1), multiplier: 2, maxBackoff: .seconds(300),
            maxElapsed: .seconds(86_400), jitter: 0.2))
        #expect(try sink.urlTemplate?.render(.null) == "https://example.com/hook")
    }

    @Test("max_render_bytes and max_render_steps reach every template of the sink")
    func renderLimits() throws {
        let fixture = try ConfigurationFixture()
        let config = try fixture.load("""
            sinks:
              - name: hook
                url: https://example.com/hook
                headers: { X-Key: "{{ .Type }}" }
                body: "{{ toJson . }}"
                when: "true"
                max_render_bytes: 2048
                max_render_steps: 300
            """)
        let sink = try #require(config.sinks.first)
        #expect(sink.renderLimits == RenderLimits(maxBytes: 2048, maxSteps: 300))
        let templates = [sink.urlTemplate, sink.bodyTemplate, sink.when] + sink.headerTemplates.map(\.template)
        #expect(templates.count == 5)
        for template in templates {
            #expect(template?.options.maxOutputBytes == 2048 && template?.options.maxSteps == 300)
            #expect(template?.options.lenientNumbers == true)
        }
    }

    @Test func anEmptyFileIsAllDefaults() throws {
        let config = try ConfigurationFixture().load("")
        #expect(config.sinks.isEmpty && config.server.port == 8080 && config.meta.keys == ["hostname"])
    }

    @Test func everyKeyOfTheIssueExample() throws {
        let fixture = try ConfigurationFixture(files: [
            "templates/slack.tmpl": #"{"text": "{{ .Type }} {{ .Action }} by {{ .Meta.cluster }}"}"#,
        ])
        let config = try fixture.load("""
            server:
              listen: 0.0.0.0:9090
              ingest_token: ${INGEST_TOKEN:-}
              admin_token: s3cret
              max_body_bytes: 2048
            spool:
              path: /var/lib/audit/spool.sqlite
              synchronous: full
            meta:
              cluster: eu-1
            sources:
              flipt: { secret: ${FLIPT_SECRET:-} }
              flagr: { secret: flagr-key, max_body_bytes: 8000000 }
            sinks:
              - name: slack
                type: http
                enabled: true
                url: ${SLACK_WEBHOOK_URL}
                method: put
                headers: { Content-Type: application/json, X-Cluster: "{{ .Meta.cluster }}" }
                body_file: templates/slack.tmpl
                events: ["flag:*", "*:deleted"]
                namespaces: [production]
                when: '{{ eq .Status "success" }}'
                timeout: 1500ms
                concurrency: 8
                retry: { max_attempts: 3, initial_backoff: 2s, multiplier: 1.5, max_backoff: 1m, max_elapsed: 1h30m, jitter: 0 }
                signing: { scheme: standard-webhooks, secret: ${SLACK_SIGNING_SECRET} }
            """, environment: ["SLACK_WEBHOOK_URL": "https://hooks.slack.com/x", "SLACK_SIGNING_SECRET": "whsec_c2VjcmV0"])
        #expect(config.server == ServerSettings(host: "0.0.0.0", port: 9090, adminToken: "s3cret", maxBodyBytes: 2048))
        #expect(config.spool.path == "/var/lib/audit/spool.sqlite" && config.spool.synchronous == .full)
        #expect(config.sources == [.flipt: SourceConfiguration(secret: nil), .flagr: SourceConfiguration(secret: "flagr-key", maxBodyBytes: 8_000_000)])
        let sink = try #require(config.sinks.first)
        #expect(sink.url == "https://hooks.slack.com/x" && sink.method == "PUT")
        #expect(sink.headers.map(\.name) == ["Content-Type", "X-Cluster"])
        #expect(sink.bodyFile == fixture.directory.appendingPathComponent("templates/slack.tmpl").path)
        #expect(sink.bodyTemplate?.name == "slack.body" && sink.when?.name == "slack.when")
        #expect(sink.events.matches(type: "flag", action: "updated") && sink.events.matches(type: "segment", action: "deleted"))
        #expect(!sink.events.matches(type: "segment", action: "created"))
        #expect(sink.namespaces == ["production"])
        #expect(sink.timeout == .milliseconds(1500) && sink.concurrency == 8)
        #expect(sink.retry == RetryPolicySettings(
            maxAttempts: 3, initialBackoff: .seconds(2), multiplier: 1.5, maxBackoff: .seconds(60),
            maxElapsed: .seconds(5400), jitter: 0))
        #expect(sink.signing == SigningSettings(scheme: .standardWebhooks, secret: "whsec_c2VjcmV0"))
        let data = sampleEvent.templateValue(meta: config.meta)
        #expect(try sink.bodyTemplate?.render(data) == #"{"text": "flag created by eu-1"}"#)
        #expect(try sink.headerTemplates[1].template.render(data) == "eu-1")
        #expect(try sink.when?.render(data) == "true")
    }

    @Test func environmentReferencesAreExpandedBeforeTyping() throws {
        let yaml = """
            meta:
              count: ${COUNT:-3}
              flag: ${FLAG}
              quoted: "${COUNT:-3}"
              price: $$5
            sinks:
              - name: hook
                enabled: ${HOOK_ENABLED:-false}
                url: https://${HOST:-example.com}/${PATH_PART:+p/}hook
                body: '{{ $x := .Type }}{{ $x }}'
                concurrency: ${CONCURRENCY:-2}
            """
        let fixture = try ConfigurationFixture()
        let off = try fixture.load(yaml)
        #expect(off.meta["count"] == Value.int64(3))
        #expect(off.meta["quoted"] == Value.string("3"))
        #expect(off.meta["flag"] == Value.null)
        #expect(off.meta["price"] == Value.string("$5"))
        #expect(off.sinks[0].enabled == false && off.sinks[0].url == "https://example.com/hook")
        #expect(off.sinks[0].concurrency == 2 && off.sinks[0].body == "{{ $x := .Type }}{{ $x }}")
        let on = try fixture.load(yaml, environment: [
            "HOOK_ENABLED": "TRUE", "HOST": "h.test", "PATH_PART": "1", "CONCURRENCY": "7", "FLAG": "yes",
        ])
        #expect(on.sinks[0].enabled && on.sinks[0].url == "https://h.test/p/hook" && on.sinks[0].concurrency == 7)
        #expect(on.meta["flag"] == Value.string("yes"))  // JSON's reading, not YAML 1.1's
    }

    @Test("meta values are typed as JSON would read them: YAML 1.1's octal, base 60, yes/no/on/off and hex stay strings")
    func metaValuesTypedAsJSON() throws {
        let yaml = """
            meta:
              index: ${INDEX}
              time: ${TIME}
              switch: ${SWITCH}
              hex: ${HEX}
              count: ${COUNT}
              ratio: ${RATIO}
              big: ${BIG}
              on: ${ON}
              written: 0110
              none: ~
            sinks:
              - { name: out, type: stdout }
            """
        let config = try ConfigurationFixture().load(yaml, environment: [
            "INDEX": "0110", "TIME": "12:30", "SWITCH": "off", "HEX": "0x1F", "COUNT": "-42", "RATIO": "1.5e3",
            "BIG": "9223372036854775808", "ON": "true",
        ])
        #expect(config.meta["index"] == Value.string("0110"))
        #expect(config.meta["time"] == Value.string("12:30"))
        #expect(config.meta["switch"] == Value.string("off"))
        #expect(config.meta["hex"] == Value.string("0x1F"))
        #expect(config.meta["count"] == Value.int64(-42))
        #expect(config.meta["ratio"] == Value.float64(1500))
        #expect(config.meta["big"] == Value.float64(9223372036854775808))
        #expect(config.meta["on"] == Value.bool(true))
        #expect(config.meta["written"] == Value.string("0110"))
        #expect(config.meta["none"] == Value.null)
    }

    @Test("an empty or null enabled turns a sink off, as an unset variable does")
    func emptyEnabledIsOff() throws {
        let config = try ConfigurationFixture().load("""
            sinks:
              - { name: a, type: stdout, enabled: }
              - { name: b, type: stdout, enabled: ~ }
              - { name: c, type: stdout, enabled: "" }
              - { name: d, type: stdout, enabled: ${UNSET_FLAG} }
              - { name: e, type: stdout }
            """)
        #expect(config.sinks.map(\.enabled) == [false, false, false, false, true])
    }

    @Test func referencesNeedNoQuotesInFlowCollections() throws {
        let config = try ConfigurationFixture().load("""
            meta: { a: ${A}, b: [${B:-x}, "${A:+{y}}"], c: '${C:-${A}}', d: {e: ${A}} }
            sinks: [{ name: s, type: stdout, events: [${EVENTS:-flag:*}] }]
            """, environment: ["A": "1"])
        #expect(config.meta["a"] == .int64(1) && config.meta["b"] == ["x", "{y}"] && config.meta["c"] == "1")
        #expect(config.meta["d"] == ["e": 1])
        #expect(config.sinks[0].events.matches(type: "flag", action: "created"))
        #expect(!config.sinks[0].events.matches(type: "segment", action: "created"))
    }

    @Test func headersKeepTheirOrderAndAGivenContentType() throws {
        let config = try ConfigurationFixture().load("""
            sinks:
              - name: a
                url: http://x
                headers:
                  X-B: b
                  content-type: text/plain
                  X-A: a
              - name: out
                type: stdout
            """)
        #expect(config.sinks[0].headers.map(\.name) == ["X-B", "content-type", "X-A"])
        #expect(config.sinks[1].headers.isEmpty && config.sinks[1].urlTemplate == nil && config.sinks[1].url == "")
    }

    @Test func fileSinkPathIsResolvedAgainstTheConfigFolder() throws {
        let fixture = try ConfigurationFixture()
        let config = try fixture.load("spool: { path: ./state/../spool.db }\nsinks:\n  - { name: f, type: file, path: data/e.jsonl }\n")
        #expect(config.sinks[0].filePath == fixture.directory.appendingPathComponent("data/e.jsonl").path)
        #expect(config.spool.path == fixture.directory.appendingPathComponent("spool.db").path)
        #expect(config.sinks[0].kind == .file && config.sinks[0].headers.isEmpty)
    }

    @Test func mergeKeysShareSettingsBetweenSinks() throws {
        let config = try ConfigurationFixture().load("""
            sinks:
              - &base
                name: a
                url: http://a
                timeout: 3s
                retry: { max_attempts: 2 }
              - <<: *base
                name: b
            """)
        #expect(config.sinks.map(\.name) == ["a", "b"])
        #expect(config.sinks[1].url == "http://a" && config.sinks[1].timeout == .seconds(3))
        #expect(config.sinks[1].retry.maxAttempts == 2)
    }

    @Test func metaKeepsAGivenHostnameAndNestedValues() throws {
        let config = try ConfigurationFixture().load("meta:\n  hostname: box\n  team: { name: core, size: 4 }\n  tags: [a, b]\n")
        #expect(config.meta["hostname"] == Value.string("box"))
        let team: Value = ["name": "core", "size": 4]
        #expect(config.meta["team"] == team)
        #expect(config.meta["tags"] == Value.array(["a", "b"]))
    }

    @Test(arguments: [("127.0.0.1:8080", "127.0.0.1", 8080), (":9090", "0.0.0.0", 9090), ("[::1]:0", "::1", 0), ("localhost:80", "localhost", 80)])
    func listenAddresses(listen: String, host: String, port: Int) throws {
        let config = try ConfigurationFixture().load("server: { listen: \"\(listen)\" }\n")
        #expect(config.server.host == host && config.server.port == port)
    }

    @Test func theSinkInitializerCompilesAsTheLoaderDoes() throws {
        let sink = try SinkConfiguration(name: "t", url: "http://x/{{ .Type }}", body: "{{ toJson .Payload }}", when: "{{ 1 }}")
        #expect(sink.headers.map(\.name) == ["Content-Type"] && sink.urlTemplate?.name == "t.url")
        #expect(try sink.bodyTemplate?.render(sampleEvent.templateValue()) == #"{"key":"dark-mode"}"#)
        #expect(throws: TemplateError.self) { try SinkConfiguration(name: "t", url: "{{ .Type ") }
    }
}
