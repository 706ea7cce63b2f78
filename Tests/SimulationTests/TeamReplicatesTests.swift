import Distributions
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

    /// The aggregated path's moment tables are built once, at the spec's behaviours: it does not
    /// draw replicates (docs/team-forecasts.md), and a replicate leaves its numbers exactly alone.
    @Test func aggregatedProfilesKeepTheSpecsBehaviours() throws {
        let developer = try developerSpec()
        func spec(replicates: Bool) -> TeamForecastSpec {
            var s = TeamForecastSpec(
                models: [developer.models[0]], uncertainty: [developer.uncertainty[0]],
                profiles: [TeamProfileSpec(name: "large", demand: developer.demand, mix: [1], plan: .constant(30))],
                calendar: calendar, trials: 64, seed: 42, method: .aggregate)
            if replicates { s.behaviourReplicates = [developer.behaviourReplicates[0]] }
            return s
        }
        #expect(
            try TeamForecaster.run(spec(replicates: true)).teamAnnual == TeamForecaster.run(spec(replicates: false)).teamAnnual)
    }
}
