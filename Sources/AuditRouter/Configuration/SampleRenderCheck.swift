import Foundation
import GoTemplate

/// Renders every sink of a configuration against sample events of every source and type, and
/// sample alerts of the kinds its `alerts` select, as `validate` and a reload do: a template
/// that fails, a `when` that errs, a JSON body that is not JSON or a URL that cannot be sent to
/// is found before any real event meets it.
///
/// A sink renders the samples its filters let through. A sink that no sample passes (a
/// namespace or `when` no sample meets) renders the samples of its `events` regardless of
/// namespace and `when`, or every sample when no sample type matches `events` either, so that
/// its templates are never left unchecked.
public struct SampleRenderCheck: Sendable {
    /// Sample requests rendered.
    public private(set) var renders = 0
    /// One line per distinct problem of a sink, naming the samples it came from.
    public private(set) var problems: [String] = []

    /// Checks every sink of `configuration`, disabled ones included.
    public init(_ configuration: RouterConfiguration) {
        let renderer = RequestRenderer(meta: configuration.meta)
        let router = EventRouter(sinks: configuration.sinks, meta: configuration.meta)
        for (index, sink) in configuration.sinks.enumerated() {
            var failures = SinkFailures(place: "sinks[\(index)] (\(sink.name))")
            var passing: [Event] = []
            for event in SampleEvents.all {
                do {
                    if try router.accepts(sink, event, event.templateValue(meta: configuration.meta)) { passing.append(event) }
                } catch {
                    failures.add("when: \(error.message)", sample: Self.label(event))
                }
            }
            var samples = passing
            if passing.isEmpty, !sink.events.patternTexts.isEmpty {
                samples = SampleEvents.all.filter { sink.events.matches(type: $0.type, action: $0.action) }
                if samples.isEmpty { samples = SampleEvents.all }
                failures.note = " (no sample passes the sink's filters; rendered against samples outside them)"
            }
            for event in samples {
                render(sink, event, label: Self.label(event), renderer, &failures)
            }
            for alert in OperatorAlert.samples() where alert.kind.isSelected(by: sink.alerts) {
                render(sink, alert.event(id: "evt_sample", at: Date()), label: "\(alert.kind.rawValue) alert", renderer, &failures)
            }
            problems += failures.lines
        }
    }

    private mutating func render(_ sink: SinkConfiguration, _ event: Event, label: String, _ renderer: RequestRenderer, _ failures: inout SinkFailures) {
        do {
            _ = try renderer.render(sink: sink, event: event, deliveryID: "dlv_sample")
            renders += 1
        } catch {
            failures.add(error.message, sample: label)
        }
    }

    private static func label(_ event: Event) -> String {
        "\(event.sourceName) \(event.nounVerb)"
    }

    /// A sink's problems, each with the (distinct) samples it came from, in order of first sight.
    private struct SinkFailures {
        let place: String
        var note = ""
        private var order: [String] = []
        private var samples: [String: [String]] = [:]

        init(place: String) {
            self.place = place
        }

        mutating func add(_ message: String, sample: String) {
            if samples[message] == nil { order.append(message) }
            if samples[message, default: []].contains(sample) { return }
            samples[message, default: []].append(sample)
        }

        var lines: [String] {
            order.map { message in
                let from = samples[message] ?? []
                let shown = from.prefix(3).joined(separator: ", ") + (from.count > 3 ? ", … \(from.count) samples in all" : "")
                return "\(place): \(message) (sample: \(shown))\(note)"
            }
        }
    }
}
