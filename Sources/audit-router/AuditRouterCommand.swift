import ArgumentParser

/// The `audit-router` command line.
@main
struct AuditRouterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit-router",
        abstract: "Routes audit events to many sinks, shaped by Go templates.",
        subcommands: [ServeCommand.self, ValidateCommand.self, PreviewCommand.self, TemplateCommand.self],
        defaultSubcommand: nil
    )
}
