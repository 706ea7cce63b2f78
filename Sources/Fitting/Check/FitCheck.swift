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

    enum CodingKeys: String, CodingKey {
        case rows, ks
        case priceKey = "price_key", simulatedThreads = "simulated_threads", loggedThreads = "logged_threads"
    }

    /// Logged cost of a thread at base prices.
    static func cost(_ t: TokenCounts, _ p: ModelPrice) -> Double {
        Double(t.input) * p.input + Double(t.cacheRead) * p.cacheRead + Double(t.cacheWrite5m) * p.cacheWrite5m
            + Double(t.cacheWrite1h) * p.cacheWrite1h + Double(t.output) * p.output
    }

    static func run(fit: BehaviourFit, observations: [ThreadObservation], price: ModelPrice, threads: Int, seed: UInt64) -> FitCheck? {
        guard let behaviour = try? fit.estimate.behaviour(oneShot: 1, offTheRails: 0, maxAttempts: 1) else { return nil }
        var flat = price
        flat.tiers = []
        let model = PricedModel(name: fit.model, price: flat, behaviour: behaviour)
        var rng = RandomStream(seed: seed).substream(0xC4EC)
        var totals = ThreadTotals()
        var simulatedCost: [Double] = []
        simulatedCost.reserveCapacity(threads)
        ThreadKernel.simulate(
            model, trial: .nominal(behaviour), count: threads, rng: &rng, workspace: KernelWorkspace(), totals: &totals
        ) { view in simulatedCost.append(contentsOf: view.cost) }

        // Turns and tokens per thread from the same laws (the kernel reports only money per thread).
        var draws = RandomStream(seed: seed).substream(0xC4ED)
        var simulatedTurns: [Double] = [], simulatedTokens: [Double] = []
        for _ in 0..<threads {
            let t = max(1, behaviour.turns.sample(using: &draws).rounded(.up))
            let u = behaviour.freshInputPerTurn.sample(using: &draws)
            let o = behaviour.outputPerTurn.sample(using: &draws)
            let h = behaviour.cacheHitRate.sample(using: &draws)
            let s = behaviour.baseContext.sample(using: &draws)
            let v = AttemptTokens.compute(
                turns: t, base: s, fresh: u, output: o, hitRate: h, tierThreshold: .infinity, window: .infinity,
                summary: 0, explicitCache: price.caching == .explicit)
            simulatedTurns.append(t)
            simulatedTokens.append(v.sum())
        }
        let loggedCost = observations.map { cost($0.tokens, price) }
        let loggedTurns = observations.map { Double($0.turns) }
        let loggedTokens = observations.map { Double($0.tokens.totalInput + $0.tokens.output) }

        var rows: [Row] = []
        var ks: [String: Double] = [:]
        for (metric, logged, simulated) in [
            ("cost_usd", loggedCost, simulatedCost), ("turns", loggedTurns, simulatedTurns), ("tokens", loggedTokens, simulatedTokens),
        ] {
            let a = logged.sorted(), b = simulated.sorted()
            for (label, p) in [("P50", 0.5), ("P90", 0.9), ("P99", 0.99)] {
                let l = Stats.quantile(sorted: a, p), s = Stats.quantile(sorted: b, p)
                rows.append(Row(metric: metric, quantile: label, logged: l, simulated: s, relativeError: l != 0 ? (s - l) / l : .nan))
            }
            let lm = Stats.mean(logged), sm = Stats.mean(simulated)
            rows.append(Row(metric: metric, quantile: "mean", logged: lm, simulated: sm, relativeError: lm != 0 ? (sm - lm) / lm : .nan))
            ks[metric] = Stats.ksDistance(a, b)
        }
        return FitCheck(priceKey: price.model, simulatedThreads: threads, loggedThreads: observations.count, rows: rows, ks: ks)
    }
}
