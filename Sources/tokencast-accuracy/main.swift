import Composition
import Foundation
import Scenario
import Simulation

// `make test` (last step): the aggregated path against the exact one where it matters, on
// 50-developer teams at the presets' full heavy tails, in a release build (an exact year of 50
// developers at thousands of trials is minutes in a debug build). P5/P50/P95 of the annual
// total must agree within the tolerance; one JSON line per check on stdout; exit 1 on failure.
// docs/team-forecasts.md gives the figures and why the trial counts are what they are.

struct Check {
    var fixture: String
    var trials: Int
    var seed: UInt64
    var tolerance: Double
}

let checks = [
    // API prices: 1 % (the bar). Exact and aggregated share the trials' shared draws
    // and the developers' own means, so the comparison's own noise is about 0.3 % at P95.
    Check(fixture: "fixtures/team-50.yaml", trials: 8_000, seed: 42, tolerance: 0.01),
    // Seats on an overage plan: the seat table's estimate of a rare overage adds its own error
    // (docs/team-forecasts.md, Seat plans), so 1.5 %.
    Check(fixture: "fixtures/team-50-seats.yaml", trials: 4_000, seed: 42, tolerance: 0.015),
]

var failed = false
for c in checks {
    let scenario: Scenario
    do {
        scenario = try ScenarioLoader.load(path: c.fixture, fits: StoredFits())
    } catch {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        exit(2)
    }
    var spec = scenario.teamSpec()
    spec.trials = c.trials
    spec.seed = c.seed
    var summaries: [SpendSummary] = []
    var seconds: [Double] = []
    for method in [TeamMethod.exact, .aggregate] {
        spec.method = method
        do {
            let f = try TeamForecaster.run(spec)
            summaries.append(SpendSummary(f.teamAnnual))
            seconds.append(f.elapsedSeconds)
        } catch {
            FileHandle.standardError.write(Data("\(c.fixture): \(error)\n".utf8))
            exit(1)
        }
    }
    let (e, a) = (summaries[0], summaries[1])
    let gaps = [("p5", e.p5, a.p5), ("p50", e.p50, a.p50), ("p95", e.p95, a.p95), ("mean", e.mean, a.mean)]
        .map { ($0.0, $0.1, $0.2, $0.2 / $0.1 - 1) }
    let worst = gaps.prefix(3).map { abs($0.3) }.max() ?? 0
    let ok = worst < c.tolerance
    if !ok { failed = true }
    func number(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }
    let fields = gaps.map {
        "\"\($0.0)\": {\"exact\": \(number($0.1, 0)), \"aggregated\": \(number($0.2, 0)), \"difference\": \(number($0.3, 5))}"
    }
    print(
        "{\"fixture\": \"\(c.fixture)\", \"trials\": \(c.trials), \"seed\": \(c.seed), \"tolerance\": \(c.tolerance), "
            + fields.joined(separator: ", ")
            + ", \"exact_seconds\": \(number(seconds[0], 1)), \"aggregated_seconds\": \(number(seconds[1], 2)), \"pass\": \(ok)}")
}
exit(failed ? 1 : 0)
