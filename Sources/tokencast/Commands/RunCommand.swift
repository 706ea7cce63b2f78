import ArgumentParser
import Foundation
import Reports
import Scenario
import Simulation

/// `tokencast run SCENARIO`: one developer's spend over the horizon.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Forecast one developer's spend from a scenario file.",
        discussion:
            "Prints the distribution of spend over the scenario's horizon (a year by default), cost per completed task, waste share and a breakdown by model and month."
    )

    @Argument(help: "The scenario file (YAML); see docs/scenarios.md.")
    var scenario: String

    @OptionGroup var simulation: SimulationOptions
    @OptionGroup var pricing: PriceOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var report: ReportOptions

    func run() throws {
        var loaded = try pricing.loadScenario(scenario)
        simulation.apply(to: &loaded)
        if loaded.team != nil {
            // A team scenario: `run` does what `forecast` does.
            try ForecastCommand.emit(try ForecastCommand.forecast(loaded, quiet: output.quiet), output: output)
            return
        }
        if output.format == .html || report.targetRSE != nil {
            return try runWithReport(loaded)
        }
        let document = try Self.forecast(loaded, quiet: output.quiet)
        switch output.format {
        case .table: try output.emit(ForecastText.render(document))
        case .json: try output.emit(try JSONText.encode(document))
        case .csv: try output.emit(ForecastCSV.render(document))
        case .html: try runWithReport(loaded)
        }
    }

    static func forecast(_ scenario: Scenario, quiet: Bool) throws -> ForecastDocument {
        let bar = ProgressBar(total: Double(scenario.trials), label: "simulating", quiet: quiet)
        defer { bar.finish() }
        let result = try DeveloperForecaster.run(scenario.forecastSpec()) { done in bar.advance(by: Double(done)) }
        return ForecastDocument(scenario: scenario, forecast: result, version: TokencastVersion.current)
    }
}
