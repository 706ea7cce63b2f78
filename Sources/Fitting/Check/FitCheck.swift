import Distributions
import Foundation
import NumericalMethods
import Pricing
import Simulation
import ThreadStore

/// How well a fit reproduces the data it came from: simulated against logged threads at
/// P50/P90/P99 for cost, turns and tokens, and the two-sample Kolmogorov–Smirnov distance.
///
/// Cost is priced at the catalog's base prices on both sides (context tiers off, since the
/// logged side is priced from thread totals), one attempt per thread (a logged thread is one
/// attempt), and no context window (the fit has no compaction to reproduce).
public struct FitCheck: Sendable, Hashable, Codable {
    public struct Row: Sendable, Hashable, Codable {
        public var metric: String
        public var quantile: String
        public var logged: Double
        public var simulated: Double
        /// (simulated - logged) / logged.
        public var relativeError: Double

        enum CodingKeys: String, CodingKey {
            case metric, quantile, logged, simulated
            case relativeError = "relative_error"
        }
    }

    public var priceKey: String
    public var simulatedThreads: Int
    public var loggedThreads: Int
    public var rows: [Row]
    /// Two-sample KS distance per metric.
    public var ks: [String: Double]
    /// The same rows with the draws independent, when the fit has dependence (side by side).
    public var independentRows: [Row]?
    public var independentKS: [String: Double]?

    enum CodingKeys: String, CodingKey {
        case rows, ks
        case independentRows = "independent_rows", independentKS = "independent_ks"
        case priceKey = "price_key", simulatedThreads = "simulated_threads", loggedThreads = "logged_threads"
    }

    /// Logged cost of a thread at base prices.
    static func cost(_ t: TokenCounts, _ p: ModelPrice) -> Double {
        Double(t.input) * p.input + Double(t.cacheRead) * p.cacheRead + Double(t.cacheWrite5m) * p.cacheWrite5m
            + Double(t.cacheWrite1h) * p.cacheWrite1h + Double(t.output) * p.output
    }

    /// Per-thread cost, turns and tokens of `threads` simulated single attempts (the fit check's
    /// and the validation's simulated side): the kernel's own draw stage, so dependence is drawn
    /// as in forecasts, priced at base prices without tiers or a context window.
    public static func simulate(
        _ behaviour: ThreadBehaviour, price: ModelPrice, threads: Int, seed: UInt64
    ) -> (cost: [Double], turns: [Double], tokens: [Double]) {
        var rng = RandomStream(seed: seed).substream(0xC4EC)
        let draws = AttemptDraws.sample(behaviour, count: threads, rng: &rng)
        let p = SIMD8<Double>(price.priceVector())
        var cost: [Double] = [], turns: [Double] = [], tokens: [Double] = []
        cost.reserveCapacity(threads); turns.reserveCapacity(threads); tokens.reserveCapacity(threads)
        for i in 0..<threads {
            let t = max(1, draws.turns[i].rounded(.up))
            let v = AttemptTokens.compute(
                turns: t, base: draws.base[i], fresh: draws.fresh[i], output: draws.output[i],
                hitRate: min(max(draws.hitRate[i], 0), 1), tierThreshold: .infinity, window: .infinity, summary: 0,
                explicitCache: price.caching == .explicit)
            cost.append((v * p).sum())
            turns.append(t)
            tokens.append(v.sum())
        }
        return (cost, turns, tokens)
    }

    static func run(fit: BehaviourFit, observations: [ThreadObservation], price: ModelPrice, threads: Int, seed: UInt64)
        -> FitCheck?
    {
        guard
            var check = compare(
                fit: fit, observations: observations, price: price, threads: threads, seed: seed, dependence: true)
        else { return nil }
        if fit.estimate.correlations != nil,
            let off = compare(fit: fit, observations: observations, price: price, threads: threads, seed: seed, dependence: false)
        {
            check.independentRows = off.rows
            check.independentKS = off.ks
        }
        return check
    }

    static func compare(
        fit: BehaviourFit, observations: [ThreadObservation], price: ModelPrice, threads: Int, seed: UInt64, dependence: Bool
    ) -> FitCheck? {
        guard let behaviour = try? fit.estimate.behaviour(oneShot: 1, offTheRails: 0, maxAttempts: 1, dependence: dependence)
        else { return nil }
        var flat = price
        flat.tiers = []
        let simulated = simulate(behaviour, price: flat, threads: threads, seed: seed)
        let loggedCost = observations.map { cost($0.tokens, price) }
        let loggedTurns = observations.map { Double($0.turns) }
        let loggedTokens = observations.map { Double($0.tokens.totalInput + $0.tokens.output) }

        var rows: [Row] = []
        var ks: [String: Double] = [:]
        for (metric, logged, sim) in [
            ("cost_usd", loggedCost, simulated.cost), ("turns", loggedTurns, simulated.turns),
            ("tokens", loggedTokens, simulated.tokens),
        ] {
            let a = logged.sorted(), b = sim.sorted()
            for (label, p) in [("P50", 0.5), ("P90", 0.9), ("P99", 0.99)] {
                let l = Stats.quantile(sorted: a, p), s = Stats.quantile(sorted: b, p)
                rows.append(
                    Row(metric: metric, quantile: label, logged: l, simulated: s, relativeError: l != 0 ? (s - l) / l : .nan))
            }
            let lm = Stats.mean(logged), sm = Stats.mean(sim)
            rows.append(
                Row(metric: metric, quantile: "mean", logged: lm, simulated: sm, relativeError: lm != 0 ? (sm - lm) / lm : .nan))
            ks[metric] = Stats.ksDistance(a, b)
        }
        return FitCheck(priceKey: price.model, simulatedThreads: threads, loggedThreads: observations.count, rows: rows, ks: ks)
    }
}
