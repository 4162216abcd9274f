import ArgumentParser
import AuditRouter
import AuditRouterServer
import Hummingbird
import Logging

/// `audit-router serve`: runs the router with a configuration file.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Receive audit events over HTTP and deliver them to the configured sinks.")

    @Option(name: .long, help: "The configuration file.")
    var config = "config.yaml"

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    func run() async throws {
        let configuration = try loadConfiguration(config)
        let logger = {
            var logger = Logger(label: "audit-router")
            logger.logLevel = logLevel
            return logger
        }()
        logger.info("starting", metadata: [
            "config": "\(config)", "listen": "\(configuration.server.host):\(configuration.server.port)",
            "spool": "\(configuration.spool.path)", "sinks": "\(configuration.sinks.filter(\.enabled).map(\.name).joined(separator: ","))",
        ])
        // A reload with these is rejected; at start there is no configuration to fall back on, so
        // the router runs and says which deliveries will fail.
        for problem in SampleRenderCheck(configuration).problems {
            logger.warning("a sink fails a sample render; deliveries like that sample will fail", metadata: ["config": "\(config)", "problem": "\(problem)"])
        }
        let app = try await RouterApplication.build(configuration: configuration, configurationPath: config, logger: logger, bootstrapMetrics: true) { port in
            logger.info("listening", metadata: ["port": "\(port)"])
        }
        try await RouterApplication.run(app, drainTimeout: configuration.server.drainTimeout, logger: logger)
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// Loads a configuration file, or exits with status 1 after printing its problems on stderr,
/// one `file:line:column: key: message` per line.
func loadConfiguration(_ path: String) throws -> RouterConfiguration {
    do {
        return try ConfigurationLoader.load(path: path)
    } catch {
        FileHandleLite.standardError.write(Array("\(error)\n".utf8))
        throw ExitCode.failure
    }
}
