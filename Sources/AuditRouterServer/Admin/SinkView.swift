import AuditRouter
import GoTemplate

/// A sink as the admin API shows it: its settings with secrets redacted, its state (`running`,
/// `paused`, `disabled`), its spool counters, and the last success and error of its dispatcher.
enum SinkView {
    /// The sink's state, counters and settings, then the `extra` fields.
    static func value(_ sink: SinkConfiguration, health: SinkHealth?, counts: Spool.SinkCounts, adding extra: [(String, Value)] = []) -> Value {
        let state = !sink.enabled ? "disabled" : health?.paused == true ? "paused" : "running"
        return .map(ValueMap([
            ("name", .string(sink.name)),
            ("state", .string(state)),
            ("pause_reason", AdminJSON.string(health?.paused == true ? health?.pauseReason : nil)),
            ("counters", counters(counts)),
            ("last_success", AdminJSON.time(health?.lastSuccess)),
            ("last_failure", AdminJSON.time(health?.lastFailure)),
            ("last_error", AdminJSON.string(health?.lastError)),
            ("failing_since", AdminJSON.time(health?.failingSince)),
            ("consecutive_failures", .int64(Int64(health?.consecutiveFailures ?? 0))),
            ("settings", settings(sink)),
        ] + extra))
    }

    /// A sink's spool counters: `pending` (of which `retrying`), `delivered`, `dead` (of which `parked`).
    static func counters(_ counts: Spool.SinkCounts) -> Value {
        .map(ValueMap([
            ("pending", .int64(Int64(counts.pending))),
            ("retrying", .int64(Int64(counts.retrying))),
            ("delivered", .int64(Int64(counts.delivered))),
            ("dead", .int64(Int64(counts.dead))),
            ("parked", .int64(Int64(counts.parked))),
        ]))
    }

    /// What the configuration says of the sink, secrets replaced by `***`. Template texts that may
    /// hold secrets (the body, `when`) are only flagged (`custom_body`, `when_condition`).
    static func settings(_ sink: SinkConfiguration) -> Value {
        let retry = sink.retry
        return .map(ValueMap([
            ("type", .string(sink.kind.rawValue)),
            ("enabled", .bool(sink.enabled)),
            ("url", .string(SecretRedaction.url(sink.url))),
            ("method", .string(sink.method)),
            ("headers", .map(ValueMap(sink.headers.map { header in
                (header.name, .string(SecretRedaction.isSecretHeader(header.name) ? SecretRedaction.mask : header.value))
            }))),
            ("custom_body", .bool(sink.body != nil)),
            ("body_file", AdminJSON.string(sink.bodyFile)),
            ("path", AdminJSON.string(sink.filePath)),
            ("events", .array(sink.events.patternTexts.map(Value.string))),
            ("namespaces", sink.namespaces.map { .array($0.map(Value.string)) } ?? .null),
            ("when_condition", .bool(sink.when != nil)),
            ("alerts", .array(sink.alerts.patternTexts.map(Value.string))),
            ("timeout", .string(AdminJSON.durationText(sink.timeout))),
            ("concurrency", .int64(Int64(sink.concurrency))),
            ("retry", .map(ValueMap([
                ("max_attempts", .int64(Int64(retry.maxAttempts))),
                ("initial_backoff", .string(AdminJSON.durationText(retry.initialBackoff))),
                ("multiplier", .float64(retry.multiplier)),
                ("max_backoff", .string(AdminJSON.durationText(retry.maxBackoff))),
                ("max_elapsed", .string(AdminJSON.durationText(retry.maxElapsed))),
                ("jitter", .float64(retry.jitter)),
            ]))),
            ("signing", sink.signing.map { signing in
                .map(ValueMap([("scheme", .string(signing.scheme.rawValue)), ("secret", .string(SecretRedaction.mask))]))
            } ?? .null),
            ("tls", sink.tls.map { tls in
                .map(ValueMap([
                    ("ca_file", AdminJSON.string(tls.caFile)), ("cert_file", AdminJSON.string(tls.certificateFile)),
                    ("key_file", AdminJSON.string(tls.keyFile)), ("insecure_skip_verify", .bool(tls.insecureSkipVerify)),
                ]))
            } ?? .null),
            ("pause_after", sink.pauseAfter.map { .string(AdminJSON.durationText($0)) } ?? .null),
            ("max_render_bytes", .int64(Int64(sink.renderLimits.maxBytes))),
            ("max_render_steps", .int64(Int64(sink.renderLimits.maxSteps))),
        ]))
    }
}
