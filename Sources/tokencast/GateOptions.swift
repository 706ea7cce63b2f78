import ArgumentParser
import Foundation
import Reports
import Simulation

/// What `--budgets` writes instead of the forecast report.
enum BudgetFormat: String, ExpressibleByArgument, CaseIterable {
    case litellm
}

extension LiteLLMBudgets.Level: ExpressibleByArgument {}

/// `forecast --fail-if` and `--budgets`: a forecast as a CI gate and as budget settings.
struct GateOptions: ParsableArguments {
    @Option(
        name: .customLong("fail-if"),
        help: ArgumentHelp(
            "Exit 1 when the forecast meets this condition, e.g. \"p90 > 250000\", \"team:backend p95 > 40k\", \"monthly mean > 30k\" (repeatable; docs/team-forecasts.md).",
            valueName: "CONDITION"))
    var failIf: [String] = []

    @Option(
        help:
            "Print per-team budgets as settings for this gateway instead of the report: litellm (YAML; JSON with --format json).")
    var budgets: BudgetFormat?

    @Option(help: "The quantile of the highest month's spend that --budgets sets as each team's budget: p90 or p95.")
    var budgetLevel: LiteLLMBudgets.Level = .p95

    /// The parsed conditions; a bad one is bad input (exit 2) before anything is simulated.
    func conditions(profiles: [String]) throws -> [SpendGate] {
        var gates: [SpendGate] = []
        for text in failIf {
            do throws(SpendGateError) {
                gates.append(try SpendGate.parse(text, profiles: profiles))
            } catch {
                throw UserFacingError.badCondition(error)
            }
        }
        return gates
    }

    /// Prints each condition's verdict on standard error and exits 1 when any fails: the
    /// report has been written by then, so the pipeline's log keeps it.
    static func check(_ gates: [SpendGate], on forecast: TeamForecast) throws {
        guard !gates.isEmpty else { return }
        let verdicts = gates.map { $0.evaluate(forecast) }
        for v in verdicts { FileHandle.standardError.write(Data(((v.fails ? "error: " : "") + v.sentence + "\n").utf8)) }
        if verdicts.contains(where: \.fails) { throw ExitCode(1) }
    }
}
