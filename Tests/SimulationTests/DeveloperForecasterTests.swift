// Tests: ThreadStreams.swift, DeveloperForecast.swift, DeveloperForecastSpec.swift
import Distributions
import Pricing
import Testing

@testable import Simulation

@Suite struct DeveloperForecasterTests {
    func spec(trials: Int = 64, seed: UInt64 = 99, uncertain: Bool = true) throws -> DeveloperForecastSpec {
        let catalog = PriceCatalog.builtIn
        func behaviour(_ p: Double, _ q: Double) throws -> ThreadBehaviour {
            ThreadBehaviour(
                turns: try DiscretisedLognormal(median: 12, p90: 40), freshInputPerTurn: try Lognormal(median: 900, p90: 3_000),
                outputPerTurn: try Lognormal(median: 240, p90: 760), cacheHitRate: try Beta(mean: 0.9, sd: 0.05),
                baseContext: try Constant(value: 10_000), oneShotRate: p, offTheRailsRate: q, maxAttempts: 3,
                contextWindow: 200_000)
        }
        let models = [
            PricedModel(name: "opus", price: try catalog.price(of: "claude-opus-4-5"), behaviour: try behaviour(0.57, 0.024)),
            PricedModel(name: "sonnet", price: try catalog.price(of: "claude-sonnet-4-5"), behaviour: try behaviour(0.37, 0.084)),
        ]
        let u =
            uncertain ? BehaviourUncertainty(turnsCV: 0.2, tokensCV: 0.2, oneShotSD: 0.05, turnsTokensCorrelation: 0.4) : .none
        return DeveloperForecastSpec(
            models: models, mix: [0.6, 0.4], uncertainty: [u, u],
            pricePaths: [PricePath(annualChange: -0.1, annualChangeSD: 0.1), PricePath(annualChange: -0.1, annualChangeSD: 0.1)],
            priceCorrelation: 0.8, demand: ThreadDemand(meanPerDay: 4, dayDispersion: 3, developerCV: 0.3),
            calendar: .spreading(workingDaysPerYear: 230, startYear: 2027, startMonth: 1), trials: trials, seed: seed)
    }

    @Test func sameSeedSameNumbersOnAnyWorkerCount() throws {
        var one = try spec()
        one.workers = 1
        var two = try spec()
        two.workers = 2
        var many = try spec()
        many.workers = 7
        let a = try DeveloperForecaster.run(one), b = try DeveloperForecaster.run(two), c = try DeveloperForecaster.run(many)
        #expect(a.annualByTrial == b.annualByTrial)
        #expect(a.annualByTrial == c.annualByTrial)
        #expect(a.totals.cost.value == c.totals.cost.value)
        #expect(a.models[0].threadCost == c.models[0].threadCost)
    }

    @Test func trialsArePrefixStable() throws {
        // Trial t always draws from substream t: 32 trials are the first 32 of 64.
        let short = try DeveloperForecaster.run(try spec(trials: 32))
        let long = try DeveloperForecaster.run(try spec(trials: 64))
        #expect(Array(long.annualByTrial.prefix(32)) == short.annualByTrial)
    }

    @Test func goldenValuesAtSeed99() throws {
        let f = try DeveloperForecaster.run(try spec())
        // Recorded from this implementation; a change here means the random streams or the
        // model changed, which must be deliberate. (Last change: a stream per model's threads,
        // ThreadStreams; the day counts of later months no longer follow the kernel's draws.)
        #expect(f.totals.threads == 57_059)
        #expect(abs(f.annual.mean - 1_629.995033) < 1e-5)
        #expect(abs(f.annual.p90 - 2_483.309978) < 1e-5)
    }

    @Test func monthlySpendAddsUpToAnnual() throws {
        let f = try DeveloperForecaster.run(try spec(trials: 16))
        let monthlyMeans = f.monthly.map(\.mean).reduce(0, +)
        #expect(abs(monthlyMeans - f.annual.mean) < 1e-9 * f.annual.mean)
        let perModel = f.models.map(\.annual.mean).reduce(0, +)
        #expect(abs(perModel - f.annual.mean) < 1e-9 * f.annual.mean)
    }

    @Test func sharedUncertaintyWidensTheBand() throws {
        let certain = try DeveloperForecaster.run(try spec(trials: 200, uncertain: false))
        let uncertain = try DeveloperForecaster.run(try spec(trials: 200, uncertain: true))
        #expect(uncertain.annual.p90 - uncertain.annual.p10 > certain.annual.p90 - certain.annual.p10)
    }

    @Test func inconsistentCorrelationIsRefused() throws {
        var s = try spec()
        s.priceCorrelation = 1.5
        #expect(throws: (any Error).self) { try DeveloperForecaster.run(s) }
    }
}
