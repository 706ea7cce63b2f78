import ArgumentParser
import Composition
import Foundation
import Reports
import Scenario
import Simulation

/// `tokencast diff A B`: the change in spend from scenario A to scenario B, with common random
/// numbers (both run with the same seed and trial count, trial by trial).
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two scenarios: what differs, and the distribution of the change in spend (B minus A).",
        discussion:
            "Both scenarios run with the same seed and the same number of trials, so trial t of each starts from the same random substream (common random numbers); a scenario diffed with itself gives exactly zero. The seed and trial count are A's unless --seed and --trials are given."
    )

    @Argument(help: "The base scenario.")
    var a: String
    @Argument(help: "The changed scenario.")
    var b: String

    @Option(help: "Simulation method for both: auto, exact or aggregate.")
    var method: TeamMethod?

    @OptionGroup var simulation: SimulationOptions
    @OptionGroup var pricing: PriceOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        var sa = try pricing.loadScenario(a)
        var sb = try pricing.loadScenario(b)
        // Both run with the base scenario's seed and trials, or the command line's.
        simulation.apply(to: &sa)
        let seed = sa.seed, trials = sa.trials
        sb.seed = seed; sb.trials = trials
        let inputs = ScenarioInputs.differences(try ScenarioInputs.flatten(path: a), try ScenarioInputs.flatten(path: b))
        let bar = ProgressBar(total: Double(2 * trials), label: "simulating", quiet: output.quiet)
        defer { bar.finish() }
        var specA = sa.teamSpec(), specB = sb.teamSpec()
        if let method { specA.method = method; specB.method = method }
        let fa = try TeamForecaster.run(specA) { bar.advance(by: Double($0)) }
        let fb = try TeamForecaster.run(specB) { bar.advance(by: Double($0)) }
        let document = TeamDiffDocument(
            a: a, b: b, inputs: inputs, diff: TeamForecastDiff(a: fa, b: fb), trials: trials, seed: seed,
            version: TokencastVersion.current)
        switch output.format {
        case .table: try output.emit(TeamDiffText.render(document))
        case .json: try output.emit(try JSONText.encode(document))
        case .csv: try output.emit(TeamDiffText.csv(document))
        case .html: try output.emit(TeamReport.html(document).render())
        }
    }
}
