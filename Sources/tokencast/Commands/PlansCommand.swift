import ArgumentParser
import Composition
import Foundation
import Reports
import Scenario
import Simulation

/// `tokencast plans SCENARIO`: API prices against flat plans and self-hosting, per profile.
struct PlansCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plans",
        abstract: "Compare API prices with subscription plans and self-hosting, per developer profile.",
        discussion:
            "Simulates each profile's threads through the working days of the scenario's horizon, with times of day, bills them on every plan of 'plans:' (every built-in plan when there is none) and every 'self_hosting:' setup, and reports the cost distribution, P(plan is cheaper), the expected saving, break-even usage, how often the 5-hour and weekly limits are hit, hours locked out and blocked threads. See docs/prices-and-plans.md."
    )

    @Argument(help: "The scenario file (YAML); see docs/scenarios.md and docs/prices-and-plans.md.")
    var scenario: String

    @OptionGroup var simulation: SimulationOptions
    /// The thread database whose plan calibrations apply (`tokencast calibrate --plan`).
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var pricing: PriceOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        var loaded = try pricing.loadScenario(scenario)
        simulation.apply(to: &loaded)
        try StoredCalibrations.apply(to: &loaded, database: database)
        let spec = loaded.planComparisonSpec()
        let bar = ProgressBar(total: Double(spec.trials), label: "comparing plans", quiet: output.quiet)
        let result = try PlanComparator.run(spec) { done in bar.advance(by: Double(done)) }
        bar.finish()
        let document = PlanDocument(
            scenario: loaded, comparison: result, profiles: spec.profiles, version: TokencastVersion.current)
        switch output.format {
        case .table: try output.emit(PlanText.render(document))
        case .json: try output.emit(try JSONText.encode(document))
        case .csv: try output.emit(PlanCSV.render(document))
        case .html: try output.emit(PlanReport.html(document).render())
        }
    }
}

/// `plans` and team `forecast`: the stored plan calibrations (`tokencast calibrate --plan`)
/// replace the allowances of the plans they measured. With the default database a store that
/// cannot be read is passed over (the comparison does not need it); one named by `--db` must open.
enum StoredCalibrations {
    static func apply(to scenario: inout Scenario, database: DatabaseOptions) throws {
        guard FileManager.default.fileExists(atPath: database.path) else {
            if database.db != nil { throw UserFacingError.noDatabase(path: database.path) }
            return
        }
        do {
            try CalibratedPlans.apply(to: &scenario, store: try database.open())
        } catch  where database.db == nil {
            return
        }
    }
}
