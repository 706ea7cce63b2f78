import Distributions
import LinearAlgebra
import Pricing
import Testing

@testable import Simulation

/// A behaviour with a copula between its draws (a fit's `DependenceFit`, or `correlations:`) on
/// the team path: the aggregated path's moment tables must draw it as the kernel does, or large
/// teams forecast the independent model's cost.
@Suite struct TeamDependenceTests {
    let calendar = WorkCalendar(months: ["2027-01", "2027-02", "2027-03"], workingDays: [21, 20, 23])

    /// Turns and fresh input per turn correlated +0.5 in normal scores: long threads with larger
    /// turns, the cost (about u T²) above the independent model's.
    func model(dependent: Bool) throws -> PricedModel {
        var m = try teamModels(uncertain: false).models[0]
        if dependent {
            var r = Matrix.identity(5)
            r[BehaviourDraw.turns.index, BehaviourDraw.freshInputPerTurn.index] = 0.5
            r[BehaviourDraw.freshInputPerTurn.index, BehaviourDraw.turns.index] = 0.5
            m.behaviour.setDependence(try DrawDependence(correlation: r))
        }
        return m
    }

    func run(_ method: TeamMethod, dependent: Bool) throws -> SpendSummary {
        let spec = TeamForecastSpec(
            models: [try model(dependent: dependent)], uncertainty: [BehaviourUncertainty.none],
            profiles: [
                TeamProfileSpec(
                    name: "large", demand: ThreadDemand(meanPerDay: 3, dayDispersion: 3, developerCV: 0.35), mix: [1],
                    plan: .constant(30))
            ],
            calendar: calendar, trials: 48, seed: 7, method: method)
        return SpendSummary(try TeamForecaster.run(spec).teamAnnual)
    }

    @Test func aggregatedProfilesDrawTheCopula() throws {
        let exact = try run(.exact, dependent: true)
        let aggregated = try run(.aggregate, dependent: true)
        let independent = try run(.aggregate, dependent: false)
        let figures = "means: exact \(exact.mean), aggregated \(aggregated.mean), independent \(independent.mean)"
        #expect(abs(aggregated.mean / exact.mean - 1) < 0.05, "\(figures)")
        // The copula matters here (measured 1.245), so the first check fails for tables that
        // ignore it: their mean is the independent one.
        #expect(exact.mean / independent.mean > 1.15, "\(figures)")
    }
}
