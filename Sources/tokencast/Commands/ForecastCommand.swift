import ArgumentParser
import Composition
import Foundation
import Reports
import Scenario
import Simulation

/// How `--method` overrides a team's simulation method.
extension TeamMethod: ExpressibleByArgument {}

/// `tokencast forecast SCENARIO`: an organisation's spend (a scenario's `team:`; a plain
/// developer scenario is a team of one).
struct ForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Forecast a team's or an organisation's spend from a scenario file.",
        discussion:
            "Prints per-month fan-chart figures (P10/P50/P90, mean), annual totals for the organisation, per profile and per model, spend per developer, waste share, cost per completed task, lost developer time and, with a budget, the chance of overrunning it. See docs/team-forecasts.md."
    )

    @Argument(help: "The scenario file (YAML) with a 'team:' section; see docs/team-forecasts.md.")
    var scenario: String

    @Option(help: "Simulation method: auto, exact or aggregate (overrides team.method).")
    var method: TeamMethod?

    @OptionGroup var simulation: SimulationOptions
    /// The thread database whose plan calibrations apply (`tokencast calibrate --plan`).
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var pricing: PriceOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var gates: GateOptions

    func run() throws {
        var loaded = try pricing.loadScenario(scenario)
        simulation.apply(to: &loaded)
        try StoredCalibrations.apply(to: &loaded, database: database)
        // Read the conditions before simulating, so a typo costs no simulation time.
        let conditions = try gates.conditions(profiles: loaded.teamSpec().profiles.map(\.name))
        let result = try Self.simulate(loaded, method: method, quiet: output.quiet)
        if let format = gates.budgets {
            try output.emit(
                Self.budgets(format, scenario: loaded, forecast: result, level: gates.budgetLevel, json: output.format == .json))
        } else {
            try Self.emit(
                TeamForecastDocument(scenario: loaded, forecast: result, version: TokencastVersion.current), output: output)
        }
        try GateOptions.check(conditions, on: result)
    }

    static func forecast(_ scenario: Scenario, method: TeamMethod? = nil, quiet: Bool) throws -> TeamForecastDocument {
        TeamForecastDocument(
            scenario: scenario, forecast: try simulate(scenario, method: method, quiet: quiet), version: TokencastVersion.current)
    }

    static func simulate(_ scenario: Scenario, method: TeamMethod? = nil, quiet: Bool) throws -> TeamForecast {
        var spec = scenario.teamSpec()
        if let method { spec.method = method }
        let bar = ProgressBar(total: Double(spec.trials), label: "simulating", quiet: quiet)
        defer { bar.finish() }
        return try TeamForecaster.run(spec) { done in bar.advance(by: Double(done)) }
    }

    static func budgets(
        _ format: BudgetFormat, scenario: Scenario, forecast: TeamForecast, level: LiteLLMBudgets.Level, json: Bool
    ) throws -> String {
        switch format {
        case .litellm:
            let budgets = LiteLLMBudgets(scenario: scenario, forecast: forecast, level: level)
            return json ? try JSONText.encode(budgets) : budgets.yaml()
        }
    }

    static func emit(_ document: TeamForecastDocument, output: OutputOptions) throws {
        switch output.format {
        case .table: try output.emit(TeamForecastText.render(document))
        case .json: try output.emit(try JSONText.encode(document))
        case .csv: try output.emit(TeamForecastCSV.render(document))
        case .html: try output.emit(TeamReport.html(document).render())
        }
    }
}
