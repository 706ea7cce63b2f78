import ArgumentParser

/// Every subcommand, in the order `tokencast --help` lists them.
enum CommandRegistry {
    static let all: [ParsableCommand.Type] = [
        RunCommand.self,
        CheckCommand.self,
        SensitivityCommand.self,
        PricesCommand.self,
        ImportCommand.self,
        ThreadsCommand.self,
        ReportCommand.self,
        StatuslineCommand.self,
        FitCommand.self,
        BacktestCommand.self,
        ValidateCommand.self,
        PlansCommand.self,
        ForecastCommand.self,
        DiffCommand.self,
        CalibrateCommand.self,
        OutlookCommand.self,
    ]
}
