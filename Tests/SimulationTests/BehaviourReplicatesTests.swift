import Distributions
import Pricing
import Testing

@testable import Simulation

@Suite struct BehaviourReplicatesTests {
    func behaviour(tokens scale: Double) throws -> ThreadBehaviour {
        ThreadBehaviour(
            turns: try DiscretisedLognormal(median: 12, p90: 40),
            freshInputPerTurn: try Lognormal(median: 900 * scale, p90: 3_000 * scale),
            outputPerTurn: try Lognormal(median: 240 * scale, p90: 760 * scale), cacheHitRate: try Beta(mean: 0.9, sd: 0.05),
            baseContext: try Constant(value: 10_000), oneShotRate: 0.5, offTheRailsRate: 0.05, maxAttempts: 3)
    }

    func spec(_ replicates: [[ThreadBehaviour]]) throws -> DeveloperForecastSpec {
        let model = PricedModel(
            name: "sonnet", price: try PriceCatalog.builtIn.price(of: "claude-sonnet-4-5"), behaviour: try behaviour(tokens: 1))
        var s = DeveloperForecastSpec(
            models: [model], mix: [1], demand: ThreadDemand(meanPerDay: 3, dayDispersion: 3),
            calendar: .spreading(workingDaysPerYear: 230, startYear: 2027, startMonth: 1), trials: 200, seed: 5)
        s.behaviourReplicates = replicates
        return s
    }

    @Test func replicatesEqualToTheBehaviourChangeNothing() throws {
        // The pick draws from a child of the trial stream, so the trial's own draws are untouched.
        let plain = try DeveloperForecaster.run(try spec([]))
        let same = try DeveloperForecaster.run(try spec([[try behaviour(tokens: 1), try behaviour(tokens: 1)]]))
        #expect(plain.annualByTrial == same.annualByTrial)
    }

    @Test func eachTrialUsesOneReplicateAndTheBandWidens() throws {
        let plain = try DeveloperForecaster.run(try spec([]))
        let spread = try DeveloperForecaster.run(try spec([[try behaviour(tokens: 0.5), try behaviour(tokens: 2)]]))
        #expect(spread.annual.p90 / spread.annual.p10 > plain.annual.p90 / plain.annual.p10)
        var one = try spec([[try behaviour(tokens: 0.5), try behaviour(tokens: 2)]])
        one.workers = 1
        #expect(try DeveloperForecaster.run(one).annualByTrial == spread.annualByTrial)
    }
}
