// Tests: ThreadBehaviour.swift
import Distributions
import Pricing
import Testing

@testable import Simulation

func constantBehaviour(turns: Double = 10, p: Double = 0.5, q: Double = 0.1, maxAttempts: Int = 3) throws -> ThreadBehaviour {
    ThreadBehaviour(
        turns: try Constant(value: turns), freshInputPerTurn: try Constant(value: 1_000),
        outputPerTurn: try Constant(value: 500), cacheHitRate: try Constant(value: 0.8),
        baseContext: try Constant(value: 10_000), oneShotRate: p, offTheRailsRate: q, maxAttempts: maxAttempts)
}

@Suite struct ThreadKernelTests {
    // A computed property, not a stored `try!`: the typed-throws call in a stored property's
    // initialiser crashed the test runner (Swift 6.3).
    var opus: ModelPrice {
        get throws { try PriceCatalog.builtIn.price(of: "claude-opus-4-5") }
    }

    @Test func constantInputsMatchClosedFormExpectedCost() throws {
        let behaviour = try constantBehaviour()
        let model = PricedModel(name: "opus", price: try opus, behaviour: behaviour)
        // One attempt: 122,400 cache reads, 55,100 cache writes, 5,000 output at Opus prices.
        let attemptCost = 122_400 * 0.5e-6 + 55_100 * 6.25e-6 + 5_000 * 25e-6
        var rng = RandomStream(seed: 7)
        var totals = ThreadTotals()
        ThreadKernel.simulate(
            model, trial: .nominal(behaviour), count: 200_000, rng: &rng, workspace: KernelWorkspace(), totals: &totals)
        #expect(totals.threads == 200_000)
        // E[attempts] = 1 + 0.55 + 0.55^2 with success probability (1 - 0.1) * 0.5 = 0.45.
        let expectedAttempts = 1 + 0.55 + 0.55 * 0.55
        #expect(abs(behaviour.expectedAttempts - expectedAttempts) < 1e-12)
        let attempts = Double(totals.attempts) / 200_000
        #expect(abs(attempts / expectedAttempts - 1) < 0.01)
        // Every attempt costs the same, so cost = attempts x attempt cost exactly.
        #expect(abs(totals.cost.value - Double(totals.attempts) * attemptCost) < 1e-6 * totals.cost.value)
        // Waste share is q in expectation: each attempt is off the rails with probability q.
        #expect(abs(totals.wasteShare - 0.1) < 0.005)
        let completion = Double(totals.completed) / 200_000
        #expect(abs(completion - behaviour.completionProbability) < 0.005)
    }

    @Test func blasAndFusedPricingAgree() throws {
        let behaviour = ThreadBehaviour(
            turns: try DiscretisedLognormal(median: 12, p90: 45), freshInputPerTurn: try Lognormal(median: 2_000, p90: 6_000),
            outputPerTurn: try Lognormal(median: 600, p90: 2_000), cacheHitRate: try Beta(mean: 0.85, sd: 0.08),
            baseContext: try Constant(value: 15_000), oneShotRate: 0.55, offTheRailsRate: 0.05, maxAttempts: 3)
        let model = PricedModel(name: "opus", price: try opus, behaviour: behaviour)
        var a = ThreadTotals(), b = ThreadTotals()
        var r1 = RandomStream(seed: 11), r2 = RandomStream(seed: 11)
        ThreadKernel.simulate(
            model, trial: .nominal(behaviour), count: 10_000, rng: &r1, workspace: KernelWorkspace(), totals: &a, mode: .fused)
        ThreadKernel.simulate(
            model, trial: .nominal(behaviour), count: 10_000, rng: &r2, workspace: KernelWorkspace(), totals: &b, mode: .blas)
        #expect(a.attempts == b.attempts)
        #expect(abs(a.cost.value - b.cost.value) < 1e-9 * a.cost.value)
    }

    @Test func offTheRailsOneMeansEverythingIsWasted() throws {
        let behaviour = try constantBehaviour(q: 1)
        let model = PricedModel(name: "opus", price: try opus, behaviour: behaviour)
        var totals = ThreadTotals()
        var rng = RandomStream(seed: 1)
        ThreadKernel.simulate(
            model, trial: .nominal(behaviour), count: 1_000, rng: &rng, workspace: KernelWorkspace(), totals: &totals)
        #expect(totals.completed == 0)
        #expect(totals.attempts == 3_000)
        #expect(totals.wasteShare == 1)
    }

    @Test func oneShotCertainMeansOneAttempt() throws {
        let behaviour = try constantBehaviour(p: 1, q: 0)
        let model = PricedModel(name: "opus", price: try opus, behaviour: behaviour)
        var totals = ThreadTotals()
        var rng = RandomStream(seed: 1)
        ThreadKernel.simulate(
            model, trial: .nominal(behaviour), count: 5_000, rng: &rng, workspace: KernelWorkspace(), totals: &totals)
        #expect(totals.attempts == 5_000 && totals.completed == 5_000 && totals.waste.value == 0)
    }
}
