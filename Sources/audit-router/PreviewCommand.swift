import ArgumentParser
import AuditRouter
import Foundation
import GoTemplate

/// `audit-router preview`: prints the request a sink would send for an event (or a sample
/// operator alert), without sending; notes on standard error when the sink's filters would keep
/// the event from it.
struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Print the request (method, URL, headers, body) a sink would send for an event.")

    @Option(name: .long, help: "The configuration file.")
    var config = "config.yaml"

    @Option(name: .long, help: "The sink's name.")
    var sink: String

    @Option(name: .long, help: "A JSON file with the event, in any ingest format (see --source).")
    var event: String?

    @Option(name: .long, help: "Instead of --event, a sample operator alert: sink:failing, sink:recovered, sink:paused, sink:resumed or delivery:dead.")
    var alert: String?

    @Option(name: .long, help: "The event's format: flipt (default), flagr, goflagship or gofeatureflag.")
    var source: String = "flipt"

    func run() throws {
        let configuration = try loadConfiguration(config)
        guard let sinkConfiguration = configuration.sinks.first(where: { $0.name == sink }) else {
            fail("no sink named \"\(sink)\" in \(config) (sinks: \(configuration.sinks.map(\.name).joined(separator: ", ")))")
        }
        let events = switch (event, alert) {
        case (let event?, nil): normalizedEvents(event)
        case (nil, let alert?): [sampleAlert(alert)]
        default: fail("give either --event FILE or --alert KIND")
        }
        let renderer = RequestRenderer(meta: configuration.meta)
        let router = EventRouter(sinks: configuration.sinks, meta: configuration.meta)
        for (index, normalized) in events.enumerated() {
            if events.count > 1 { print("# event \(index + 1) of \(events.count): \(normalized.nounVerb)") }
            if let reason = Self.filteredOut(normalized, by: sinkConfiguration, router, meta: configuration.meta) {
                FileHandleLite.standardError.write(Array("note: sink \(sink) would not receive this \(normalized.nounVerb) \(reason)\n".utf8))
            }
            do {
                let request = try renderer.render(sink: sinkConfiguration, event: normalized, deliveryID: Identifier.make("dlv"))
                if sinkConfiguration.kind == .http {
                    print("\(request.method) \(request.url)")
                    for (name, value) in request.headers { print("\(name): \(value)") }
                    print("")
                } else {
                    print("# \(sinkConfiguration.kind.rawValue) sink \(sink): this body is written as one line")
                }
                print(String(decoding: request.body, as: UTF8.self))
            } catch {
                fail("sink \(sink): \(error.message)")
            }
        }
    }

    /// The events of the file `path`, normalized from `--source`.
    private func normalizedEvents(_ path: String) -> [Event] {
        guard let eventSource = EventSource(rawValue: source) else {
            fail("unknown source \"\(source)\" (flipt, flagr, goflagship, gofeatureflag)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            fail("\(path): cannot read the file")
        }
        do {
            let events = try SourceFormat.normalize(source: eventSource, body: Array(data), receivedAt: Date(), makeID: { Identifier.make("evt") })
            if events.isEmpty { fail("\(path): no events in the file") }
            return events
        } catch {
            fail("\(path): \(error)")
        }
    }

    /// Why `sink` would not receive `event` (its `events`, `namespaces` or `when`; for an alert,
    /// its `alerts`), or nil when it would.
    private static func filteredOut(_ event: Event, by sink: SinkConfiguration, _ router: EventRouter, meta: ValueMap) -> String? {
        if event.isOperatorAlert {
            return AlertKind.allCases.contains { $0.rawValue == event.nounVerb && $0.isSelected(by: sink.alerts) }
                ? nil : "alert: its alerts do not select it"
        }
        do {
            return try router.accepts(sink, event, event.templateValue(meta: meta))
                ? nil : "event: its events, namespaces or when filter leaves it out"
        } catch {
            return "event: its when template fails: \(error.message)"
        }
    }

    /// The sample alert of kind `name` (`OperatorAlert.samples`).
    private func sampleAlert(_ name: String) -> Event {
        guard let kind = AlertKind(rawValue: name) else {
            fail("unknown alert \"\(name)\" (\(AlertKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return OperatorAlert.samples().first { $0.kind == kind }!.event(id: Identifier.make("evt"), at: Date())
    }
}
