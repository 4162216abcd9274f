import ArgumentParser
import AuditRouter
import Foundation
import GoTemplate

/// `audit-router validate`: loads the configuration, compiles every template, and renders every
/// sink against sample events of every source and type (and sample alerts of the kinds its
/// `alerts` select), printing each problem with its place.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a configuration: keys, types, templates, and every sink rendered against sample events.")

    @Option(name: .long, help: "The configuration file.")
    var config = "config.yaml"

    func run() throws {
        let configuration = try loadConfiguration(config)
        let renderer = RequestRenderer(meta: configuration.meta)
        let router = EventRouter(sinks: configuration.sinks, meta: configuration.meta)
        var problems: [String] = []
        var renders = 0
        for sink in configuration.sinks {
            for event in SampleEvents.all {
                // A sink only ever renders events its filters let through; a failing `when` is a problem.
                do {
                    guard try router.accepts(sink, event, event.templateValue(meta: configuration.meta)) else { continue }
                } catch {
                    problems.append("\(config): sinks.\(sink.name).when: \(event.sourceName) \(event.nounVerb) sample: \(error.message)")
                    continue
                }
                do {
                    _ = try renderer.render(sink: sink, event: event, deliveryID: "dlv_validate")
                    renders += 1
                } catch {
                    problems.append("\(config): sinks.\(sink.name): \(event.sourceName) \(event.nounVerb) sample: \(error.message)")
                }
            }
            for alert in OperatorAlert.samples() where alert.kind.isSelected(by: sink.alerts) {
                do {
                    _ = try renderer.render(sink: sink, event: alert.event(id: "evt_validate", at: Date()), deliveryID: "dlv_validate")
                    renders += 1
                } catch {
                    problems.append("\(config): sinks.\(sink.name): \(alert.kind.rawValue) sample alert: \(error.message)")
                }
            }
        }
        for problem in problems { print(problem) }
        let enabled = configuration.sinks.filter(\.enabled).count
        print("\(config): \(configuration.sinks.count) sinks (\(enabled) enabled), \(renders) sample renders, \(problems.count) problems")
        if !problems.isEmpty { throw ExitCode(1) }
    }
}
