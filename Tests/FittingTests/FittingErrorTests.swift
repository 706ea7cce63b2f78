import Distributions
import Testing

@testable import Fitting

/// Every fitting error is one sentence that names what broke and, where the user can act, how
/// to fix it.
@Suite struct FittingErrorTests {
    @Test func messagesNameTheCaseAndTheFix() {
        let cases: [(FittingError, [String])] = [
            (.emptyStore(path: "t.db"), ["t.db holds no threads", "import logs first"]),
            (.noThreads(model: "m", known: []), ["'m'", "one of: none"]),
            (.noThreads(model: "m", known: ["a", "b"]), ["one of: a, b"]),
            (.tooFewThreads(model: "m", count: 3, needed: 10), ["has 3 threads", "at least 10", "import more logs"]),
            (
                .splitTooSmall(model: "m", threads: 40, training: 20, heldOut: 20, folds: nil, holdout: 0.5, needed: 30),
                ["at --holdout 0.5", "at least 30"]
            ),
            (
                .splitTooSmall(model: "m", threads: 40, training: 32, heldOut: 8, folds: 5, holdout: 0.2, needed: 30),
                ["in 5 folds"]
            ),
            (.noPrice(model: "m"), ["no price for model 'm'", "--prices"]),
            (.badPayload(id: 7, reason: "bad json"), ["stored fit #7", "(bad json)", "run tokencast fit again"]),
            (.unknownFamily("pareto"), ["'pareto'"]),
            (.missingLawParameter(family: "gamma", name: "scale"), ["gamma", "'scale'"]),
            (.lawOutsideDomain(family: "beta", .nonPositive(parameter: "alpha", value: -1)), ["beta: "]),
            (
                .badZeroShare(family: "gamma", .probabilityOutsideUnitInterval(parameter: "zero_share", value: 2)),
                ["gamma with zero_share"]
            ),
            (.baseContextConfounded(turns: 4), ["same number of turns (4)", "log request rows"]),
            (.noLawFits(families: ["gamma", "lognormal"], values: 12), ["(gamma, lognormal)", "these 12 values"]),
            (.organisationPanelEmpty, ["import usage first"]),
            (.tooFewDevelopers(found: 3, minimum: 10), ["only 3 developers", "at least 10"]),
            (.backtestMonths(months: 3, train: 3), ["covers 3 months", "leaves nothing", "between 1 and 2"]),
            (.backtestMonths(months: 6, train: 5), ["leaves too little", "between 1 and 5"]),
        ]
        for (error, parts) in cases {
            for part in parts { #expect(error.description.contains(part), "\(error.description) lacks \(part)") }
        }
        for error in [
            FittingError.missingLaw, .baseContextNeedsTwoThreads, .noDatedTrainingThreads, .tooFewTokenThreads(model: "m"),
        ] {
            #expect(!error.description.isEmpty)
        }
    }
}
