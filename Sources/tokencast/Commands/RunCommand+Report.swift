import ArgumentParser
import Foundation
import Reports
import Scenario
import Simulation

/// A relative error written as a percentage (`0.5%`) or a fraction (`0.005`).
struct RelativeError: ExpressibleByArgument, Sendable {
    var value: Double

    init?(argument: String) {
        let s = argument.trimmingCharacters(in: .whitespaces)
        if s.hasSuffix("%") {
            guard let v = Double(s.dropLast().trimmingCharacters(in: .whitespaces)) else { return nil }
            value = v / 100
        } else {
            guard let v = Double(s) else { return nil }
            value = v
        }
    }
}

/// Options of the HTML report and of convergence runs.
struct ReportOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "A budget per developer over the horizon, in USD: marked on the charts, with the chance of exceeding it.",
            valueName: "USD"))
    var budget: Double?

    @Option(
        name: .customLong("target-rse"),
        help: ArgumentHelp(
            "Add trials until the relative standard error of the mean and of the P90 are below this, e.g. 0.5%.",
            valueName: "PERCENT"))
    var targetRSE: RelativeError?

    @Option(name: .customLong("max-trials"), help: "With --target-rse: never run more trials than this.")
    var maxTrials: Int = 2_000_000

    @Option(
        name: .customLong("sensitivity-trials"),
        help: "Trials per run of the HTML report's sensitivity swings (0 leaves the sensitivity section out).")
    var sensitivityTrials: Int = 1_000

    func validate() throws {
        if let budget, !(budget > 0 && budget.isFinite) {
            throw ValidationError("--budget must be a positive amount in USD, got \(budget).")
        }
        if let t = targetRSE, !(t.value > 0 && t.value < 1) {
            throw ValidationError("--target-rse must be between 0 and 100 %, e.g. 0.5% or 0.005, got \(t.value * 100) %.")
        }
        if maxTrials < 200 || maxTrials > Scenario.allowedTrials.upperBound {
            throw ValidationError(
                "--max-trials must be between 200 and \(Money.grouped(Double(Scenario.allowedTrials.upperBound))), got \(maxTrials)."
            )
        }
        if sensitivityTrials < 0 || sensitivityTrials > 1_000_000 {
            throw ValidationError("--sensitivity-trials must be between 0 and 1,000,000, got \(sensitivityTrials).")
        }
    }
}

extension RunCommand {
    /// `run` with `--format html` or `--target-rse`: keeps the per-trial values the report draws.
    func runWithReport(_ scenario: Scenario) throws {
        let spec = scenario.forecastSpec()
        var forecast: DeveloperForecast
        var steps: [Convergence.Step]?
        if let target = report.targetRSE?.value {
            let accumulator = try ForecastAccumulator(spec: spec)
            let bar = ProgressBar(total: Double(report.maxTrials), label: "converging", quiet: output.quiet)
            let initial = simulation.trials ?? min(scenario.trials, 2_000)
            steps = Convergence.run(
                target: target, initial: initial, maxTrials: report.maxTrials, align: ForecastAccumulator.aligned
            ) { n in
                accumulator.extend(to: n) { bar.advance(by: Double($0)) }
                return accumulator.annualByTrial
            }
            bar.finish()
            forecast = accumulator.forecast()
            if let last = steps?.last {
                let reached = last.worst <= target
                let message =
                    "\(reached ? "converged" : "stopped without converging") after \(Money.grouped(Double(last.trials))) trials: relative standard error \(String(format: "%.3f", last.meanRSE * 100)) % (mean), \(String(format: "%.3f", last.p90RSE * 100)) % (P90), target \(String(format: "%.3f", target * 100)) %\n"
                FileHandle.standardError.write(Data(message.utf8))
            }
        } else {
            let bar = ProgressBar(total: Double(scenario.trials), label: "simulating", quiet: output.quiet)
            forecast = try DeveloperForecaster.run(spec) { bar.advance(by: Double($0)) }
            bar.finish()
        }
        let document = ForecastDocument(scenario: scenario, forecast: forecast, version: TokencastVersion.current)
        switch output.format {
        case .table: try output.emit(ForecastText.render(document))
        case .json: try output.emit(try JSONText.encode(document))
        case .csv: try output.emit(ForecastCSV.render(document))
        case .html:
            var sensitivity: SensitivityResult?
            if report.sensitivityTrials > 0 {
                var s = spec
                s.trials = forecast.trials
                let runs = Double(2 * UncertainInput.all(in: s).filter { !$0.isFixed }.count + 1)
                let bar = ProgressBar(
                    total: runs * Double(report.sensitivityTrials) + Double(s.trials), label: "sensitivity", quiet: output.quiet)
                sensitivity = try SensitivityAnalysis.run(s, swingTrials: report.sensitivityTrials) {
                    bar.advance(by: Double($0))
                }
                bar.finish()
            }
            let html = ForecastReport.build(
                document, scenario: scenario,
                extras: .init(
                    annualByTrial: forecast.annualByTrial, budget: report.budget, sensitivity: sensitivity, convergence: steps,
                    convergenceTarget: report.targetRSE?.value))
            for problem in html.problems {
                FileHandle.standardError.write(Data("warning: report layout: \(problem)\n".utf8))
            }
            try output.emit(html.render())
        }
    }
}
