import Distributions
import Foundation
import NumericalMethods

/// Fits for quantities in [0, 1]: the cache hit rate's beta law, and beta posteriors of the
/// one-shot and off-the-rails rates.
public enum RateFit {
    /// The beta law fitted to `rates` by maximum likelihood (Nelder–Mead on log α, log β from the
    /// method-of-moments start). Values are clamped to [1e-6, 1 - 1e-6] first, because a rate of
    /// exactly 0 or 1 has zero density under most beta laws.
    static func beta(_ rates: [Double]) -> FittedLaw? {
        let x = rates.map { min(max($0, 1e-6), 1 - 1e-6) }
        guard x.count >= 2 else { return nil }
        let m = Stats.mean(x), v = Stats.variance(x)
        guard v > 0 else { return nil }
        let nu = max(m * (1 - m) / v - 1, 0.1)
        let meanLog: Double = Stats.mean(x.map { log($0) })
        let meanLog1m: Double = Stats.mean(x.map { log1p(-$0) })
        let best = Minimise.nelderMead(start: [log(m * nu), log((1 - m) * nu)], step: 0.3) { p in
            let a: Double = exp(p[0]), b: Double = exp(p[1])
            let logBeta: Double = lgamma(a) + lgamma(b) - lgamma(a + b)
            let kernel: Double = (a - 1) * meanLog + (b - 1) * meanLog1m
            return logBeta - kernel
        }
        return FittedLaw(family: "beta", parameters: ["alpha": exp(best.x[0]), "beta": exp(best.x[1])])
    }

    /// A rate estimated from `successes` in `trials` with a uniform prior: the posterior is
    /// Beta(1 + successes, 1 + trials - successes).
    public struct Posterior: Sendable, Hashable, Codable {
        public var successes: Int
        public var trials: Int
        public var mean: Double
        /// The central 95 % credible interval.
        public var lower: Double
        public var upper: Double

        public init(successes: Int, trials: Int) {
            self.successes = successes
            self.trials = trials
            let alpha = Double(1 + successes), beta = Double(1 + trials - successes)
            mean = alpha / (alpha + beta)
            let law = try? Beta(alpha: alpha, beta: beta)
            lower = law?.quantile(0.025) ?? .nan
            upper = law?.quantile(0.975) ?? .nan
        }
    }
}
