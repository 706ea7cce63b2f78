import ArgumentParser
import Composition
import Foundation
import Reports
import Scenario
import Simulation

/// `tokencast sensitivity SCENARIO`: which uncertain inputs move the forecast, and by how much.
struct SensitivityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sensitivity",
        abstract: "Rank the uncertain inputs of a scenario by how much they move the forecast.",
        discussion:
            "Swings every uncertain input from its P10 to its P90 with the others at their median and the same random numbers in every run, and prints a tornado; then the share of the variance of spend each input explains, by regression over the full forecast's trials. See docs/reports.md."
    )

    @Argument(help: "The scenario file (YAML); see docs/scenarios.md.")
    var scenario: String

    @OptionGroup var simulation: SimulationOptions
    @OptionGroup var pricing: PriceOptions
    @OptionGroup var output: OutputOptions

    @Option(
        name: .customLong("swing-trials"), help: "Trials per one-at-a-time run (default: the scenario's trials, at most 2,000).")
    var swingTrials: Int?

    @Option(
        name: .customLong("material"),
        help: ArgumentHelp(
            "Swings smaller than this share of the base are listed as having no material effect.", valueName: "PERCENT"))
    var material: RelativeError = RelativeError(argument: "1%") ?? RelativeError(value: 0.01)

    func validate() throws {
        if let swingTrials, swingTrials < 10 || swingTrials > 10_000_000 {
            throw ValidationError("--swing-trials must be between 10 and 10,000,000, got \(swingTrials).")
        }
        if !(material.value >= 0 && material.value < 1) {
            throw ValidationError("--material must be between 0 and 100 %, got \(material.value * 100) %.")
        }
        if output.format == .csv {
            throw ValidationError("sensitivity writes table, json or html; csv is not supported.")
        }
    }

    func run() throws {
        var loaded = try pricing.loadScenario(scenario)
        simulation.apply(to: &loaded)
        let spec = loaded.forecastSpec()
        let swing = swingTrials ?? min(loaded.trials, 2_000)
        let runs = Double(2 * UncertainInput.all(in: spec).filter { !$0.isFixed }.count + 1)
        let bar = ProgressBar(total: runs * Double(swing) + Double(loaded.trials), label: "sensitivity", quiet: output.quiet)
        let result = try SensitivityAnalysis.run(spec, swingTrials: swing, materialShare: material.value) {
            bar.advance(by: Double($0))
        }
        bar.finish()
        switch output.format {
        case .table, .csv:
            try output.emit(SensitivityText.render(result, scenario: loaded.name, version: TokencastVersion.current))
        case .json:
            try output.emit(try JSONText.encode(SensitivityDocument(result, scenario: loaded, version: TokencastVersion.current)))
        case .html:
            var report = HTMLReport(title: "\(loaded.name): sensitivity", subtitle: "tokencast sensitivity · \(loaded.file)")
            report.add(ForecastReport.sensitivity(result))
            report.add(ForecastReport.inputs(loaded))
            report.footer = [
                ("seed", String(result.seed)), ("trials per swing", Money.grouped(Double(result.trials))),
                ("regression trials", Money.grouped(Double(result.regressionTrials))),
                ("run time", String(format: "%.1f s", result.elapsedSeconds)),
                ("version", "tokencast \(TokencastVersion.current)"),
            ]
            for problem in report.problems { FileHandle.standardError.write(Data("warning: report layout: \(problem)\n".utf8)) }
            try output.emit(report.render())
        }
    }
}

extension RelativeError {
    init(value: Double) { self.value = value }
}
