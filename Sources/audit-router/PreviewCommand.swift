import ArgumentParser
import AuditRouter
import Foundation
import GoTemplate

/// `audit-router preview`: prints the request a sink would send for an event, without sending.
struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Print the request (method, URL, headers, body) a sink would send for an event.")

    @Option(name: .long, help: "The configuration file.")
    var config = "config.yaml"

    @Option(name: .long, help: "The sink's name.")
    var sink: String

    @Option(name: .long, help: "A JSON file with the event, in any ingest format (see --source).")
    var event: String

    @Option(name: .long, help: "The event's format: flipt (default), flagr, goflagship or gofeatureflag.")
    var source: String = "flipt"

    func run() throws {
        let configuration = try loadConfiguration(config)
        guard let sinkConfiguration = configuration.sinks.first(where: { $0.name == sink }) else {
            fail("no sink named \"\(sink)\" in \(config) (sinks: \(configuration.sinks.map(\.name).joined(separator: ", ")))")
        }
        guard let eventSource = EventSource(rawValue: source) else {
            fail("unknown source \"\(source)\" (flipt, flagr, goflagship, gofeatureflag)")
        }
        guard let data = FileManager.default.contents(atPath: event) else {
            fail("\(event): cannot read the file")
        }
        let events: [Event]
        do {
            events = try SourceFormat.normalize(source: eventSource, body: Array(data), receivedAt: Date(), makeID: { Identifier.make("evt") })
        } catch {
            fail("\(event): \(error)")
        }
        let renderer = RequestRenderer(meta: configuration.meta)
        for (index, normalized) in events.enumerated() {
            if events.count > 1 { print("# event \(index + 1) of \(events.count): \(normalized.nounVerb)") }
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
}
