import ArgumentParser

/// Every subcommand, in the order `tokencast --help` lists them.
enum CommandRegistry {
    static let all: [ParsableCommand.Type] = [
        RunCommand.self,
        CheckCommand.self,
        ForecastCommand.self,
        DiffCommand.self,
    ]
}
