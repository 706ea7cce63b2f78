import Foundation
import Pricing
import Testing
import ThreadStore

@testable import Fitting

/// The fit check: a fit's simulated threads against the logged ones it came from.
@Suite struct FitCheckTests {
    static let price = ModelPrice(
        model: "m", provider: "p", input: 3e-6, output: 15e-6, cacheRead: 0.3e-6, cacheWrite5m: 3.75e-6,
        cacheWrite1h: 6e-6, caching: .explicit)

    @Test func loggedCostIsEachClassAtItsBasePrice() {
        let t = TokenCounts(
            input: 1_000_000, cacheRead: 2_000_000, cacheWrite5m: 1_000_000, cacheWrite1h: 1_000_000, output: 100_000)
        // 3 + 0.6 + 3.75 + 6 + 1.5
        #expect(abs(FitCheck.cost(t, Self.price) - 14.85) < 1e-9)
        #expect(FitCheck.cost(TokenCounts(), Self.price) == 0)
    }

    /// A fit checked against the synthetic logs it was fitted on, which its model family can
    /// describe: the simulated quantiles land near the logged ones, for every metric.
    @Test func aFitReproducesTheThreadsItCameFrom() throws {
        let logs = SyntheticStore.fixture
        let store = try SyntheticStore.make(logs, name: "fit-check")
        let fitter = BehaviourFitter(options: .init(bootstrap: 10, goodnessReplicates: 0, seed: 4, checkThreads: 4000))
        let fit = try fitter.fit(model: logs.model, in: store)
        let check = try #require(fit.check)
        #expect(check.simulatedThreads == 4000)
        #expect(check.loggedThreads > 100)
        #expect(check.rows.count == 12)
        #expect(Set(check.rows.map(\.metric)) == ["cost_usd", "turns", "tokens"])
        #expect(check.rows.map(\.quantile).prefix(4) == ["P50", "P90", "P99", "mean"])
        for row in check.rows where row.quantile == "P50" || row.quantile == "mean" {
            #expect(abs(row.relativeError) < 0.2, "\(row.metric) \(row.quantile): \(row.logged) vs \(row.simulated)")
            #expect(abs(row.relativeError - (row.simulated - row.logged) / row.logged) < 1e-12)
        }
        for (metric, d) in check.ks { #expect(d < 0.15, "KS \(metric) \(d)") }
        // The same seed gives the same check.
        #expect(try fitter.fit(model: logs.model, in: store).check == check)
        // Its JSON keys are the documented ones.
        let json = String(decoding: try JSONEncoder().encode(check), as: UTF8.self)
        #expect(json.contains("\"simulated_threads\":4000") && json.contains("\"relative_error\""))
    }

    /// The simulated side is the kernel's one-attempt thread: a fit's draws priced at base
    /// prices, the same for the same seed and another for another.
    @Test func simulatedThreadsAreSeededAndPriced() throws {
        let logs = SyntheticStore.fixture
        let store = try SyntheticStore.make(logs, name: "fit-check-sim")
        let fit = try BehaviourFitter(options: .init(bootstrap: 5, goodnessReplicates: 0, seed: 4, catalog: nil))
            .fit(model: logs.model, in: store)
        #expect(fit.check == nil)
        let behaviour = try fit.estimate.behaviour(oneShot: 1, offTheRails: 0, maxAttempts: 1, dependence: true)
        let a = FitCheck.simulate(behaviour, price: Self.price, threads: 500, seed: 1)
        let b = FitCheck.simulate(behaviour, price: Self.price, threads: 500, seed: 1)
        let c = FitCheck.simulate(behaviour, price: Self.price, threads: 500, seed: 2)
        #expect(a.cost == b.cost && a.turns == b.turns && a.tokens == b.tokens)
        #expect(a.cost != c.cost)
        #expect(a.turns.allSatisfy { $0 >= 1 && $0 == $0.rounded() })
        #expect(zip(a.cost, a.tokens).allSatisfy { cost, tokens in cost > 0 && cost < tokens * 15e-6 })
        var doubled = Self.price
        doubled.input *= 2
        doubled.output *= 2
        doubled.cacheRead *= 2
        doubled.cacheWrite5m *= 2
        doubled.cacheWrite1h *= 2
        let d = FitCheck.simulate(behaviour, price: doubled, threads: 500, seed: 1)
        #expect(zip(a.cost, d.cost).allSatisfy { abs($1 - 2 * $0) <= 1e-12 * $1 })
    }
}
