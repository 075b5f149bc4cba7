import ArgumentParser

@main
struct Switchyard: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "switchyard",
        abstract: "An AI gateway: one OpenAI-compatible endpoint in front of many model providers.",
        subcommands: [
            ServeCommand.self, CheckConfigCommand.self, KeysCommand.self, TeamsCommand.self, UsersCommand.self, SpendCommand.self,
            MockProviderCommand.self,
        ],
        defaultSubcommand: ServeCommand.self
    )
}
