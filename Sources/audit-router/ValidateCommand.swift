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
        let check = SampleRenderCheck(configuration)
        for problem in check.problems { print("\(config): \(problem)") }
        let enabled = configuration.sinks.filter(\.enabled).count
        print("\(config): \(configuration.sinks.count) sinks (\(enabled) enabled), \(check.renders) sample renders, \(check.problems.count) problems")
        if !check.problems.isEmpty { throw ExitCode(1) }
    }
}
