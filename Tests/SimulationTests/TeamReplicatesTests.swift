// Tests: ThreadDemand.swift, ReplicateMoments.swift
import Distributions
import LinearAlgebra
import NumericalMethods
import Pricing
import Testing

@testable import Simulation

/// A fitted model's bootstrap replicates on the team path: `forecast` must draw one per trial
/// exactly as `run` does, or a team loses the fit's parameter uncertainty.
@Suite struct TeamReplicatesTests {
    /// A quarter keeps the debug build quick; the replicates' spread shows in any horizon.
    let calendar = WorkCalendar(months: ["2027-01", "2027-02", "2027-03"], workingDays: [21, 20, 23])

    /// Replicates of each model that differ in their turns law, as a fit's bootstrap gives them.
    func replicates(of models: [PricedModel]) throws -> [[ThreadBehaviour]] {
        try models.map { model in
            try [6.0, 9, 12, 16, 22].map { median in
                var b = model.behaviour
                b.turns = try DiscretisedLognormal(median: median, p90: median * 3.3)
                return b
            }
        }
    }

    func developerSpec() throws -> DeveloperForecastSpec {
        let (models, uncertainty) = try teamModels(uncertain: true)
        var spec = DeveloperForecastSpec(
            models: models, mix: [0.7, 0.3], uncertainty: uncertainty,
            pricePaths: [PricePath(annualChange: -0.1, annualChangeSD: 0.1), PricePath(annualChange: -0.1, annualChangeSD: 0.1)],
            priceCorrelation: 0.8, demand: ThreadDemand(meanPerDay: 3, dayDispersion: 3, developerCV: 0.35),
            calendar: calendar, trials: 320, seed: 42)
        spec.behaviourReplicates = try replicates(of: models)
        return spec
    }

    @Test func aTeamOfOneGivesTheDistributionOfRun() throws {
        let spec = try developerSpec()
        let developer = try DeveloperForecaster.run(spec)
        let team = try TeamForecaster.run(TeamForecastSpec(developer: spec))
        let t = SpendSummary(team.teamAnnual), d = developer.annual
        let bands = "run P10-P90 \(d.p10)-\(d.p90), team of one \(t.p10)-\(t.p90)"
        #expect(t.p10 == d.p10 && t.p90 == d.p90, "\(bands)")
        // Bit for bit: the same replicate per trial and the same draws after it.
        let same = team.teamAnnual == developer.annualByTrial
        #expect(same, "\(bands)")
    }

    /// One profile of 30 developers on the first model, run on the exact and on the aggregated
    /// path with the same seed, so trial `t` draws the same replicate on both.
    func largeProfile(method: TeamMethod, replicates: Bool, trials: Int = 160) throws -> TeamForecastSpec {
        let developer = try developerSpec()
        var s = TeamForecastSpec(
            models: [developer.models[0]], uncertainty: [BehaviourUncertainty.none],
            profiles: [TeamProfileSpec(name: "large", demand: developer.demand, mix: [1], plan: .constant(30))],
            calendar: calendar, trials: trials, seed: 42, method: method)
        if replicates { s.behaviourReplicates = [developer.behaviourReplicates[0]] }
        return s
    }

    /// The aggregated path draws the trial's replicate too (ReplicateMoments): its band is the
    /// exact path's, trial by trial, where before it was the nominal behaviour's alone (a
    /// P90/P10 ratio near 1 for 30 developers, against about 4 from the replicates).
    @Test func aggregatedProfilesDrawTheTrialsReplicate() throws {
        let exact = try TeamForecaster.run(largeProfile(method: .exact, replicates: true))
        let aggregated = try TeamForecaster.run(largeProfile(method: .aggregate, replicates: true))
        let nominal = try TeamForecaster.run(largeProfile(method: .aggregate, replicates: false))
        let e = SpendSummary(exact.teamAnnual), a = SpendSummary(aggregated.teamAnnual), n = SpendSummary(nominal.teamAnnual)
        let bands = "exact P10-P90 \(e.p10)-\(e.p90), aggregated \(a.p10)-\(a.p90), without replicates \(n.p10)-\(n.p90)"
        #expect(abs(a.p10 / e.p10 - 1) < 0.06 && abs(a.p90 / e.p90 - 1) < 0.06 && abs(a.mean / e.mean - 1) < 0.04, "\(bands)")
        #expect(e.p90 / e.p10 > 2 && n.p90 / n.p10 < 1.3, "\(bands)")
        // Trial by trial: the same replicate moves both paths the same way.
        var ratio: [Double] = []
        for t in exact.teamAnnual.indices { ratio.append(aggregated.teamAnnual[t] / exact.teamAnnual[t]) }
        ratio.sort()
        #expect(
            ratio[ratio.count / 20] > 0.8 && ratio[ratio.count * 19 / 20] < 1.25,
            "5th-95th percentile of aggregated/exact per trial: \(ratio[ratio.count / 20])-\(ratio[ratio.count * 19 / 20])")
    }

    /// The aggregated path's replicate ratios draw a kernel copula as the kernel does: a kernel
    /// whose centres give every draw the same rank (long threads with large fresh input), with
    /// noise of identity shape, against independent draws. Before, only the Gaussian factor was
    /// read and this ratio was 1.
    @Test func replicateMomentsDrawAKernelCopula() throws {
        let model = try teamModels(uncertain: false).models[0]
        let centres = (0..<200).map { normalQuantile((Double($0) + 0.5) / 200) }
        var coupled = model.behaviour
        coupled.setDependence(
            try DrawDependence(
                correlation: Matrix.identity(5),
                kernel: try KernelCopula(scores: Array(repeating: centres, count: 5), bandwidth: 0.3)))
        let moments = ReplicateMoments(model: model, replicates: [coupled], stream: RandomStream(seed: 5))
        // The same ratio from the kernel's own draw stage, priced the same way.
        func mean(_ b: ThreadBehaviour) -> Double {
            var rng = RandomStream(seed: 8)
            let n = 200_000
            let d = AttemptDraws.sample(b, count: n, rng: &rng)
            var m = model
            m.behaviour = b
            var s1 = CompensatedSum(), s2 = CompensatedSum()
            ThreadCostMoments.priceAttempts(
                m, [d.turns, d.fresh, d.output, d.hitRate, d.base], n, turnsScale: 1, tokensScale: 1, shift: 0, into: &s1, &s2)
            return s1.value / Double(n)
        }
        let direct = mean(coupled) / mean(model.behaviour)
        let ratio = try #require(moments.meanRatio.first)
        #expect(ratio > 1.1, "ratio \(ratio)")
        #expect(abs(ratio / direct - 1) < 0.05, "ReplicateMoments \(ratio), the draw stage \(direct)")
    }
}
